using IntegrationLedger.Application.Persistence;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Features.Tokens.Secrets;

/// <summary>
/// One value a token has or had: its current (or, once revoked, last) secret when <see cref="FormerSecretId"/>
/// is null, else the former secret with that id.
/// </summary>
public readonly record struct SecretId(Guid TokenId, Guid? FormerSecretId);

/// <summary>What the ledger keeps of one registered value, current or past: never the value.</summary>
/// <param name="Fingerprint">HMAC-SHA256 under the ledger's key, 64 lower-case hex characters.</param>
/// <param name="Ending">The end <see cref="Domain.Tokens.SecretEnding"/> allows: 4, 2 or 0 characters.</param>
/// <param name="Utf8Length">The value's length in UTF-8 bytes; null for values registered before lengths were kept.</param>
public sealed record KnownSecret(SecretId Id, string Fingerprint, string Ending, int? Utf8Length);

/// <summary>Every fingerprint the ledger knows, current and past, for a scan to look for.</summary>
public static class RegisteredSecrets
{
    public static async Task<IReadOnlyList<KnownSecret>> LoadAsync(Ledger ledger, CancellationToken cancellationToken = default)
    {
        var db = ledger.Db;
        var current = await db.Tokens.AsNoTracking()
            .Where(t => t.Fingerprint != null)
            .Select(t => new KnownSecret(new SecretId(t.Id, null), t.Fingerprint!, t.LastFour ?? "", t.SecretUtf8Length))
            .ToListAsync(cancellationToken);
        var former = await db.FormerSecrets.AsNoTracking()
            .Select(s => new KnownSecret(new SecretId(s.TokenId, s.Id), s.Fingerprint, s.Ending, s.Utf8Length))
            .ToListAsync(cancellationToken);
        return [.. current, .. former];
    }

    /// <summary>
    /// Refuses a value any token has or ever had: a value once registered stays that token's, so find and
    /// scan never have to choose, and a leaked old value is never brought back into use by a reset.
    /// </summary>
    public static async Task EnsureNeverRegisteredAsync(LedgerDbContext db, string fingerprint, Guid? tokenBeingReset, CancellationToken cancellationToken)
    {
        if (await db.Tokens.AsNoTracking().Where(t => t.Fingerprint == fingerprint).Select(t => new { t.Id, t.Label }).FirstOrDefaultAsync(cancellationToken) is { } twin)
        {
            throw new Domain.Common.DomainException(twin.Id == tokenBeingReset
                ? $"The new secret of '{twin.Label}' is the one it already had; a reset needs a new value."
                : $"That secret is already registered as token '{twin.Label}'.");
        }
        var former = await db.FormerSecrets.AsNoTracking()
            .Where(s => s.Fingerprint == fingerprint)
            .Join(db.Tokens, s => s.TokenId, t => t.Id, (s, t) => new { t.Id, t.Label, s.ValidUntil })
            .FirstOrDefaultAsync(cancellationToken);
        if (former is not null)
        {
            var whose = former.Id == tokenBeingReset ? "this token's value" : $"the value of token '{former.Label}'";
            throw new Domain.Common.DomainException(
                $"That secret was {whose} until it was reset on {Common.DisplayText.Time(former.ValidUntil)}; a value once replaced may have leaked and is never registered again.");
        }
    }
}
