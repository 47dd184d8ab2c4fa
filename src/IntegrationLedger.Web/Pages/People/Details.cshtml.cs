using IntegrationLedger.Application.Features.People;
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

    [BindProperty]
    public OffboardInput Offboard { get; set; } = new();

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Details = await new ShowPersonHandler(await LedgerAsync(cancellationToken)).HandleAsync(Email, cancellationToken);

    /// <summary>Records the departure and carries out the plan chosen: tokens revoked, or handed to a colleague.</summary>
    public async Task<IActionResult> OnPostOffboardAsync(CancellationToken cancellationToken)
    {
        var request = Offboard.ToRequest(Email);
        var plan = await new OffboardPersonHandler(await LedgerAsync(cancellationToken)).HandleAsync(request, cancellationToken);
        var actions = plan.Tokens.Select(t => $"{t.Label}: {t.Action}").ToList();
        return Done($"Recorded that {plan.Person.Name} left on {request.On:yyyy-MM-dd}." + (actions.Count > 0 ? " Tokens: " + string.Join("; ", actions) + "." : "")
            + (plan.IntegrationsOwned.Count > 0 ? $" Integrations still owned, to hand over: {string.Join(", ", plan.IntegrationsOwned)}." : ""));
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

    public OffboardPerson ToRequest(string email) =>
        new(email, On.GetValueOrDefault(), RevokeTokens: Tokens == TokenPlan.Revoke, ReassignTo: Tokens == TokenPlan.Reassign ? ReassignTo : null);
}
