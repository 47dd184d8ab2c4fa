using System.Text.Json;

namespace IntegrationLedger.Application.Persistence.Auditing;

/// <summary>
/// The ledger's records as they stood at a moment, rebuilt from the audit log: each entry holds a new
/// row's values whole and a change's values before and after, so replaying the entries up to the moment
/// gives every row's values then. The report reads the past from the same hash-chained log an auditor
/// verifies, rather than from a second history that could disagree with it.
/// </summary>
public sealed class AuditReplay
{
    private readonly Dictionary<(string Type, string Id), Dictionary<string, JsonElement>> _rows = [];

    /// <summary>
    /// Applies one entry; entries must come in the log's order. A new row's values are taken whole, a change's
    /// changed values replace the old ones, and a deletion (no values after) removes the row.
    /// </summary>
    public void Apply(string entityType, string entityId, string? after)
    {
        var key = (entityType, entityId);
        if (after is null)
        {
            _rows.Remove(key);
            return;
        }
        if (!_rows.TryGetValue(key, out var values))
            _rows[key] = values = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        using var document = JsonDocument.Parse(after);
        foreach (var property in document.RootElement.EnumerateObject())
            values[property.Name] = property.Value.Clone();
    }

    /// <summary>Every row of a type (Token, Integration...) that existed then, with its values then.</summary>
    public IEnumerable<ReplayedRow> Rows(string entityType) =>
        _rows.Where(r => r.Key.Type == entityType).Select(r => new ReplayedRow(r.Key.Id, r.Value));
}

/// <summary>One row's values at the replayed moment, read by column name.</summary>
public sealed class ReplayedRow(string id, IReadOnlyDictionary<string, JsonElement> values)
{
    public string Id { get; } = id;

    /// <summary>The column's value as the log wrote it; false when no entry for the row recorded the column.</summary>
    public bool TryGetValue(string column, out JsonElement value) => values.TryGetValue(column, out value);

    public string? Text(string column) =>
        values.TryGetValue(column, out var value) && value.ValueKind != JsonValueKind.Null ? value.ToString() : null;

    public int? Number(string column) =>
        values.TryGetValue(column, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt32() : null;

    /// <summary>A true or false the log wrote; null when it wrote none (or null).</summary>
    public bool? Flag(string column) =>
        values.TryGetValue(column, out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean() : null;

    public DateTime? Time(string column) =>
        Text(column) is { } text && DateTime.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal, out var time)
            ? DateTime.SpecifyKind(time, DateTimeKind.Utc)
            : null;
}
