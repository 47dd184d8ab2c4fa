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

    public async Task OnGetAsync([FromQuery] FindingListState list, CancellationToken cancellationToken)
    {
        var handler = new ListFindingPageHandler(await LedgerAsync(cancellationToken));
        List = list;
        Findings = await handler.PageAsync(list.ToRequest(), cancellationToken);
        SubjectTypes = await handler.SubjectTypesAsync(cancellationToken);
    }

    public async Task<IActionResult> OnGetCsvAsync([FromQuery] FindingListState list, CancellationToken cancellationToken) =>
        new CsvDownload(new ListFindingPageHandler(await LedgerAsync(cancellationToken)).Export(list.ToRequest()));

    public async Task<IActionResult> OnPostRunAsync(CancellationToken cancellationToken)
    {
        var open = await new RunRulesHandler(await LedgerAsync(cancellationToken)).HandleAsync(new RunRules(), cancellationToken);
        return Done($"The rules ran: {open.Count} finding(s) open.");
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var finding = await new WorkFindingHandler(await LedgerAsync(cancellationToken)).HandleAsync(Work.ToRequest(), cancellationToken);
        return Done($"Finding {finding.Id} is now {KebabCase.Of(finding.Status)}.");
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

/// <summary>A finding's note form, whose two buttons send the action; <see cref="WorkFindingValidator"/> judges it.</summary>
public sealed class WorkFindingInput
{
    public string Id { get; set; } = "";
    public FindingAction Action { get; set; }
    public string Note { get; set; } = "";

    public WorkFinding ToRequest() => new(Id, Action, Note);
}
