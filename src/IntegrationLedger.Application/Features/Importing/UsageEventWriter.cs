using System.Globalization;
using System.IO.Hashing;
using System.Text;
using IntegrationLedger.Application.Features.Importing.Attribution;
using IntegrationLedger.Application.Persistence.Auditing;
using IntegrationLedger.Domain.Usage;
using Microsoft.Data.Sqlite;

namespace IntegrationLedger.Application.Features.Importing;

/// <summary>
/// Writes usage events with one prepared INSERT (<see cref="SqliteBulkInsert"/>), reused for every row,
/// inside the import's transaction.
/// The unique time and KeyHash (a 64-bit hash of the event's source and natural key) turn a repeated event
/// into a no-op, which is how importing the same activity twice adds it once. When the pair is taken, the
/// stored event's natural key says whether it is the same event or a different one that hashes alike;
/// the latter moves to the next free value, so no event is ever lost to a collision. Values are written
/// in the forms EF Core reads back (GUIDs as upper-case text, times as "yyyy-MM-dd HH:mm:ss.FFFFFFF").
/// </summary>
internal sealed class UsageEventWriter : IDisposable
{
    private readonly SqliteBulkInsert _insert;
    private readonly EventDigest _digest = new();
    private readonly string _source;
    private readonly SqliteCommand _existing;
    private readonly SqliteParameter _existingTime;
    private readonly SqliteParameter _existingHash;

    /// <param name="batchId">Written into the statement itself: it is the same for every row.</param>
    public UsageEventWriter(SqliteConnection connection, SqliteTransaction transaction, Guid batchId, string source)
    {
        // Parameters are numbered as EventDigest.Columns, which lists every column but the id and the batch,
        // then its VolumeColumns, then the connected app the event is tied to, which no digest covers (it is
        // the register's view and is tied anew when the register changes).
        var columns = EventDigest.Columns.Select(c => c.Name).Concat(EventDigest.VolumeColumns.Select(c => c.Name)).Append(nameof(UsageEvent.TiedAppId)).ToList();
        _insert = new SqliteBulkInsert(connection,
            $"INSERT INTO UsageEvents (BatchId, {string.Join(", ", columns)}) " +
            $"VALUES ('{GuidText(batchId)}', {string.Join(", ", columns.Select((_, i) => "?" + (i + 1)))}) " +
            "ON CONFLICT (OccurredAt, KeyHash) DO NOTHING");
        _source = source;
        _insert.Text(1, source);

        _existing = connection.CreateCommand();
        _existing.Transaction = transaction;
        _existing.CommandText = "SELECT Source, NaturalKey FROM UsageEvents WHERE OccurredAt = $at AND KeyHash = $hash";
        _existingTime = _existing.Parameters.Add("$at", SqliteType.Text);
        _existingHash = _existing.Parameters.Add("$hash", SqliteType.Integer);
        _existing.Prepare();
    }

    /// <summary>Returns true when the event was added, false when it was already in the ledger.</summary>
    /// <param name="tiedAppId">The connected app the event is tied to (<see cref="ConnectedApps.ConnectedAppTies"/>).</param>
    public bool Write(UsageEvent e, EventAttribution attribution, string? tiedAppId)
    {
        // Source (1) is the same for every row and stays bound; the digest still takes it per event.
        _digest.Text(_source);
        Text(2, e.NaturalKey);
        Integer(3, e.LineNumber);
        Text(4, e.EventType);
        var occurredAt = e.OccurredAt.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
        Text(5, occurredAt);
        Text(6, attribution.Username ?? e.Username);
        Text(7, e.UserId);
        Text(8, e.SourceIp);
        Text(9, e.LoginType);
        Text(10, e.Status);
        Integer(11, e.Succeeded is { } succeeded ? (succeeded ? 1 : 0) : null);
        Text(12, e.Application);
        Text(13, e.ClientName);
        Text(14, e.ApiType);
        Text(15, e.ConnectedAppId);
        Text(16, e.Uri);
        Text(17, e.Detail);
        Text(18, e.Category);
        Text(19, e.Subject);
        Integer(20, e.UseCount);
        Text(21, attribution.IntegrationId is { } integration ? GuidText(integration) : null);
        Text(22, attribution.TokenId is { } token ? GuidText(token) : null);
        var volume = VolumeParameter;
        _insert.Integer(volume, e.RowsProcessed);
        _insert.Integer(volume + 1, e.RowsFailed);
        _insert.Integer(volume + 2, e.BytesReturned);
        _insert.Text(volume + 3, e.Entity);
        _insert.Text(volume + 4, e.Operation);
        _insert.Text(volume + 5, e.JobId);
        _insert.Real(volume + 6, e.Score);
        _insert.Text(volume + 7, e.Data);
        _insert.Text(TiedAppParameter, tiedAppId);

        for (var hash = KeyHash(e.Source, e.NaturalKey); ; hash++)
        {
            _insert.Integer(KeyHashParameter, hash);
            if (_insert.Execute() == 1)
            {
                _digest.Number(hash);
                DigestVolume(e);
                _digest.Accept();
                return true;
            }
            if (IsStored(occurredAt, hash, e.Source, e.NaturalKey))
            {
                _digest.Discard();
                return false;
            }
        }
    }

    /// <summary>The digest of the events added so far, for the batch and its audit entry.</summary>
    public string EventsDigest() => _digest.Finish();

    public static long KeyHash(string source, string naturalKey)
    {
        var text = string.Concat(source, "\u001f", naturalKey);
        Span<byte> buffer = stackalloc byte[512];
        var bytes = Encoding.UTF8.GetMaxByteCount(text.Length) <= buffer.Length ? buffer[..Encoding.UTF8.GetBytes(text, buffer)] : Encoding.UTF8.GetBytes(text);
        return unchecked((long)XxHash3.HashToUInt64(bytes));
    }

    public static string GuidText(Guid id) => id.ToString().ToUpperInvariant();

    public void Dispose()
    {
        _insert.Dispose();
        _digest.Dispose();
        _existing.Dispose();
    }

    private static readonly int KeyHashParameter = EventDigest.Columns.Count;
    private static readonly int VolumeParameter = EventDigest.Columns.Count + 1;
    private static readonly int TiedAppParameter = VolumeParameter + EventDigest.VolumeColumns.Count;

    /// <summary>The volume columns, in the digest only when the event has one (see <see cref="EventDigest.VolumeColumns"/>).</summary>
    private void DigestVolume(UsageEvent e)
    {
        if (e is { RowsProcessed: null, RowsFailed: null, BytesReturned: null, Entity: null, Operation: null, JobId: null, Score: null, Data: null })
            return;
        _digest.VolumeFollows();
        _digest.Number(e.RowsProcessed);
        _digest.Number(e.RowsFailed);
        _digest.Number(e.BytesReturned);
        _digest.Text(e.Entity);
        _digest.Text(e.Operation);
        _digest.Text(e.JobId);
        _digest.Real(e.Score);
        _digest.Text(e.Data);
    }

    private void Text(int parameter, string? value)
    {
        _insert.Text(parameter, value);
        _digest.Text(value);
    }

    private void Integer(int parameter, long? value)
    {
        _insert.Integer(parameter, value);
        _digest.Number(value);
    }

    private bool IsStored(string occurredAt, long hash, string source, string naturalKey)
    {
        _existingTime.Value = occurredAt;
        _existingHash.Value = hash;
        using var reader = _existing.ExecuteReader();
        if (!reader.Read())
            throw new InvalidOperationException($"An event with key hash {hash} was refused but is not stored.");
        return reader.GetString(0) == source && reader.GetString(1) == naturalKey;
    }
}
