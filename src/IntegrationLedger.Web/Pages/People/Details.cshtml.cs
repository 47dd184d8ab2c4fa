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

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Details = await new ShowPersonHandler(await LedgerAsync(cancellationToken)).HandleAsync(Email, cancellationToken);

    /// <summary>Records the departure and carries out the plan chosen: tokens revoked, or handed to a colleague.</summary>
    public Task<IActionResult> OnPostOffboardAsync(DateOnly on, string tokens, string? reassignTo, CancellationToken cancellationToken) =>
        ChangeAsync(async ledger =>
        {
            var plan = await new OffboardPersonHandler(ledger).HandleAsync(new OffboardPerson(
                Email, on, RevokeTokens: tokens == "revoke", ReassignTo: tokens == "reassign" ? reassignTo : null), cancellationToken);
            var actions = plan.Tokens.Select(t => $"{t.Label}: {t.Action}").ToList();
            return $"Recorded that {plan.Person.Name} left on {on:yyyy-MM-dd}." + (actions.Count > 0 ? " Tokens: " + string.Join("; ", actions) + "." : "")
                + (plan.IntegrationsOwned.Count > 0 ? $" Integrations still owned, to hand over: {string.Join(", ", plan.IntegrationsOwned)}." : "");
        }, cancellationToken);
}
