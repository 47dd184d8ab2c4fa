using IntegrationLedger.Application.Features.Integrations;
using IntegrationLedger.Domain.Integrations;
using IntegrationLedger.Web.Hosting;
using IntegrationLedger.Web.Security;
using Microsoft.AspNetCore.Mvc;

namespace IntegrationLedger.Web.Pages.Integrations;

[ChangedBy(Policies.ChangeInventory)]
public sealed class DetailsModel(LedgerSession session) : LedgerPageModel(session)
{
    [FromRoute]
    public string Name { get; set; } = "";

    public IntegrationDetails Details { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Details = await new ShowIntegrationHandler(await LedgerAsync(cancellationToken)).HandleAsync(Name, cancellationToken);

    public Task<IActionResult> OnPostChangeAsync(string? newOwner, string? allowCidrs, AttributionRuleKind ruleKind, string? ruleValues, CancellationToken cancellationToken) =>
        ChangeAsync(async ledger =>
        {
            var rules = FormValues.Split(ruleValues).Select(v => new AttributionRuleSpec(ruleKind, v)).ToList();
            await new ChangeIntegrationHandler(ledger).HandleAsync(new ChangeIntegration(Name, newOwner, FormValues.Split(allowCidrs), rules), cancellationToken);
            return $"Saved the changes to {Name}.";
        }, cancellationToken);


    public Task<IActionResult> OnPostVetAsync(DateOnly reviewedOn, string reviewer, VettingOutcome outcome, string? evidence, CancellationToken cancellationToken) =>
        ChangeAsync(async ledger =>
        {
            await new VetIntegrationHandler(ledger).HandleAsync(new VetIntegration(Name, reviewedOn, reviewer, outcome, evidence, null), cancellationToken);
            return $"Recorded the vetting of {Name}.";
        }, cancellationToken);
}
