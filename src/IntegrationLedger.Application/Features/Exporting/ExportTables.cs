using IntegrationLedger.Application.Persistence;
using IntegrationLedger.Domain.Tokens;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Features.Exporting;

/// <summary>A table that can be exported: its columns and its rows, streamed from the ledger in a stable order.</summary>
public sealed record ExportTable(string Name, string Description, IReadOnlyList<string> Columns, Func<LedgerDbContext, IAsyncEnumerable<object?[]>> Rows);

/// <summary>The machine-readable views of the ledger: what scripts and auditors take away.</summary>
public static class ExportTables
{
    public static IReadOnlyList<ExportTable> All { get; } =
    [
        new("tokens", "Every token with owner, account, status and rotation dates (never a secret)",
            ["label", "kind", "owner", "account", "status", "issuedAt", "lastRotatedAt", "rotationDays", "rotationDueAt", "lastFour", "revokedAt", "revocationReason", "revocationNote"],
            db => db.Tokens.AsNoTracking().OrderBy(t => t.Label)
                .GroupJoin(db.People, t => t.OwnerId, p => p.Id, (t, p) => new { t, p })
                .SelectMany(x => x.p.DefaultIfEmpty(), (x, p) => new { x.t, Owner = p!.Email })
                .GroupJoin(db.Accounts, x => x.t.AccountId, a => a.Id, (x, a) => new { x.t, x.Owner, a })
                .SelectMany(x => x.a.DefaultIfEmpty(), (x, a) => new { x.t, x.Owner, Account = a == null ? null : a.Username })
                .AsAsyncEnumerable()
                .Select(x => new object?[]
                {
                    x.t.Label, x.t.Kind.ToCliName(), x.Owner, x.Account, x.t.Status, x.t.IssuedAt, x.t.LastRotatedAt, x.t.EffectiveRotationDays,
                    x.t.RotationDueAt, x.t.LastFour, x.t.RevokedAt, x.t.RevocationReason, x.t.RevocationNote,
                })),
        new("integrations", "Every integration with vendor, owner, purpose, network, rules and allowed networks",
            ["name", "vendor", "owner", "purpose", "environment", "network", "allowedNetworks", "attributionRules", "lastVettedOn", "nextReviewOn"],
            IntegrationRowsAsync),
        new("usages", "Which integration uses which token, why, since when, and where each stands after resets",
            ["token", "integration", "purpose", "since", "status", "pendingSince", "confirmedAt", "endedAt"],
            db => db.TokenUsages.AsNoTracking()
                .Join(db.Tokens, u => u.TokenId, t => t.Id, (u, t) => new { u, Token = t.Label })
                .Join(db.Integrations, x => x.u.IntegrationId, i => i.Id, (x, i) => new { x.u, x.Token, Integration = i.Name })
                .OrderBy(x => x.Token).ThenBy(x => x.Integration)
                .AsAsyncEnumerable()
                .Select(x => new object?[] { x.Token, x.Integration, x.u.Purpose, x.u.Since, x.u.Status, x.u.PendingSince, x.u.ConfirmedAt, x.u.EndedAt })),
        new("events", "Every imported usage event with its batch, line and attribution",
            ["occurredAt", "source", "eventType", "naturalKey", "username", "userId", "sourceIp", "loginType", "status", "succeeded", "application",
                "clientName", "apiType", "connectedAppId", "uri", "detail", "category", "subject", "useCount", "integration", "token", "batchId", "line"],
            db => db.UsageEvents.AsNoTracking().OrderBy(e => e.OccurredAt).ThenBy(e => e.Id)
                .GroupJoin(db.Integrations, e => e.IntegrationId, i => i.Id, (e, i) => new { e, i })
                .SelectMany(x => x.i.DefaultIfEmpty(), (x, i) => new { x.e, Integration = i == null ? null : i.Name })
                .GroupJoin(db.Tokens, x => x.e.TokenId, t => t.Id, (x, t) => new { x.e, x.Integration, t })
                .SelectMany(x => x.t.DefaultIfEmpty(), (x, t) => new { x.e, x.Integration, Token = t == null ? null : t.Label })
                .AsAsyncEnumerable()
                .Select(x => new object?[]
                {
                    x.e.OccurredAt, x.e.Source, x.e.EventType, x.e.NaturalKey, x.e.Username, x.e.UserId, x.e.SourceIp, x.e.LoginType, x.e.Status, x.e.Succeeded,
                    x.e.Application, x.e.ClientName, x.e.ApiType, x.e.ConnectedAppId, x.e.Uri, x.e.Detail, x.e.Category, x.e.Subject, x.e.UseCount,
                    x.Integration, x.Token, x.e.BatchId, x.e.LineNumber,
                })),
        new("findings", "Every finding, open or closed, with who acted and why",
            ["id", "rule", "severity", "subjectType", "subject", "summary", "status", "firstSeenAt", "lastSeenAt", "occurrences", "note", "actedBy", "actedAt", "closedAt", "closedReason"],
            db => db.Findings.AsNoTracking().OrderBy(f => f.FirstSeenAt).ThenBy(f => f.RuleId).ThenBy(f => f.SubjectKey)
                .AsAsyncEnumerable()
                .Select(f => new object?[]
                {
                    f.ShortId, f.RuleId, f.Severity, f.SubjectType, f.SubjectKey, f.Summary, f.Status, f.FirstSeenAt, f.LastSeenAt, f.Occurrences,
                    f.Note, f.ActedBy, f.ActedAt, f.ClosedAt, f.ClosedReason,
                })),
        new("audit", "The hash-chained change log, entry by entry",
            ["sequence", "occurredAt", "actor", "action", "entityType", "entityId", "before", "after", "previousHash", "hash"],
            db => db.AuditEntries.AsNoTracking().OrderBy(e => e.Sequence)
                .AsAsyncEnumerable()
                .Select(e => new object?[] { e.Sequence, e.OccurredAt, e.Actor, e.Action, e.EntityType, e.EntityId, e.Before, e.After, e.PreviousHash, e.Hash })),
    ];

    /// <summary>Integrations are few; loading them whole with their rules keeps the query simple.</summary>
    private static async IAsyncEnumerable<object?[]> IntegrationRowsAsync(LedgerDbContext db)
    {
        var integrations = await db.Integrations.AsNoTracking().Include(i => i.AllowedNetworks).Include(i => i.AttributionRules).Include(i => i.VettingRecords)
            .AsSplitQuery().OrderBy(i => i.Name).ToListAsync();
        var owners = await db.PeopleByIdAsync(integrations.Select(i => i.OwnerId), CancellationToken.None);
        foreach (var i in integrations)
        {
            yield return
            [
                i.Name, i.Vendor, i.OwnerId is { } id ? owners[id].Email : null, i.Purpose, i.Environment, i.Network,
                string.Join("; ", i.AllowedNetworks.Select(n => n.Cidr).Order(StringComparer.Ordinal)),
                string.Join("; ", i.AttributionRules.Select(r => $"{r.Kind}={r.Value}").Order(StringComparer.Ordinal)),
                i.LatestVetting?.ReviewedOn, i.LatestVetting?.NextReviewOn,
            ];
        }
    }

    public static ExportTable? Find(string name) => All.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase));
}
