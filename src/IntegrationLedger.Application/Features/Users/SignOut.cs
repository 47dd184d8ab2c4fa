using IntegrationLedger.Application.Persistence.Auditing;
using IntegrationLedger.Domain.Users;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Features.Users;

/// <param name="SessionId">The session the cookie names; only it ends, not the account's sessions elsewhere.</param>
public sealed record SignOut(string Email, Guid SessionId, string? RemoteAddress);

/// <summary>
/// Ends one web session on the server and records the sign-out, in one change: after it, the session's
/// cookie (or any copy of it) is refused, whatever its expiry says.
/// </summary>
public sealed class SignOutHandler(Ledger ledger)
{
    public async Task HandleAsync(SignOut request, CancellationToken cancellationToken = default)
    {
        await using var change = await ledger.BeginChangeAsync(AuditActions.SignOut, cancellationToken);
        var session = await ledger.Db.WebSessions.SingleOrDefaultAsync(s => s.Id == request.SessionId, cancellationToken);
        // Two sign-outs racing (a double click) end it once; the second is still recorded.
        if (session is { HasEnded: false })
            session.End(ledger.Now);
        ledger.Db.AccessEvents.Add(new AccessEvent(AccessEventKind.SignedOut, request.Email, null, request.RemoteAddress, ledger.Now));
        await change.CommitAsync(cancellationToken);
    }
}
