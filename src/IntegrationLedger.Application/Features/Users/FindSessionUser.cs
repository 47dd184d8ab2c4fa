using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Features.Users;

/// <summary>
/// The account behind a web session, if the session is still open (not signed out) and the account still
/// stands as it did at sign-in: the same security stamp, so a changed password or role ends every session
/// on its next request.
/// </summary>
public sealed class FindSessionUserHandler(Ledger ledger)
{
    public async Task<UserSummary?> HandleAsync(Guid userId, string securityStamp, Guid sessionId, CancellationToken cancellationToken = default)
    {
        // One query on every request: the account, only while the session the cookie names is still open.
        var user = await ledger.Db.Users.AsNoTracking()
            .Where(u => u.Id == userId && ledger.Db.WebSessions.Any(s => s.Id == sessionId && s.UserId == userId && s.EndedAt == null))
            .SingleOrDefaultAsync(cancellationToken);
        return user is not null && user.SecurityStamp == securityStamp && !user.IsDisabled ? UserSummary.From(user) : null;
    }
}
