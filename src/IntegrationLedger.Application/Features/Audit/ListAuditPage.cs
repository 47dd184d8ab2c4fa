using IntegrationLedger.Application.Common.Lists;
using IntegrationLedger.Application.Persistence.Auditing;
using IntegrationLedger.Domain.Auditing;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Features.Audit;

/// <summary>Which entries the audit log shows: the changes to the ledger, the sign-ins and sign-outs (and refusals), or both.</summary>
public enum AuditEntryKind
{
    Changes,
    SignIns,
    All,
}

/// <summary>
/// A page of the change log, newest first unless sorted otherwise: filtered by actor, action, entity kind and
/// a UTC date range (both ends included), or to one record by its id. Sign-ins are left out unless asked for, so they do not drown the
/// changes.
/// </summary>
public sealed record ListAuditPage(
    ListQuery List,
    string? Actor = null,
    string? Action = null,
    string? EntityType = null,
    DateOnly? From = null,
    DateOnly? To = null,
    AuditEntryKind Kind = AuditEntryKind.Changes,
    string? EntityId = null)
{
    /// <summary>The actions of signing in and out and of being refused: <c>auth.*</c>.</summary>
    public const string SignInPrefix = "auth.";
}

public sealed class ListAuditPageHandler(Ledger ledger)
{
    public static SortColumns<AuditEntry> Columns { get; } = new SortColumns<AuditEntry>()
        .Add("sequence", e => e.Sequence, descendingByDefault: true)
        .Add("actor", e => e.Actor)
        .Add("action", e => e.Action)
        .Add("entity", e => e.EntityType)
        .TieBrokenBy(e => e.Sequence, descending: true);

    private static readonly ExportColumns<AuditEntry> Csv = new()
    {
        { "sequence", e => e.Sequence }, { "occurredAt", e => e.OccurredAt }, { "actor", e => e.Actor }, { "action", e => e.Action },
        { "entityType", e => e.EntityType }, { "entityId", e => e.EntityId }, { "before", e => e.Before }, { "after", e => e.After }, { "hash", e => e.Hash },
    };

    public async Task<ListPage<AuditLogEntry>> PageAsync(ListAuditPage request, CancellationToken cancellationToken = default) =>
        (await Filtered(request).PageAsync(Columns, request.List, cancellationToken))
            .Select(e => new AuditLogEntry(e.Sequence, e.OccurredAt, e.Actor, e.Action, e.EntityType, e.EntityId, e.Before, e.After, e.Hash));

    public ListExport Export(ListAuditPage request) => Csv.Export("audit", Columns.Apply(Filtered(request), request.List));

    private IQueryable<AuditEntry> Filtered(ListAuditPage request)
    {
        var entries = ledger.Db.AuditEntries.AsNoTracking();
        var signIn = ListQueries.StartingWith(ListAuditPage.SignInPrefix);
        entries = request.Kind switch
        {
            AuditEntryKind.Changes => entries.Where(e => !EF.Functions.Like(e.Action, signIn, ListQueries.LikeEscape)),
            AuditEntryKind.SignIns => entries.Where(e => EF.Functions.Like(e.Action, signIn, ListQueries.LikeEscape)),
            _ => entries,
        };
        if (request.List.Search is { } search)
        {
            var pattern = ListQueries.Containing(search);
            entries = entries.Where(e => EF.Functions.Like(e.EntityId, pattern, ListQueries.LikeEscape) || EF.Functions.Like(e.After!, pattern, ListQueries.LikeEscape)
                || EF.Functions.Like(e.Before!, pattern, ListQueries.LikeEscape));
        }
        if (!string.IsNullOrWhiteSpace(request.Actor))
            entries = entries.Where(e => EF.Functions.Like(e.Actor, ListQueries.Exactly(request.Actor.Trim()), ListQueries.LikeEscape));
        if (!string.IsNullOrWhiteSpace(request.Action))
            entries = entries.Where(e => e.Action == request.Action.Trim());
        if (!string.IsNullOrWhiteSpace(request.EntityType))
            entries = entries.Where(e => e.EntityType == request.EntityType.Trim());
        if (!string.IsNullOrWhiteSpace(request.EntityId))
            entries = entries.Where(e => e.EntityId == request.EntityId.Trim());
        if (request.From is { } from)
        {
            var start = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            entries = entries.Where(e => e.OccurredAt >= start);
        }
        if (request.To is { } to)
        {
            var end = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            entries = entries.Where(e => e.OccurredAt < end);
        }
        return entries;
    }

    /// <summary>The actions and entity kinds the log holds, for the filters' choices (a few dozen at most).</summary>
    public async Task<(IReadOnlyList<string> Actions, IReadOnlyList<string> EntityTypes)> ChoicesAsync(CancellationToken cancellationToken = default)
    {
        var entries = ledger.Db.AuditEntries.AsNoTracking();
        var actions = await entries.Select(e => e.Action).Distinct().OrderBy(a => a).ToListAsync(cancellationToken);
        var types = await entries.Select(e => e.EntityType).Distinct().OrderBy(t => t).ToListAsync(cancellationToken);
        return (actions, types);
    }
}
