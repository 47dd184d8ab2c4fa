using System.Text.Json;
using IntegrationLedger.Application.Persistence;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Features.Reporting;

/// <summary>
/// The ledger's records as they stood at a moment, rebuilt from the audit log: each entry holds a new
/// row's values whole and a change's values before and after, so replaying the entries up to the moment
/// gives every row's values then. The report reads the past from the same hash-chained log an auditor
/// verifies, rather than from a second history that could disagree with it.
/// </summary>
public sealed class AuditReplay
{
    private readonly Dictionary<(string Type, string Id), Dictionary<string, JsonElement>> _rows = [];

    private AuditReplay()
    {
    }

    /// <summary>Replays every entry that happened before <paramref name="moment"/> (exclusive).</summary>
    public static async Task<AuditReplay> AsOfAsync(LedgerDbContext db, DateTime moment, CancellationToken cancellationToken)
    {
        var replay = new AuditReplay();
        var entries = db.AuditEntries.AsNoTracking().Where(e => e.OccurredAt < moment).OrderBy(e => e.Sequence)
            .Select(e => new { e.EntityType, e.EntityId, e.After }).AsAsyncEnumerable();
        await foreach (var entry in entries.WithCancellation(cancellationToken))
        {
            var key = (entry.EntityType, entry.EntityId);
            if (entry.After is null)
            {
                replay._rows.Remove(key);
                continue;
            }
            if (!replay._rows.TryGetValue(key, out var values))
                replay._rows[key] = values = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            using var document = JsonDocument.Parse(entry.After);
            foreach (var property in document.RootElement.EnumerateObject())
                values[property.Name] = property.Value.Clone();
        }
        return replay;
    }

    /// <summary>Every row of a type (Token, Integration...) that existed then, with its values then.</summary>
    public IEnumerable<ReplayedRow> Rows(string entityType) =>
        _rows.Where(r => r.Key.Type == entityType).Select(r => new ReplayedRow(r.Key.Id, r.Value));
}

/// <summary>One row's values at the replayed moment, read by column name.</summary>
public sealed class ReplayedRow(string id, IReadOnlyDictionary<string, JsonElement> values)
{
    public string Id { get; } = id;

    public string? Text(string column) =>
        values.TryGetValue(column, out var value) && value.ValueKind != JsonValueKind.Null ? value.ToString() : null;

    public int? Number(string column) =>
        values.TryGetValue(column, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt32() : null;

    public DateTime? Time(string column) =>
        Text(column) is { } text && DateTime.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal, out var time)
            ? DateTime.SpecifyKind(time, DateTimeKind.Utc)
            : null;
}
