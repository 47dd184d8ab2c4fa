using IntegrationLedger.Domain.Common;
using IntegrationLedger.Application.Features.Findings;
using IntegrationLedger.Domain.Findings;
using IntegrationLedger.Web.Hosting;
using IntegrationLedger.Web.Security;
using Microsoft.AspNetCore.Mvc;

namespace IntegrationLedger.Web.Pages.Findings;

[ChangedBy(Policies.ChangeInventory)]
public sealed class IndexModel(LedgerSession session) : LedgerPageModel(session)
{
    /// <summary>The filter, from the address (<c>/findings?status=Resolved</c>); a change comes back to the same one.</summary>
    [BindProperty(SupportsGet = true)]
    public FindingStatus? Status { get; set; } = FindingStatus.Open;

    [BindProperty(SupportsGet = true)]
    public Severity? Severity { get; set; }

    [BindProperty]
    public WorkFindingInput Work { get; set; } = new();

    public IReadOnlyList<FindingView> Findings { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Findings = await new ListFindingsHandler(await LedgerAsync(cancellationToken)).HandleAsync(new ListFindings(Status, Severity), cancellationToken);

    public async Task<IActionResult> OnPostRunAsync(CancellationToken cancellationToken)
    {
        var open = await new RunRulesHandler(await LedgerAsync(cancellationToken)).HandleAsync(new RunRules(), cancellationToken);
        return Done($"The rules ran: {open.Count} finding(s) open.");
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var finding = (await new WorkFindingsHandler(await LedgerAsync(cancellationToken)).HandleAsync(Work.ToRequest(), cancellationToken)).Single();
        return Done($"Finding {finding.Id} is now {KebabCase.Of(finding.Status)}.");
    }

    protected override IActionResult BackToPage() => RedirectToPage(new { Status, Severity });
}

/// <summary>A finding's note form, whose two buttons send the action; <see cref="WorkFindingsValidator"/> judges it.</summary>
public sealed class WorkFindingInput
{
    public string Id { get; set; } = "";
    public FindingAction Action { get; set; }
    public string Note { get; set; } = "";

    public WorkFindings ToRequest() => new(Id, Action, Note);
}
