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
}

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
        };
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
