using IntegrationLedger.Application.Features.People;
using IntegrationLedger.Web.Hosting;
using IntegrationLedger.Web.Security;
using Microsoft.AspNetCore.Mvc;

namespace IntegrationLedger.Web.Pages.People;

[ChangedBy(Policies.ChangeInventory)]
public sealed class IndexModel(LedgerSession session) : LedgerPageModel(session)
{
    public IReadOnlyList<PersonSummary> People { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        People = await new ListPeopleHandler(await LedgerAsync(cancellationToken)).HandleAsync(cancellationToken);

    public Task<IActionResult> OnPostAsync(string email, string name, string? department, CancellationToken cancellationToken) =>
        ChangeAsync(async ledger =>
        {
            var person = await new AddPersonHandler(ledger).HandleAsync(new AddPerson(email, name, department), cancellationToken);
            return $"Added {person.Name} <{person.Email}>.";
        }, cancellationToken);
}
