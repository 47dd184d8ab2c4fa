using IntegrationLedger.Application.Common;
using IntegrationLedger.Domain.Tokens;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Features.Tokens.Secrets;

/// <summary>Where a registered value stands now.</summary>
public enum SecretState
{
    /// <summary>The token's value today, and the token is active: it works.</summary>
    Current,

    /// <summary>Replaced by a reset; it should no longer work.</summary>
    Superseded,

    /// <summary>The token's last value, and the token was revoked.</summary>
    Revoked,
}

/// <summary>
/// A registered value recognised (by <c>token find</c> or <c>ledger scan</c>): whose it is, whether it is still
/// live, the integrations that used it while it was valid, and what to do. Never the value itself.
/// </summary>
public sealed record SecretMatch(
    TokenSummary Token,
    SecretState State,
    string Ending,
    DateTime ValidFrom,
    DateTime? EndedAt,
    IReadOnlyList<string> Integrations,
    string Advice)
{
    /// <summary>"current", "superseded by a reset on 2026-10-01 09:00 UTC", "revoked on …".</summary>
    public string Standing => State switch
    {
        SecretState.Current => "current",
        SecretState.Superseded => $"superseded by a reset on {DisplayText.Time(EndedAt)}",
        _ => $"revoked on {DisplayText.Time(EndedAt)}",
    };
}

/// <summary>Describes recognised values, in one query per kind of record whatever their number.</summary>
public static class SecretMatches
{
    public static async Task<IReadOnlyDictionary<SecretId, SecretMatch>> DescribeAsync(Ledger ledger, IReadOnlyCollection<SecretId> ids, CancellationToken cancellationToken = default)
    {
        var db = ledger.Db;
        var tokenIds = ids.Select(i => i.TokenId).Distinct().ToList();
        var formerIds = ids.Select(i => i.FormerSecretId).OfType<Guid>().Distinct().ToList();
        var loaded = await db.Tokens.AsNoTracking().Include(t => t.Usages).Where(t => tokenIds.Contains(t.Id)).ToListAsync(cancellationToken);
        var summaries = await TokenReadModel.SummariesAsync(ledger, loaded, cancellationToken);
        var tokens = loaded.Select((token, i) => (token, Summary: summaries[i])).ToDictionary(t => t.token.Id);
        var formers = await db.FormerSecrets.AsNoTracking().Where(s => formerIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, cancellationToken);
        var integrationIds = loaded.SelectMany(t => t.Usages).Select(u => u.IntegrationId).Distinct().ToList();
        var integrationNames = await db.Integrations.AsNoTracking().Where(i => integrationIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, i => i.Name, cancellationToken);

        var matches = new Dictionary<SecretId, SecretMatch>();
        foreach (var id in ids.Distinct())
        {
            if (!tokens.TryGetValue(id.TokenId, out var found))
                continue;
            var (token, summary) = found;
            if (id.FormerSecretId is { } formerId)
            {
                if (formers.TryGetValue(formerId, out var former))
                    matches[id] = Former(token, summary, former, integrationNames);
            }
            else
            {
                matches[id] = Latest(token, summary, integrationNames);
            }
        }
        return matches;
    }

    private static SecretMatch Latest(Token token, TokenSummary summary, IReadOnlyDictionary<Guid, string> integrationNames)
    {
        var from = token.LastRotatedAt;
        if (token.IsActive)
        {
            var users = UsedDuring(token, from, null, integrationNames);
            var update = users.Count == 0
                ? "no integration is recorded as using it, so find who does"
                : $"update the {Plural(users.Count, "integration")} that use{(users.Count == 1 ? "s" : "")} it ({string.Join(", ", users)})";
            return new SecretMatch(summary, SecretState.Current, token.LastFour ?? "", from, null, users,
                $"It is live: reset it now, {update}, then remove it from where it was found.");
        }
        var used = UsedDuring(token, from, token.RevokedAt, integrationNames);
        return new SecretMatch(summary, SecretState.Revoked, token.LastFour ?? "", from, token.RevokedAt, used,
            $"The token was recorded as revoked on {DisplayText.Date(token.RevokedAt)}: confirm in Salesforce that the value no longer works, then remove it from where it was found.");
    }

    private static SecretMatch Former(Token token, TokenSummary summary, FormerSecret former, IReadOnlyDictionary<Guid, string> integrationNames)
    {
        var used = UsedDuring(token, former.ValidFrom, former.ValidUntil, integrationNames);
        var now = token.IsActive ? "the token's current value is a later one" : $"the token itself was revoked on {DisplayText.Date(token.RevokedAt)}";
        return new SecretMatch(summary, SecretState.Superseded, former.Ending, former.ValidFrom, former.ValidUntil, used,
            $"Replaced by a reset on {DisplayText.Date(former.ValidUntil)} and {now}: confirm the old value no longer works, then remove it from where it was found.");
    }

    /// <summary>The integrations whose use of the token overlapped the value's period, by name.</summary>
    private static List<string> UsedDuring(Token token, DateTime from, DateTime? until, IReadOnlyDictionary<Guid, string> integrationNames) =>
        token.Usages
            .Where(u => (until is null || u.Since <= until) && (u.EndedAt is null || u.EndedAt >= from))
            .Select(u => integrationNames[u.IntegrationId])
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();

    private static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}
