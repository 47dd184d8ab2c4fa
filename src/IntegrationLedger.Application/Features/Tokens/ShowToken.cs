using IntegrationLedger.Application.Persistence;
using IntegrationLedger.Domain.Tokens;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Features.Tokens;

public sealed record TokenDetails(
    TokenSummary Token,
    DateTime IssuedAt,
    DateTime? RevokedAt,
    RevocationReason? RevocationReason,
    string? RevocationNote,
    IReadOnlyList<TokenUsageDetails> Usages)
{
    /// <summary>Who revoked it (the actor of the audit entry that did), for the page and <c>token show</c>.</summary>
    public string? RevokedBy { get; init; }

    /// <summary>Every value the token has had, newest first: the current (or last) one, then those replaced by resets.</summary>
    public IReadOnlyList<SecretPeriod> Secrets { get; init; } = [];
}

/// <summary>
/// One value a token had and when it was valid, as its shown end (never the value). <see cref="Until"/> is
/// null for the value in force; <see cref="Ended"/> says how it ended: "reset", "revoked", or null while current.
/// </summary>
public sealed record SecretPeriod(string Ending, DateTime From, DateTime? Until, string? Ended);

public sealed record TokenUsageDetails(
    string Integration,
    string Purpose,
    DateTime Since,
    string? SetUpBy,
    TokenUsageStatus Status,
    DateTime? PendingSince,
    DateTime? ConfirmedAt,
    DateTime? EndedAt);

public sealed class ShowTokenHandler(Ledger ledger)
{
    public async Task<TokenDetails> HandleAsync(string label, CancellationToken cancellationToken = default)
    {
        var db = ledger.Db;
        var token = await db.RequireTokenAsync(label, cancellationToken);
        var summary = await TokenReadModel.SummaryAsync(ledger, token.Label, cancellationToken);
        var integrationIds = token.Usages.Select(u => u.IntegrationId).ToList();
        var integrations = await db.Integrations.AsNoTracking().Where(i => integrationIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, i => i.Name, cancellationToken);
        var people = await db.PeopleByIdAsync(token.Usages.Select(u => u.SetUpById), cancellationToken);

        var usages = token.Usages
            .OrderBy(u => u.Status == TokenUsageStatus.Ended).ThenBy(u => integrations[u.IntegrationId], StringComparer.Ordinal)
            .Select(u => new TokenUsageDetails(
                integrations[u.IntegrationId], u.Purpose, u.Since,
                u.SetUpById is { } by ? people[by].Email : null,
                u.Status, u.PendingSince, u.ConfirmedAt, u.EndedAt))
            .ToList();
        return new TokenDetails(summary, token.IssuedAt, token.RevokedAt, token.RevocationReason, token.RevocationNote, usages)
        {
            RevokedBy = token.RevokedAt is { } revokedAt ? await RevokedByAsync(token.Id, revokedAt, cancellationToken) : null,
            Secrets = await SecretsAsync(token, cancellationToken),
        };
    }

    private async Task<List<SecretPeriod>> SecretsAsync(Token token, CancellationToken cancellationToken)
    {
        var former = await ledger.Db.FormerSecrets.AsNoTracking().Where(s => s.TokenId == token.Id)
            .OrderByDescending(s => s.ValidUntil)
            .Select(s => new SecretPeriod(s.Ending, s.ValidFrom, s.ValidUntil, "reset"))
            .ToListAsync(cancellationToken);
        if (token.Fingerprint is null)
            return former;
        var latest = new SecretPeriod(token.LastFour ?? "", token.LastRotatedAt, token.RevokedAt, token.RevokedAt is null ? null : "revoked");
        return [latest, .. former];
    }

    /// <summary>
    /// The actor of the audit entry that set the token's status to revoked, whichever use case made it (a revoke,
    /// an offboarding, an access review). Entries hold only what changed, so that one is the entry whose values
    /// after the change include the status <c>Revoked</c>; none before the revocation's moment needs reading.
    /// </summary>
    private async Task<string?> RevokedByAsync(Guid tokenId, DateTime revokedAt, CancellationToken cancellationToken)
    {
        var id = tokenId.ToString();
        var revoked = $"\"{nameof(Token.Status)}\":\"{nameof(TokenStatus.Revoked)}\"";
        return await ledger.Db.AuditEntries.AsNoTracking()
            .Where(e => e.EntityType == nameof(Token) && e.EntityId == id && e.OccurredAt >= revokedAt && e.After != null && e.After.Contains(revoked))
            .OrderBy(e => e.Sequence)
            .Select(e => e.Actor)
            .FirstOrDefaultAsync(cancellationToken);
    }
}
