using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Features.Users;

/// <summary>
/// The account behind a web session, if it still stands as it did at sign-in: the same security stamp,
/// so a changed password or role ends the session on its next request.
/// </summary>
public sealed class FindSessionUserHandler(Ledger ledger)
{
    public async Task<UserSummary?> HandleAsync(Guid userId, string securityStamp, CancellationToken cancellationToken = default)
    {
        var user = await ledger.Db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);
        return user is not null && user.SecurityStamp == securityStamp && !user.IsDisabled ? UserSummary.From(user) : null;
    }
}
