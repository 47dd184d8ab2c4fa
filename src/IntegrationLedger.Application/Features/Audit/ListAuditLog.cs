using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Features.Audit;

public sealed record AuditLogEntry(
    long Sequence,
    DateTime OccurredAt,
    string Actor,
    string Action,
    string EntityType,
    string EntityId,
    string? Before,
    string? After,
    string Hash);

/// <summary>
/// The change log, oldest first, optionally from a UTC time on and only the changes of one
/// <see cref="Actor"/> (matched whatever its letters' case); or with <see cref="Latest"/>, only the newest
/// entries, newest first.
/// </summary>
public sealed record ListAuditLog(DateTime? Since = null, int? Latest = null, string? Actor = null);

public sealed class ListAuditLogHandler(Ledger ledger)
{
    public async Task<IReadOnlyList<AuditLogEntry>> HandleAsync(ListAuditLog request, CancellationToken cancellationToken = default)
    {
        var entries = ledger.Db.AuditEntries.AsNoTracking();
        if (request.Since is { } since)
            entries = entries.Where(e => e.OccurredAt >= since);
        if (!string.IsNullOrWhiteSpace(request.Actor))
        {
            // Actors are user names and emails, which people type in any case.
            var actor = request.Actor.Trim();
            entries = entries.Where(e => EF.Functions.Collate(e.Actor, "NOCASE") == actor);
        }
        var ordered = request.Latest is { } latest ? entries.OrderByDescending(e => e.Sequence).Take(latest) : entries.OrderBy(e => e.Sequence);
        return await ordered
            .Select(e => new AuditLogEntry(e.Sequence, e.OccurredAt, e.Actor, e.Action, e.EntityType, e.EntityId, e.Before, e.After, e.Hash))
            .ToListAsync(cancellationToken);
    }
}
