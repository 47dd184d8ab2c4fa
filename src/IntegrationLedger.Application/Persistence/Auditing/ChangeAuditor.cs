using System.Text.Json;
using IntegrationLedger.Domain.Auditing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace IntegrationLedger.Application.Persistence.Auditing;

/// <summary>
/// Turns whatever the change tracker is about to save into audit entries, one per changed row, chained
/// onto the current head. Working from the change tracker rather than from each use case means a new
/// use case cannot forget to audit.
/// </summary>
internal static class ChangeAuditor
{
    public static async Task AppendAsync(LedgerDbContext db, string action, string actor, DateTime now, CancellationToken cancellationToken)
    {
        var changes = db.ChangeTracker.Entries()
            .Where(e => e.Entity is not AuditEntry && e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .ToList();
        if (changes.Count == 0)
            return;

        var head = await db.AuditEntries.AsNoTracking()
            .OrderByDescending(e => e.Sequence)
            .Select(e => new { e.Sequence, e.Hash })
            .FirstOrDefaultAsync(cancellationToken);
        var sequence = head?.Sequence ?? 0;
        var previousHash = head?.Hash ?? AuditEntry.GenesisHash;

        foreach (var change in changes)
        {
            var (before, after) = Describe(change);
            if (before is null && after is null)
                continue;
            var entry = new AuditEntry(++sequence, now, actor, action, change.Metadata.ClrType.Name, AuditValues.KeyOf(change), before, after, previousHash);
            db.AuditEntries.Add(entry);
            previousHash = entry.Hash;
        }
    }

    private static (string? Before, string? After) Describe(EntityEntry change)
    {
        var properties = AuditValues.Properties(change.Metadata);
        switch (change.State)
        {
            case EntityState.Added:
                return (null, Snapshot(change, properties, p => p.Of(change).CurrentValue));
            case EntityState.Deleted:
                return (Snapshot(change, properties, p => p.Of(change).OriginalValue), null);
            default:
                var modified = properties
                    .Where(p => p.Of(change) is { IsModified: true } value && !Equals(value.OriginalValue, value.CurrentValue)
                        && p.Property.FindAnnotation(AuditAnnotations.Ignored) is null)
                    .ToList();
                return modified.Count == 0
                    ? (null, null)
                    : (Snapshot(change, modified, p => p.Of(change).OriginalValue), Snapshot(change, modified, p => p.Of(change).CurrentValue));
        }
    }

    private static string Snapshot(EntityEntry change, IEnumerable<AuditedProperty> properties, Func<AuditedProperty, object?> valueOf)
    {
        var values = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in properties)
            values[property.Name] = AuditValues.Logged(change.Entity, property, valueOf(property));
        return JsonSerializer.Serialize(values, AuditValues.Json);
    }
}
