using IntegrationLedger.Application.Features.Integrations;
using IntegrationLedger.Application.Features.Tokens;
using IntegrationLedger.Domain.Tokens;
using IntegrationLedger.Web.Hosting;
using IntegrationLedger.Web.Security;
using Microsoft.AspNetCore.Mvc;
using SecretValue = IntegrationLedger.Application.Common.Security.Secret;

namespace IntegrationLedger.Web.Pages.Tokens;

[ChangedBy(Policies.ChangeInventory)]
public sealed class DetailsModel(LedgerSession session) : LedgerPageModel(session)
{
    [FromRoute]
    public string Label { get; set; } = "";

    public TokenDetails Details { get; private set; } = null!;
    public IReadOnlyList<string> Integrations { get; private set; } = [];
    public ResetPlan Plan { get; private set; } = null!;

    [BindProperty]
    public UseTokenInput Use { get; set; } = new();

    [BindProperty]
    public ResetTokenInput Reset { get; set; } = new();

    [BindProperty]
    public ConfirmTokenUpdateInput Confirm { get; set; } = new();

    [BindProperty]
    public RevokeTokenInput Revoke { get; set; } = new();

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var ledger = await LedgerAsync(cancellationToken);
        Details = await new ShowTokenHandler(ledger).HandleAsync(Label, cancellationToken);
        Plan = await new GetResetPlanHandler(ledger).HandleAsync(Label, cancellationToken);
        Integrations = (await new ListIntegrationsHandler(ledger).HandleAsync(cancellationToken)).Select(i => i.Name).ToList();
    }

    public async Task<IActionResult> OnPostUseAsync(CancellationToken cancellationToken)
    {
        await new UseTokenHandler(await LedgerAsync(cancellationToken)).HandleAsync(Use.ToRequest(Label), cancellationToken);
        return Done($"Recorded that {Use.Integration} uses {Label}.");
    }

    public async Task<IActionResult> OnPostResetAsync(CancellationToken cancellationToken)
    {
        var plan = await new ResetTokenHandler(await LedgerAsync(cancellationToken)).HandleAsync(Reset.ToRequest(Label), cancellationToken);
        return Done(plan.Integrations.Count == 0
            ? $"Reset {Label}; no integration needs updating."
            : $"Reset {Label}; {plan.Integrations.Count} integration(s) must now take the new value and be confirmed.");
    }

    public async Task<IActionResult> OnPostConfirmAsync(CancellationToken cancellationToken)
    {
        await new ConfirmTokenUpdateHandler(await LedgerAsync(cancellationToken)).HandleAsync(Confirm.ToRequest(Label), cancellationToken);
        return Done($"Confirmed that {Confirm.Integration} has the new value of {Label}.");
    }

    public async Task<IActionResult> OnPostRevokeAsync(CancellationToken cancellationToken)
    {
        await new RevokeTokenHandler(await LedgerAsync(cancellationToken)).HandleAsync(Revoke.ToRequest(Label), cancellationToken);
        return Done($"Revoked {Label}.");
    }
}

/// <summary>The "Record that an integration uses it" form; <see cref="UseTokenValidator"/> judges it.</summary>
public sealed class UseTokenInput
{
    public string Integration { get; set; } = "";
    public string Purpose { get; set; } = "";

    public UseToken ToRequest(string token) => new(token, Integration, Purpose);
}

/// <summary>The "Reset" form. A class, not a record, so that no generated ToString prints the new secret.</summary>
public sealed class ResetTokenInput
{
    public string? NewSecret { get; set; }

    public ResetToken ToRequest(string token) => new(token, string.IsNullOrEmpty(NewSecret) ? null : SecretValue.Parse(NewSecret));
}

/// <summary>The button that confirms an integration took a reset's new value.</summary>
public sealed class ConfirmTokenUpdateInput
{
    public string Integration { get; set; } = "";

    public ConfirmTokenUpdate ToRequest(string token) => new(token, Integration);
}

/// <summary>The "Revoke" form; <see cref="RevokeTokenValidator"/> judges it.</summary>
public sealed class RevokeTokenInput
{
    public RevocationReason Reason { get; set; }
    public string? Note { get; set; }

    public RevokeToken ToRequest(string token) => new(token, Reason, Note);
}
