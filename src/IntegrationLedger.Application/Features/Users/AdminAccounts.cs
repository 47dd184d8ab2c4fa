using IntegrationLedger.Domain.Users;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Features.Users;

/// <summary>Someone must always be able to manage accounts: the last active admin keeps the role and stays enabled.</summary>
internal static class AdminAccounts
{
    public static Task<bool> AnotherActiveAsync(Ledger ledger, LedgerUser user, CancellationToken cancellationToken) =>
        ledger.Db.Users.AnyAsync(u => u.Role == UserRole.Admin && u.DisabledAt == null && u.Id != user.Id, cancellationToken);
}
