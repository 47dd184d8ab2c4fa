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
    [BindProperty(SupportsGet = true)]
    public FindingStatus? Status { get; set; } = FindingStatus.Open;

    [BindProperty(SupportsGet = true)]
    public Severity? Severity { get; set; }

    public IReadOnlyList<FindingView> Findings { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Findings = await new ListFindingsHandler(await LedgerAsync(cancellationToken)).HandleAsync(new ListFindings(Status, Severity), cancellationToken);

    public Task<IActionResult> OnPostRunAsync(CancellationToken cancellationToken) =>
        ChangeAsync(async ledger =>
        {
            var open = await new RunRulesHandler(ledger).HandleAsync(new RunRules(), cancellationToken);
            return $"The rules ran: {open.Count} finding(s) open.";
        }, cancellationToken, new { Status, Severity });

    public Task<IActionResult> OnPostAsync(string id, FindingAction action, string note, CancellationToken cancellationToken) =>
        ChangeAsync(async ledger =>
        {
            var finding = await new WorkFindingHandler(ledger).HandleAsync(new WorkFinding(id, action, note), cancellationToken);
            return $"Finding {finding.Id} is now {KebabCase.Of(finding.Status)}.";
        }, cancellationToken, new { Status, Severity });
}
