using System.Linq.Expressions;
using System.Reflection;
using System.Text.Json;
using IntegrationLedger.Application.Persistence;
using IntegrationLedger.Application.Persistence.Auditing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace IntegrationLedger.Application.Features.Audit.Readable;

/// <summary>
/// The records a set of audit entries talk about, found in bulk: for each type, one query for the rows still in
/// the ledger, and one query to the log for those that are gone (named as the log last knew them), then the
/// same again for the records their names need (a token use's token and integration). So a page of entries
/// costs a few queries whatever its length, never one per entry. Rows are read in the log's own form
/// (<see cref="AuditValues"/>): redacted columns are "(changed)" here as there, so no secret is ever at hand.
/// </summary>
internal sealed class RecordNames
{
    /// <summary>Enough for the deepest chain of names: a web session's account; a token use's token and integration.</summary>
    private const int Rounds = 3;

    private static readonly MethodInfo LoadTyped = typeof(RecordNames).GetMethod(nameof(CurrentAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

    private readonly Dictionary<(string Type, string Id), ReplayedRow> _rows = [];
    private readonly HashSet<(string Type, string Id)> _gone = [];

    private RecordNames()
    {
    }

    /// <summary>Looks up <paramref name="wanted"/> and every record their names are made from.</summary>
    public static async Task<RecordNames> LoadAsync(LedgerDbContext db, IEnumerable<(string Type, string Id)> wanted, CancellationToken cancellationToken)
    {
        var names = new RecordNames();
        var pending = wanted.ToHashSet();
        for (var round = 0; round < Rounds && pending.Count > 0; round++)
        {
            foreach (var group in pending.GroupBy(p => p.Type))
            {
                var ids = group.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
                foreach (var (id, row) in await CurrentRowsAsync(db, group.Key, ids, cancellationToken))
                {
                    names._rows[(group.Key, id)] = row;
                    ids.Remove(id);
                }
                if (ids.Count == 0)
                    continue;
                foreach (var (id, row) in await LastLoggedAsync(db, group.Key, ids, cancellationToken))
                {
                    names._rows[(group.Key, id)] = row;
                    names._gone.Add((group.Key, id));
                }
            }
            pending = pending.Where(names._rows.ContainsKey).SelectMany(p => Parents(p.Type, names._rows[p])).Where(p => !names._rows.ContainsKey(p)).ToHashSet();
        }
        return names;
    }

    /// <summary>The record's values: as it is now, or as the log last knew it if it is gone; null if neither knows it.</summary>
    public ReplayedRow? Row(string type, string id) => _rows.GetValueOrDefault((type, id));

    /// <summary>Whether the record is gone from the ledger, and known only from the log.</summary>
    public bool IsGone(string type, string id) => _gone.Contains((type, id)) || !_rows.ContainsKey((type, id));

    /// <summary>The name people know the record by; for one nothing knows, its id.</summary>
    public string Of(string type, string? id)
    {
        if (id is null)
            return FieldChange.None;
        var name = Row(type, id) is { } row ? RecordKinds.Of(type).Name(row, this) : null;
        return string.IsNullOrWhiteSpace(name) ? $"{RecordKinds.Of(type).Noun} {id}" : name;
    }

    private static IEnumerable<(string Type, string Id)> Parents(string type, ReplayedRow row) =>
        RecordKinds.Of(type).NamedBy.Select(f => (f.RefersTo!, row.Text(f.Column))).Where(p => p.Item2 is not null).Select(p => (p.Item1, p.Item2!));

    /// <summary>The rows of <paramref name="type"/> with these ids still in the ledger, each in the log's form.</summary>
    private static async Task<Dictionary<string, ReplayedRow>> CurrentRowsAsync(LedgerDbContext db, string type, IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        var entityType = db.Model.GetEntityTypes().FirstOrDefault(t => !t.IsOwned() && t.ClrType.Name == type);
        if (entityType?.FindPrimaryKey()?.Properties is not [var key])
            return [];
        var load = LoadTyped.MakeGenericMethod(entityType.ClrType, key.ClrType);
        var entities = await (Task<List<object>>)load.Invoke(null, [db, key, ids, cancellationToken])!;
        var properties = AuditValues.Properties(entityType);
        var rows = new Dictionary<string, ReplayedRow>(StringComparer.Ordinal);
        foreach (var entity in entities)
        {
            var entry = db.Entry(entity);
            var id = AuditValues.KeyOf(entry);
            var values = properties.ToDictionary(p => p.Name, p => JsonSerializer.SerializeToElement(AuditValues.Logged(entity, p, p.Of(entry).CurrentValue), AuditValues.Json));
            rows[id] = new ReplayedRow(id, values);
        }
        return rows;
    }

    private static async Task<List<object>> CurrentAsync<TEntity, TKey>(LedgerDbContext db, IProperty key, IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
        where TEntity : class
    {
        var keys = ids.Select(id => Parse<TKey>(id)).OfType<TKey>().ToList();
        if (keys.Count == 0)
            return [];
        var entity = Expression.Parameter(typeof(TEntity), "e");
        var keyOf = Expression.Call(typeof(EF), nameof(EF.Property), [typeof(TKey)], entity, Expression.Constant(key.Name));
        var isWanted = Expression.Lambda<Func<TEntity, bool>>(Expression.Call(Expression.Constant(keys), typeof(List<TKey>).GetMethod(nameof(List<TKey>.Contains))!, keyOf), entity);
        return await db.Set<TEntity>().AsNoTracking().Where(isWanted).Cast<object>().ToListAsync(cancellationToken);
    }

    private static object? Parse<TKey>(string id) =>
        typeof(TKey) == typeof(Guid) ? (Guid.TryParse(id, out var guid) ? guid : null)
        : typeof(TKey) == typeof(string) ? id
        : null;

    /// <summary>
    /// Records no longer in the ledger, as the log last knew them: every entry for them folded in order, a
    /// removal's values before it included, so a removed record keeps the name it had.
    /// </summary>
    private static async Task<Dictionary<string, ReplayedRow>> LastLoggedAsync(LedgerDbContext db, string type, IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        var entries = await db.AuditEntries.AsNoTracking()
            .Where(e => e.EntityType == type && ids.Contains(e.EntityId))
            .OrderBy(e => e.Sequence)
            .Select(e => new { e.EntityId, Values = e.After ?? e.Before })
            .ToListAsync(cancellationToken);
        var folded = new Dictionary<string, Dictionary<string, JsonElement>>(StringComparer.Ordinal);
        foreach (var entry in entries.Where(e => e.Values is not null))
        {
            if (!folded.TryGetValue(entry.EntityId, out var values))
                folded[entry.EntityId] = values = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            using var document = JsonDocument.Parse(entry.Values!);
            foreach (var property in document.RootElement.EnumerateObject())
                values[property.Name] = property.Value.Clone();
        }
        return folded.ToDictionary(f => f.Key, f => new ReplayedRow(f.Key, f.Value), StringComparer.Ordinal);
    }
}
