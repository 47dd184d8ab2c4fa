using IntegrationLedger.Application.Features.Integrations;
using IntegrationLedger.Application.Features.Tokens;
using IntegrationLedger.Application.Common.Security;
using IntegrationLedger.Domain.Tokens;
using IntegrationLedger.Web.Hosting;
using IntegrationLedger.Web.Security;
using Microsoft.AspNetCore.Mvc;

namespace IntegrationLedger.Web.Pages.Tokens;

[ChangedBy(Policies.ChangeInventory)]
public sealed class DetailsModel(LedgerSession session) : LedgerPageModel(session)
{
    [FromRoute]
    public string Label { get; set; } = "";

    public TokenDetails Details { get; private set; } = null!;
    public IReadOnlyList<string> Integrations { get; private set; } = [];
    public ResetPlan Plan { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var ledger = await LedgerAsync(cancellationToken);
        Details = await new ShowTokenHandler(ledger).HandleAsync(Label, cancellationToken);
        Plan = await new GetResetPlanHandler(ledger).HandleAsync(Label, cancellationToken);
        Integrations = (await new ListIntegrationsHandler(ledger).HandleAsync(cancellationToken)).Select(i => i.Name).ToList();
    }

    public Task<IActionResult> OnPostUseAsync(string integration, string purpose, CancellationToken cancellationToken) =>
        ChangeAsync(async ledger =>
        {
            await new UseTokenHandler(ledger).HandleAsync(new UseToken(Label, integration, purpose), cancellationToken);
            return $"Recorded that {integration} uses {Label}.";
        }, cancellationToken);

    public Task<IActionResult> OnPostResetAsync(string? newSecret, CancellationToken cancellationToken) =>
        ChangeAsync(async ledger =>
        {
            var secret = string.IsNullOrEmpty(newSecret) ? null : Secret.Parse(newSecret);
            var plan = await new ResetTokenHandler(ledger).HandleAsync(new ResetToken(Label, secret), cancellationToken);
            return plan.Integrations.Count == 0
                ? $"Reset {Label}; no integration needs updating."
                : $"Reset {Label}; {plan.Integrations.Count} integration(s) must now take the new value and be confirmed.";
        }, cancellationToken);

    public Task<IActionResult> OnPostConfirmAsync(string integration, CancellationToken cancellationToken) =>
        ChangeAsync(async ledger =>
        {
            await new ConfirmTokenUpdateHandler(ledger).HandleAsync(new ConfirmTokenUpdate(Label, integration), cancellationToken);
            return $"Confirmed that {integration} has the new value of {Label}.";
        }, cancellationToken);

    public Task<IActionResult> OnPostRevokeAsync(RevocationReason reason, string? note, CancellationToken cancellationToken) =>
        ChangeAsync(async ledger =>
        {
            await new RevokeTokenHandler(ledger).HandleAsync(new RevokeToken(Label, reason, note), cancellationToken);
            return $"Revoked {Label}.";
        }, cancellationToken);
}
