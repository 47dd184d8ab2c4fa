using IntegrationLedger.Application.Common;
using IntegrationLedger.Domain.Integrations;
using IntegrationLedger.Domain.People;
using IntegrationLedger.Domain.Tokens;
using IntegrationLedger.Domain.Accounts;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Features.Audit.Readable;

/// <summary>The records that have a History section: their pages name them by label, name or email.</summary>
public enum HistorySubject
{
    Token,
    Integration,
    Person,
}

/// <summary>The latest changes to a token, an integration or a person, newest first.</summary>
/// <param name="Name">The token's label, the integration's name or the person's email.</param>
public sealed record ShowHistory(HistorySubject Subject, string Name, int Latest = ShowHistory.DefaultLatest)
{
    public const int DefaultLatest = 20;
}

/// <summary>
/// A record's latest changes, and how many there are in all. <see cref="EntityType"/> and <see cref="EntityId"/>
/// name the record as the audit log does, for a link to the whole of it there.
/// </summary>
public sealed record EntityHistory(string EntityType, string EntityId, IReadOnlyList<ReadableChange> Latest, int Total);

/// <summary>
/// A record's history is its own entries and those of the records that belong to it, since that is where its
/// story is told: a token's uses (recorded, waiting for a reset's new value, confirmed), an integration's
/// attribution rules, networks, vettings and the token uses it holds, a person's accounts. Read with the index
/// on the log's entity ids, newest first and bounded, so a record with thousands of entries costs the same.
/// </summary>
public sealed class ShowHistoryHandler(Ledger ledger)
{
    public async Task<EntityHistory> HandleAsync(ShowHistory request, CancellationToken cancellationToken = default)
    {
        var (type, id, related) = await RecordsAsync(request, cancellationToken);
        var ids = related.Append(id).Select(g => g.ToString()).ToList();
        var types = new[] { type, nameof(TokenUsage), nameof(AttributionRule), nameof(AllowedNetwork), nameof(VettingRecord), nameof(Account) };
        // Ids are unique across the ledger's records (version 7 GUIDs), so the id alone picks the entries; the type keeps it exact.
        var entries = ledger.Db.AuditEntries.AsNoTracking().Where(e => ids.Contains(e.EntityId) && types.Contains(e.EntityType));
        var latest = await entries.OrderByDescending(e => e.Sequence).Take(request.Latest)
            .Select(e => new AuditLogEntry(e.Sequence, e.OccurredAt, e.Actor, e.Action, e.EntityType, e.EntityId, e.Before, e.After, e.Hash))
            .ToListAsync(cancellationToken);
        var total = await entries.CountAsync(cancellationToken);
        var changes = await ChangeDescriber.DescribeAsync(ledger.Db, latest, cancellationToken);
        return new EntityHistory(type, id.ToString(), changes, total);
    }

    private async Task<(string Type, Guid Id, List<Guid> Related)> RecordsAsync(ShowHistory request, CancellationToken cancellationToken)
    {
        var db = ledger.Db;
        var name = request.Name.Trim();
        switch (request.Subject)
        {
            case HistorySubject.Token:
                var token = await db.Tokens.AsNoTracking().Where(t => t.Label == name).Select(t => (Guid?)t.Id).SingleOrDefaultAsync(cancellationToken)
                    ?? throw new NotFoundException($"No token labelled '{request.Name}' is in the ledger.");
                return (nameof(Token), token, await db.TokenUsages.AsNoTracking().Where(u => u.TokenId == token).Select(u => u.Id).ToListAsync(cancellationToken));
            case HistorySubject.Integration:
                var integration = await db.Integrations.AsNoTracking().Where(i => i.Name == name).Select(i => (Guid?)i.Id).SingleOrDefaultAsync(cancellationToken)
                    ?? throw new NotFoundException($"No integration named '{request.Name}' is in the ledger.");
                var parts = await db.TokenUsages.AsNoTracking().Where(u => u.IntegrationId == integration).Select(u => u.Id)
                    .Concat(db.Set<AttributionRule>().Where(r => r.IntegrationId == integration).Select(r => r.Id))
                    .Concat(db.Set<AllowedNetwork>().Where(n => n.IntegrationId == integration).Select(n => n.Id))
                    .Concat(db.Set<VettingRecord>().Where(v => v.IntegrationId == integration).Select(v => v.Id))
                    .ToListAsync(cancellationToken);
                return (nameof(Integration), integration, parts);
            default:
                var email = Person.NormalizeEmail(name);
                var person = await db.People.AsNoTracking().Where(p => p.Email == email).Select(p => (Guid?)p.Id).SingleOrDefaultAsync(cancellationToken)
                    ?? throw new NotFoundException($"No person with email '{request.Name}' is in the ledger.");
                return (nameof(Person), person, await db.Accounts.AsNoTracking().Where(a => a.OwnerId == person).Select(a => a.Id).ToListAsync(cancellationToken));
        }
    }
}
