using Microsoft.Data.Sqlite;

namespace IntegrationLedger.Application.Features.Importing;

/// <summary>
/// Lets a large import build the events' secondary indexes once, at the end, instead of row by row.
/// Each event goes into every index of UsageEvents; with the time, account, address, integration and token
/// indexes at realistic cardinality each insert lands on a different page, and at a million events those
/// inserts were three quarters of an import's time. Building an index from the finished table (a sort)
/// costs about a third of that per row, so once an import has added half as many events as the ledger
/// held before (and at least <see cref="MinimumRows"/>), the secondary indexes are dropped and, before the
/// commit, created again from their own stored definitions over every event. All of it is inside the
/// import's transaction: a rollback, a dry run or a crash leaves the indexes as they were (decision 0023).
/// The unique (OccurredAt, KeyHash) index stays throughout: it is what makes a repeated event a no-op. So do
/// the partial indexes (events that name a connected app, OAuth token snapshots): few events enter them, and
/// building one again would read every event for them.
/// </summary>
internal sealed class DeferredEventIndexes(SqliteConnection connection, SqliteTransaction transaction, long eventsHeld)
{
    /// <summary>Below this many new events, dropping and rebuilding the indexes saves less than it costs.</summary>
    public const long MinimumRows = 50_000;

    private const string KeyIndex = "IX_UsageEvents_OccurredAt_KeyHash";

    private readonly long _threshold = Math.Max(MinimumRows, eventsHeld / 2);
    private List<(string Name, string Definition)>? _dropped;
    private long _added;

    public bool Deferred => _dropped is not null;

    /// <summary>For an import into the ledger as it stands: the events it holds, estimated from the largest id (read from the key, not counted).</summary>
    public static DeferredEventIndexes For(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var command = Command(connection, transaction, "SELECT coalesce(max(Id), 0) FROM UsageEvents");
        return new DeferredEventIndexes(connection, transaction, (long)command.ExecuteScalar()!);
    }

    /// <summary>Counts an added event; drops the secondary indexes when the import has become large enough.</summary>
    public void Added()
    {
        if (++_added < _threshold || _dropped is not null)
            return;
        _dropped = [];
        using (var read = Command(connection, transaction,
            "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'UsageEvents' AND sql IS NOT NULL AND name <> $key " +
            "AND sql NOT LIKE '% WHERE %' ORDER BY name"))
        {
            read.Parameters.AddWithValue("$key", KeyIndex);
            using var reader = read.ExecuteReader();
            while (reader.Read())
                _dropped.Add((reader.GetString(0), reader.GetString(1)));
        }
        foreach (var (name, _) in _dropped)
        {
            using var drop = Command(connection, transaction, $"DROP INDEX \"{name}\"");
            drop.ExecuteNonQuery();
        }
    }

    /// <summary>Creates again, over every event, the indexes this import dropped; nothing when it dropped none.</summary>
    public async Task RestoreAsync(CancellationToken cancellationToken)
    {
        foreach (var (_, definition) in _dropped ?? [])
        {
            await using var create = Command(connection, transaction, definition);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
        _dropped = null;
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }
}
