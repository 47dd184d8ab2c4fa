using IntegrationLedger.Application.Common.Security;
using IntegrationLedger.Application.Features.Tokens.Secrets;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Features.Tokens;

/// <summary>
/// Whose is this secret, and is it still live? Compares keyed fingerprints with every value a token has or
/// had, so an old value that turns up in a repository or a paste is still named after a reset. The secret
/// is neither kept nor logged.
/// </summary>
public sealed class FindTokenHandler(Ledger ledger)
{
    public async Task<SecretMatch?> HandleAsync(Secret secret, CancellationToken cancellationToken = default)
    {
        var hash = ledger.Key.Fingerprint(secret).Hash;
        var db = ledger.Db;
        // Values are unique across both tables (RegisteredSecrets refuses a reused one), so there is at most one.
        SecretId? id = await db.Tokens.AsNoTracking().Where(t => t.Fingerprint == hash).Select(t => (Guid?)t.Id).FirstOrDefaultAsync(cancellationToken) is { } tokenId
            ? new SecretId(tokenId, null)
            : await db.FormerSecrets.AsNoTracking().Where(s => s.Fingerprint == hash).Select(s => new { s.TokenId, s.Id }).FirstOrDefaultAsync(cancellationToken) is { } former
                ? new SecretId(former.TokenId, former.Id)
                : null;
        if (id is not { } found)
            return null;
        var matches = await SecretMatches.DescribeAsync(ledger, [found], cancellationToken);
        return matches[found];
    }
}
