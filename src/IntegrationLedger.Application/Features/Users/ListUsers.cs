using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Features.Users;

public sealed class ListUsersHandler(Ledger ledger)
{
    public async Task<IReadOnlyList<UserSummary>> HandleAsync(CancellationToken cancellationToken = default)
    {
        var users = await ledger.Db.Users.AsNoTracking().OrderBy(u => u.Email).ToListAsync(cancellationToken);
        return users.Select(UserSummary.From).ToList();
    }
}
