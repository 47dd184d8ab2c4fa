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

/// <summary>The change log, oldest first, optionally from a UTC time on; or with <see cref="Latest"/>, only the newest entries, newest first.</summary>
public sealed record ListAuditLog(DateTime? Since = null, int? Latest = null);

public sealed class ListAuditLogHandler(Ledger ledger)
{
    public async Task<IReadOnlyList<AuditLogEntry>> HandleAsync(ListAuditLog request, CancellationToken cancellationToken = default)
    {
        var entries = ledger.Db.AuditEntries.AsNoTracking();
        if (request.Since is { } since)
            entries = entries.Where(e => e.OccurredAt >= since);
        var ordered = request.Latest is { } latest ? entries.OrderByDescending(e => e.Sequence).Take(latest) : entries.OrderBy(e => e.Sequence);
        return await ordered
            .Select(e => new AuditLogEntry(e.Sequence, e.OccurredAt, e.Actor, e.Action, e.EntityType, e.EntityId, e.Before, e.After, e.Hash))
            .ToListAsync(cancellationToken);
    }
}
