using IntegrationLedger.Domain.Common;
using IntegrationLedger.Application.Features.Findings;
using IntegrationLedger.Domain.Findings;
using IntegrationLedger.Application.Common.Lists;
using IntegrationLedger.Web.Hosting;
using IntegrationLedger.Web.Lists;
using IntegrationLedger.Web.Security;
using Microsoft.AspNetCore.Mvc;

namespace IntegrationLedger.Web.Pages.Findings;

[ChangedBy(Policies.ChangeInventory)]
public sealed class IndexModel(LedgerSession session) : LedgerPageModel(session)
{
    [BindProperty]
    public WorkFindingInput Work { get; set; } = new();

    public FindingListState List { get; private set; } = new();

    public ListPage<FindingView> Findings { get; private set; } = null!;

    /// <summary>The rules' ids and the kinds of subject findings have, offered as filters.</summary>
    public IReadOnlyList<string> Rules { get; } = RuleBook.All.Select(r => r.Id).Order(StringComparer.Ordinal).ToList();

    public IReadOnlyList<string> SubjectTypes { get; private set; } = [];

    /// <summary>How many findings the filter matches that can still be worked, on every page.</summary>
    public int Workable { get; private set; }

    public async Task OnGetAsync([FromQuery] FindingListState list, CancellationToken cancellationToken)
    {
        var handler = new ListFindingPageHandler(await LedgerAsync(cancellationToken));
        List = list;
        Findings = await handler.PageAsync(list.ToRequest(), cancellationToken);
        SubjectTypes = await handler.SubjectTypesAsync(cancellationToken);
        Workable = await handler.WorkableCountAsync(list.ToRequest(), cancellationToken);
    }

    public async Task<IActionResult> OnGetCsvAsync([FromQuery] FindingListState list, CancellationToken cancellationToken) =>
        new CsvDownload(new ListFindingPageHandler(await LedgerAsync(cancellationToken)).Export(list.ToRequest()));

    public async Task<IActionResult> OnPostRunAsync(CancellationToken cancellationToken)
    {
        var open = await new RunRulesHandler(await LedgerAsync(cancellationToken)).HandleAsync(new RunRules(), cancellationToken);
        return Done($"The rules ran: {open.Count} finding(s) open.");
    }

    /// <summary>Works the ticked findings, or every workable one the list's filter (in the address posted to) matches.</summary>
    public async Task<IActionResult> OnPostAsync([FromQuery] FindingListState list, CancellationToken cancellationToken)
    {
        var ledger = await LedgerAsync(cancellationToken);
        var ids = Work.AllMatching ? await new ListFindingPageHandler(ledger).WorkableIdsAsync(list.ToRequest(), cancellationToken) : Work.Ids;
        if (ids.Count == 0)
            return Refused(Work.AllMatching ? "This filter matches no finding that is still open or acknowledged; nothing was changed." : "Tick the findings to work first (or choose all that the filter matches); nothing was changed.");
        var worked = await new WorkFindingsHandler(ledger).HandleAsync(new WorkFindings(ids, Work.Action, Work.Note), cancellationToken);
        var status = KebabCase.Of(worked[0].Status);
        return Done(worked.Count == 1 ? $"Finding {worked[0].Id} is now {status}." : $"{worked.Count} findings are now {status}, each with the note.");
    }

    /// <summary>A finding worked from the list comes back to the same list: its form posts to the list's own address.</summary>
    protected override IActionResult BackToPage() => Redirect(ListAddress.With(Request, new Dictionary<string, string?> { ["handler"] = null }));
}

/// <summary>The findings list's filters, from the address: <c>/findings?status=Unresolved&amp;severity=High&amp;rule=shadow-integration</c>. Open findings unless asked otherwise.</summary>
public sealed class FindingListState : ListState
{
    public FindingState Status { get; set; } = FindingState.Open;
    public Severity? Severity { get; set; }
    public string? Rule { get; set; }
    public string? Subject { get; set; }

    public ListFindingPage ToRequest() => new(ToQuery(), Status, Severity, Rule, Subject);
}

/// <summary>
/// The form over the findings list: the ticked ids (or all the filter matches), one note, and the button
/// pressed; <see cref="WorkFindingsValidator"/> judges the request it makes.
/// </summary>
public sealed class WorkFindingInput
{
    public List<string> Ids { get; set; } = [];
    public bool AllMatching { get; set; }
    public FindingAction Action { get; set; }
    public string Note { get; set; } = "";
}
