using IntegrationLedger.Application.Common.Security;
using IntegrationLedger.Application.Features.Tokens.Secrets;
using IntegrationLedger.Application.Persistence;
using IntegrationLedger.Application.Persistence.Auditing;
using IntegrationLedger.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Features.Tokens;

/// <summary>
/// Records that a token was reset (its new value optional). Every integration that used it now waits
/// for confirmation that it was updated; the returned plan lists them.
/// </summary>
public sealed record ResetToken(string Token, Secret? NewSecret = null);

public sealed class ResetTokenHandler(Ledger ledger)
{
    public async Task<ResetPlan> HandleAsync(ResetToken request, CancellationToken cancellationToken = default)
    {
        var fingerprint = request.NewSecret is null ? null : ledger.Key.Fingerprint(request.NewSecret);
        await using (var change = await ledger.BeginChangeAsync(AuditActions.TokenReset, cancellationToken))
        {
            var token = await ledger.Db.RequireTokenAsync(request.Token, cancellationToken);
            if (fingerprint is not null)
                await RegisteredSecrets.EnsureNeverRegisteredAsync(ledger.Db, fingerprint.Hash, token.Id, cancellationToken);
            token.Reset(ledger.Now, fingerprint);
            await change.CommitAsync(cancellationToken);
        }
        return await new GetResetPlanHandler(ledger).HandleAsync(request.Token, cancellationToken);
    }
}
