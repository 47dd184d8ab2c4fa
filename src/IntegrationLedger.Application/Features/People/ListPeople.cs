using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Features.People;

public sealed class ListPeopleHandler(Ledger ledger)
{
    public async Task<IReadOnlyList<PersonSummary>> HandleAsync(CancellationToken cancellationToken = default)
    {
        var people = await ledger.Db.People.AsNoTracking().OrderBy(p => p.Email).ToListAsync(cancellationToken);
        return people.Select(PersonSummary.From).ToList();
    }
}
