using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using IntegrationLedger.Domain.Auditing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;

namespace IntegrationLedger.Application.Persistence.Auditing;

/// <summary>
/// Turns whatever the change tracker is about to save into audit entries, one per changed row, chained
/// onto the current head. Working from the change tracker rather than from each use case means a new
/// use case cannot forget to audit.
/// </summary>
internal static class ChangeAuditor
{
    private const string RedactedValue = "(changed)";

    private static readonly JsonSerializerOptions SnapshotJson = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

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
            var entry = new AuditEntry(++sequence, now, actor, action, change.Metadata.ClrType.Name, KeyOf(change), before, after, previousHash);
            db.AuditEntries.Add(entry);
            previousHash = entry.Hash;
        }
    }

    private static (string? Before, string? After) Describe(EntityEntry change)
    {
        var properties = change.Metadata.GetProperties().ToList();
        switch (change.State)
        {
            case EntityState.Added:
                return (null, Snapshot(change.Entity, properties, p => change.CurrentValues[p]));
            case EntityState.Deleted:
                return (Snapshot(change.Entity, properties, p => change.OriginalValues[p]), null);
            default:
                var modified = properties
                    .Where(p => change.Property(p.Name).IsModified && !Equals(change.OriginalValues[p], change.CurrentValues[p])
                        && p.FindAnnotation(AuditAnnotations.Ignored) is null)
                    .ToList();
                return modified.Count == 0
                    ? (null, null)
                    : (Snapshot(change.Entity, modified, p => change.OriginalValues[p]), Snapshot(change.Entity, modified, p => change.CurrentValues[p]));
        }
    }

    private static string Snapshot(object entity, IEnumerable<IProperty> properties, Func<IProperty, object?> valueOf)
    {
        var values = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in properties)
        {
            var value = valueOf(property);
            var redacted = property.FindAnnotation(AuditAnnotations.Redacted) is not null || (entity is IRedactsAuditValues row && row.Redacts(property.Name));
            values[property.Name] = redacted && value is not null
                ? RedactedValue
                : Format(value);
        }
        return JsonSerializer.Serialize(values, SnapshotJson);
    }

    private static object? Format(object? value) => value switch
    {
        DateTime time => time.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture),
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        Enum member => member.ToString(),
        _ => value,
    };

    private static string KeyOf(EntityEntry change) =>
        string.Join("/", change.Metadata.FindPrimaryKey()!.Properties.Select(p => Convert.ToString(change.CurrentValues[p], CultureInfo.InvariantCulture)));
}
