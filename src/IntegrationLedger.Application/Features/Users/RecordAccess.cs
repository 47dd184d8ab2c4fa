using IntegrationLedger.Application.Persistence.Auditing;
using IntegrationLedger.Domain.Users;

namespace IntegrationLedger.Application.Features.Users;

/// <summary>A sign-out, or a request refused because the account's role does not allow it.</summary>
public sealed record RecordAccess(AccessEventKind Kind, string Email, string? Detail, string? RemoteAddress);

public sealed class RecordAccessHandler(Ledger ledger)
{
    public async Task HandleAsync(RecordAccess request, CancellationToken cancellationToken = default)
    {
        var action = request.Kind switch
        {
            AccessEventKind.Denied => AuditActions.Denied,
            AccessEventKind.SignedOut => AuditActions.SignOut,
            // Sign-ins are recorded with the password check, by SignInHandler.
            _ => throw new ArgumentOutOfRangeException(nameof(request), request.Kind, "Only sign-outs and refusals are recorded here."),
        };
        await using var change = await ledger.BeginChangeAsync(action, cancellationToken);
        ledger.Db.AccessEvents.Add(new AccessEvent(request.Kind, request.Email, request.Detail, request.RemoteAddress, ledger.Now));
        await change.CommitAsync(cancellationToken);
    }
}
