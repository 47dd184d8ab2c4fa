using FluentValidation;
using IntegrationLedger.Application.Features.Tokens;
using IntegrationLedger.Domain.Tokens;
using IntegrationLedger.Web.Hosting;
using IntegrationLedger.Web.Security;
using Microsoft.AspNetCore.Mvc;
using SecretValue = IntegrationLedger.Application.Common.Security.Secret;

namespace IntegrationLedger.Web.Pages.Tokens;

/// <summary>What the token page shows: the token, or the confirmation of a reset or a revocation.</summary>
public enum TokenStep
{
    Overview,
    Reset,
    Revoke,
}

/// <summary>
/// A token, where it is used, and its changes. A reset or a revocation breaks the integrations that use the
/// token, so each is asked for on a confirmation step that names them (<c>?handler=Reset</c>, <c>?handler=Revoke</c>),
/// and its POST acts only when it comes from that step.
/// </summary>
[ChangedBy(Policies.ChangeInventory)]
public sealed class DetailsModel(LedgerSession session) : LedgerPageModel(session)
{
    [FromRoute]
    public string Label { get; set; } = "";

    public TokenDetails Details { get; private set; } = null!;
    public ResetPlan Plan { get; private set; } = null!;
    public TokenStep Step { get; private set; }

    [BindProperty]
    public UseTokenInput Use { get; set; } = new();

    [BindProperty]
    public ChangeOwnerInput Owner { get; set; } = new();

    [BindProperty]
    public ResetTokenInput Reset { get; set; } = new();

    [BindProperty]
    public ConfirmTokenUpdateInput Confirm { get; set; } = new();

    [BindProperty]
    public RevokeTokenInput Revoke { get; set; } = new();

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadAsync(TokenStep.Overview, cancellationToken);

    [ConfirmationStep]
    public Task OnGetResetAsync(CancellationToken cancellationToken) => LoadAsync(TokenStep.Reset, cancellationToken);

    [ConfirmationStep]
    public Task OnGetRevokeAsync(CancellationToken cancellationToken) => LoadAsync(TokenStep.Revoke, cancellationToken);

    public async Task<IActionResult> OnPostUseAsync(CancellationToken cancellationToken)
    {
        await new UseTokenHandler(await LedgerAsync(cancellationToken)).HandleAsync(Use.ToRequest(Label), cancellationToken);
        return Done($"Recorded that {Use.Integration} uses {Label}.");
    }

    public async Task<IActionResult> OnPostOwnerAsync(CancellationToken cancellationToken)
    {
        var details = await new ChangeTokenOwnerHandler(await LedgerAsync(cancellationToken)).HandleAsync(new ChangeTokenOwner(Label, Owner.Email), cancellationToken);
        return Done($"{details.Token.Label} is now owned by {details.Token.OwnerEmail}.");
    }

    public async Task<IActionResult> OnPostResetAsync(CancellationToken cancellationToken)
    {
        if (!Reset.Confirmed)
            return await AskAsync(TokenStep.Reset, cancellationToken);
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
        if (!Revoke.Confirmed)
            return await AskAsync(TokenStep.Revoke, cancellationToken);
        await new RevokeTokenInputValidator().ValidateAndThrowAsync(Revoke, cancellationToken);
        await new RevokeTokenHandler(await LedgerAsync(cancellationToken)).HandleAsync(Revoke.ToRequest(Label), cancellationToken);
        return Done($"Revoked {Label}.");
    }

    protected override async Task<bool> ShowAgainAsync(string handler, CancellationToken cancellationToken)
    {
        await LoadAsync(handler switch { "Reset" => TokenStep.Reset, "Revoke" => TokenStep.Revoke, _ => TokenStep.Overview }, cancellationToken);
        return true;
    }

    /// <summary>A destructive POST that did not come from its confirmation step shows that step instead of acting.</summary>
    private async Task<IActionResult> AskAsync(TokenStep step, CancellationToken cancellationToken)
    {
        await LoadAsync(step, cancellationToken);
        return Page();
    }

    private async Task LoadAsync(TokenStep step, CancellationToken cancellationToken)
    {
        var ledger = await LedgerAsync(cancellationToken);
        Details = await new ShowTokenHandler(ledger).HandleAsync(Label, cancellationToken);
        Plan = await new GetResetPlanHandler(ledger).HandleAsync(Label, cancellationToken);
        // Only an officer can reset or revoke, and only an active token; an old link to a step shows the token as it is now.
        Step = CanChange && Details.Token.Status == TokenStatus.Active ? step : TokenStep.Overview;
    }
}

/// <summary>The "Record that an integration uses it" form; <see cref="UseTokenValidator"/> judges it.</summary>
public sealed class UseTokenInput
{
    public string Integration { get; set; } = "";
    public string Purpose { get; set; } = "";

    public UseToken ToRequest(string token) => new(token, Integration, Purpose);
}

/// <summary>The "Change owner" form; <see cref="ChangeTokenOwnerValidator"/> judges it.</summary>
public sealed class ChangeOwnerInput
{
    public string Email { get; set; } = "";
}

/// <summary>
/// The reset, sent from its confirmation step (<see cref="Confirmed"/>). A class, not a record, so that no
/// generated ToString prints the new secret.
/// </summary>
public sealed class ResetTokenInput
{
    public string? NewSecret { get; set; }

    /// <summary>Sent by the confirmation step's button: without it the POST shows that step rather than acting.</summary>
    public bool Confirmed { get; set; }

    public ResetToken ToRequest(string token) => new(token, string.IsNullOrEmpty(NewSecret) ? null : SecretValue.Parse(NewSecret));
}

/// <summary>The button that confirms an integration took a reset's new value.</summary>
public sealed class ConfirmTokenUpdateInput
{
    public string Integration { get; set; } = "";

    public ConfirmTokenUpdate ToRequest(string token) => new(token, Integration);
}

/// <summary>
/// The revocation, sent from its confirmation step. No reason is chosen beforehand: a revocation recorded as
/// "compromised" by a slip would be a false record of a compromise. <see cref="RevokeTokenInputValidator"/>
/// and then <see cref="RevokeTokenValidator"/> judge it.
/// </summary>
public sealed class RevokeTokenInput
{
    public RevocationReason? Reason { get; set; }
    public string? Note { get; set; }

    /// <summary>Sent by the confirmation step's button: without it the POST shows that step rather than acting.</summary>
    public bool Confirmed { get; set; }

    public RevokeToken ToRequest(string token) => new(token, Reason.GetValueOrDefault(), Note);
}

/// <summary>
/// What the web asks of a revocation beyond what the command line does: a reason chosen, never a default, and
/// a note for the audit log (the command line's scripts may leave it out; a person at the form is asked).
/// </summary>
public sealed class RevokeTokenInputValidator : AbstractValidator<RevokeTokenInput>
{
    public RevokeTokenInputValidator()
    {
        RuleFor(r => r.Reason).NotNull().WithMessage("Choose why the token is revoked.");
        RuleFor(r => r.Note).NotEmpty().WithMessage("Say in a note what happened; it is kept with the revocation.");
    }
}
