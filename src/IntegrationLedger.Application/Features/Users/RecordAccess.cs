using IntegrationLedger.Application.Persistence.Auditing;
using IntegrationLedger.Domain.Users;

namespace IntegrationLedger.Application.Features.Users;

/// <summary>
/// An access event that changes nothing else: a request refused for want of a role, a failed or slowed sign-in,
/// or an account's sign-ins being slowed. Refusals and failures come through <see cref="AccessEventLog"/>,
/// which decides whether to write them now or count them.
/// </summary>
public sealed record RecordAccess(AccessEventKind Kind, string Email, string? Detail, string? RemoteAddress);

public sealed class RecordAccessHandler(Ledger ledger)
{
    public async Task HandleAsync(RecordAccess request, CancellationToken cancellationToken = default)
    {
        var action = request.Kind switch
        {
            AccessEventKind.Denied => AuditActions.Denied,
            AccessEventKind.SignInFailed or AccessEventKind.SignInWhileLockedOut or AccessEventKind.SignInsSlowed => AuditActions.SignIn,
            // A sign-in and a sign-out change their account's sessions too, so their handlers record them with that change.
            _ => throw new ArgumentOutOfRangeException(nameof(request), request.Kind, "Sign-ins and sign-outs are recorded by SignInHandler and SignOutHandler."),
        };
        await using var change = await ledger.BeginChangeAsync(action, cancellationToken);
        ledger.Db.AccessEvents.Add(new AccessEvent(request.Kind, request.Email, request.Detail, request.RemoteAddress, ledger.Now));
        await change.CommitAsync(cancellationToken);
    }
}
