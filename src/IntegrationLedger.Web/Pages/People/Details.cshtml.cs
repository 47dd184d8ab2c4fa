using IntegrationLedger.Application.Features.Access;
using IntegrationLedger.Application.Features.People;
using IntegrationLedger.Domain.People;
using IntegrationLedger.Web.Hosting;
using IntegrationLedger.Web.Security;
using Microsoft.AspNetCore.Mvc;

namespace IntegrationLedger.Web.Pages.People;

[ChangedBy(Policies.ChangeInventory)]
public sealed class DetailsModel(LedgerSession session) : LedgerPageModel(session)
{
    [FromRoute]
    public string Email { get; set; } = "";

    public PersonDetails Details { get; private set; } = null!;

    /// <summary>The person's accounts, each with its access level now.</summary>
    public IReadOnlyList<AccountSummary> Accounts { get; private set; } = [];

    [BindProperty]
    public OffboardInput Offboard { get; set; } = new();

    /// <summary>Whether the page is the offboarding's confirmation step, and what that step names.</summary>
    public OffboardingPreview? Preview { get; private set; }

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadAsync(confirming: false, cancellationToken);

    /// <summary>The offboarding's confirmation step: what it revokes or hands over, and who uses it, then the form.</summary>
    [ConfirmationStep]
    public Task OnGetOffboardAsync(CancellationToken cancellationToken) => LoadAsync(confirming: true, cancellationToken);

    /// <summary>Records the departure and carries out the plan chosen: tokens revoked, or handed to a colleague.</summary>
    public async Task<IActionResult> OnPostOffboardAsync(CancellationToken cancellationToken)
    {
        if (!Offboard.Confirmed)
        {
            await LoadAsync(confirming: true, cancellationToken);
            return Page();
        }
        var request = Offboard.ToRequest(Email);
        var plan = await new OffboardPersonHandler(await LedgerAsync(cancellationToken)).HandleAsync(request, cancellationToken);
        var actions = plan.Tokens.Select(t => $"{t.Label}: {t.Action}").ToList();
        return Done($"Recorded that {plan.Person.Name} left on {request.On:yyyy-MM-dd}." + (actions.Count > 0 ? " Tokens: " + string.Join("; ", actions) + "." : "")
            + (plan.IntegrationsOwned.Count > 0 ? $" Integrations still owned, to hand over: {string.Join(", ", plan.IntegrationsOwned)}." : ""));
    }

    protected override async Task<bool> ShowAgainAsync(string handler, CancellationToken cancellationToken)
    {
        await LoadAsync(confirming: handler == "Offboard", cancellationToken);
        return true;
    }

    private async Task LoadAsync(bool confirming, CancellationToken cancellationToken)
    {
        var ledger = await LedgerAsync(cancellationToken);
        Details = await new ShowPersonHandler(ledger).HandleAsync(Email, cancellationToken);
        Accounts = await new ListAccountsOfHandler(ledger).OfPersonAsync(Email, cancellationToken);
        // Someone already offboarded has no step to confirm; an old link to it shows the person as they are.
        Preview = confirming && Details.Person.Status == PersonStatus.Active
            ? await new PreviewOffboardingHandler(ledger).HandleAsync(Email, cancellationToken)
            : null;
    }
}

/// <summary>What becomes of a leaver's tokens.</summary>
public enum TokenPlan
{
    /// <summary>Decided later; findings flag them meanwhile.</summary>
    Keep,
    Revoke,
    Reassign,
}

/// <summary>The "Offboard" form; <see cref="OffboardPersonValidator"/> judges it.</summary>
public sealed class OffboardInput
{
    /// <summary>Empty until chosen; a form sent without it is refused by the validator as no plausible date.</summary>
    public DateOnly? On { get; set; }
    public TokenPlan Tokens { get; set; } = TokenPlan.Keep;

    /// <summary>The colleague who takes the tokens over; read only when they are to be handed over.</summary>
    public string? ReassignTo { get; set; }

    /// <summary>Sent by the confirmation step's button: without it the POST shows that step rather than acting.</summary>
    public bool Confirmed { get; set; }

    public OffboardPerson ToRequest(string email) =>
        new(email, On.GetValueOrDefault(), RevokeTokens: Tokens == TokenPlan.Revoke, ReassignTo: Tokens == TokenPlan.Reassign ? ReassignTo : null);
}
