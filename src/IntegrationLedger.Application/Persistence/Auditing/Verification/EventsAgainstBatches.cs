using System.Globalization;
using System.Text;
using System.Text.Json;
using IntegrationLedger.Domain.Importing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SQLitePCL;

namespace IntegrationLedger.Application.Persistence.Auditing.Verification;

/// <summary>
/// Checks imported events, which are not audited row by row, against their batches: each batch's events are
/// counted and digested again (<see cref="EventDigest"/>) and compared with the count and digest its audit
/// entry recorded. The events are streamed once in id order, through SQLite's own API so that no value
/// becomes a .NET string: a million events need no more memory than ten.
/// </summary>
internal static class EventsAgainstBatches
{
    private const int SqliteRow = 100;
    private const int SqliteDone = 101;

    /// <summary>The migration that began keeping digests; batches imported before it carry none.</summary>
    public const string DigestsSince = "20261202123503_ImportBatchEventsDigest";

    private const string AddedColumn = $"{nameof(ImportBatch.Counts)}.{nameof(ImportCounts.Added)}";

    public static async Task<List<LedgerDifference>> CompareAsync(LedgerDbContext db, AuditReplay replay, List<string> notes, CancellationToken cancellationToken)
    {
        var found = await DigestAsync(db, EventsSql, EventDigest.Columns, EventDigest.VolumeColumns, cancellationToken);
        var snapshots = await DigestAsync(db, SnapshotsSql, Features.Access.AccessSnapshotWriter.Columns, [], cancellationToken);
        try
        {
            var differences = new List<LedgerDifference>();
            var recordedInTable = await db.ImportBatches.AsNoTracking()
                .Select(b => new { b.Id, b.FileName, b.Counts.Added })
                .ToDictionaryAsync(b => b.Id, cancellationToken);
            var undigested = 0;
            foreach (var batch in replay.Rows(nameof(ImportBatch)).OrderBy(b => b.Id, StringComparer.Ordinal))
            {
                var id = Guid.Parse(batch.Id);
                // An access export's batch covers the snapshots it wrote; it has no events, and any found are reported below.
                var isAccess = batch.Text(nameof(ImportBatch.AsOf)) is not null;
                EventDigest? events;
                if (isAccess)
                    snapshots.Remove(id, out events);
                else
                    found.Remove(id, out events);
                using var digested = events;
                var count = events?.Count ?? 0;
                var rows = isAccess ? "access snapshots" : "events";
                var row = $"{batch.Id} ({JsonSerializer.Serialize(batch.Text(nameof(ImportBatch.FileName)), AuditValues.Json)})";
                var digest = batch.Text(nameof(ImportBatch.EventsDigest));
                if (digest is null)
                {
                    // Imported before digests were kept: the count in the table is all there is to go on (docs/decisions/0010).
                    undigested++;
                    if (recordedInTable.TryGetValue(id, out var inTable) && inTable.Added != count)
                        differences.Add(LedgerDifference.EventsDiffer(row, "count", Number(inTable.Added), Number(count),
                            $"{Number(count)} events, where the batch table records {Number(inTable.Added)}"));
                    continue;
                }
                var recorded = batch.TryGetValue(AddedColumn, out var added) && added.TryGetInt64(out var n) ? n : (long?)null;
                if (recorded is { } expected && expected != count)
                    differences.Add(LedgerDifference.EventsDiffer(row, "count", Number(expected), Number(count),
                        $"{Number(count)} {rows}, where its audit entry recorded {Number(expected)}"));
                var actual = events?.Finish() ?? EventDigest.OfNoEvents;
                if (!string.Equals(actual, digest, StringComparison.Ordinal))
                    differences.Add(LedgerDifference.EventsDiffer(row, "digest", digest, actual,
                        $"the {rows}' digest is {actual}, where its audit entry recorded {digest} ({rows} were changed, added or removed)"));
            }
            foreach (var (batchId, events, rows) in found.Select(f => (f.Key, f.Value, "events")).Concat(snapshots.Select(f => (f.Key, f.Value, "access snapshots"))).OrderBy(f => f.Key))
            {
                differences.Add(LedgerDifference.EventsDiffer(batchId.ToString(), "batch", "(none)", Number(events.Count),
                    $"{Number(events.Count)} {rows} belong to this batch, which no audit entry records"));
            }
            if (undigested > 0)
                notes.Add($"{undigested} import batch{(undigested == 1 ? " was" : "es were")} imported before events were digested (before migration {DigestsSince}): "
                    + "their events were counted against the batch table, not checked value by value.");
            return differences;
        }
        finally
        {
            foreach (var digest in found.Values.Concat(snapshots.Values))
                digest.Dispose();
        }
    }

    /// <summary>Access snapshots in the order their writer digests them: by batch, then account.</summary>
    private static readonly string SnapshotsSql =
        $"SELECT BatchId, {string.Join(", ", Features.Access.AccessSnapshotWriter.Columns.Select(c => c.Name))} FROM AccessSnapshots ORDER BY BatchId, AccountId";

    private static async Task<Dictionary<Guid, EventDigest>> DigestAsync(LedgerDbContext db, string sql, IReadOnlyList<(string Name, bool IsNumber)> columns,
        IReadOnlyList<(string Name, DigestKind Kind)> volumeColumns, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            return Digest((SqliteConnection)db.Database.GetDbConnection(), sql, columns, volumeColumns, cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Every batch's events, in the order of their ids, as the importer digested them.</summary>
    private static readonly string EventsSql =
        $"SELECT BatchId, {string.Join(", ", EventDigest.Columns.Select(c => c.Name).Concat(EventDigest.VolumeColumns.Select(c => c.Name)))} FROM UsageEvents ORDER BY Id";

    /// <summary>
    /// Rows of one table, grouped by their batch (the query's first column) and digested column by column; the
    /// volume columns that follow, only when a row has one (see <see cref="EventDigest.VolumeColumns"/>).
    /// </summary>
    private static Dictionary<Guid, EventDigest> Digest(SqliteConnection connection, string sql, IReadOnlyList<(string Name, bool IsNumber)> columns,
        IReadOnlyList<(string Name, DigestKind Kind)> volumeColumns, CancellationToken cancellationToken)
    {
        var digests = new Dictionary<Guid, EventDigest>();
        if (raw.sqlite3_prepare_v2(connection.Handle!, sql, out var statement) != raw.SQLITE_OK)
            throw new SqliteException(raw.sqlite3_errmsg(connection.Handle!).utf8_to_string(), raw.sqlite3_errcode(connection.Handle!));
        using (statement)
        {
            byte[] batchText = [];
            EventDigest? digest = null;
            int result;
            while ((result = raw.sqlite3_step(statement)) == SqliteRow)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var batch = raw.sqlite3_column_blob(statement, 0);
                if (digest is null || !batch.SequenceEqual(batchText))
                {
                    batchText = batch.ToArray();
                    var id = Guid.TryParse(Encoding.UTF8.GetString(batchText), out var parsed) ? parsed : Guid.Empty;
                    if (!digests.TryGetValue(id, out digest))
                        digests[id] = digest = new EventDigest();
                }
                for (var column = 0; column < columns.Count; column++)
                {
                    var index = column + 1;
                    if (raw.sqlite3_column_type(statement, index) == raw.SQLITE_NULL)
                        digest.Null();
                    else if (columns[column].IsNumber)
                        digest.Number(raw.sqlite3_column_int64(statement, index));
                    else
                        digest.Utf8(raw.sqlite3_column_blob(statement, index));
                }
                var volumeFrom = columns.Count + 1;
                if (AnyValue(statement, volumeFrom, volumeColumns.Count))
                {
                    digest.VolumeFollows();
                    for (var column = 0; column < volumeColumns.Count; column++)
                    {
                        var index = volumeFrom + column;
                        if (raw.sqlite3_column_type(statement, index) == raw.SQLITE_NULL)
                            digest.Null();
                        else if (volumeColumns[column].Kind == DigestKind.Number)
                            digest.Number(raw.sqlite3_column_int64(statement, index));
                        else if (volumeColumns[column].Kind == DigestKind.Real)
                            digest.Real(raw.sqlite3_column_double(statement, index));
                        else
                            digest.Utf8(raw.sqlite3_column_blob(statement, index));
                    }
                }
                digest.Accept();
            }
            if (result != SqliteDone)
                throw new SqliteException(raw.sqlite3_errmsg(connection.Handle!).utf8_to_string(), result);
        }
        return digests;
    }

    private static bool AnyValue(sqlite3_stmt statement, int from, int count)
    {
        for (var index = from; index < from + count; index++)
        {
            if (raw.sqlite3_column_type(statement, index) != raw.SQLITE_NULL)
                return true;
        }
        return false;
    }

    private static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
