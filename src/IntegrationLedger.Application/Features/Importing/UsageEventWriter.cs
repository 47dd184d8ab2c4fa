using System.Globalization;
using System.IO.Hashing;
using System.Text;
using IntegrationLedger.Application.Features.Importing.Attribution;
using IntegrationLedger.Domain.Usage;
using Microsoft.Data.Sqlite;

namespace IntegrationLedger.Application.Features.Importing;

/// <summary>
/// Writes usage events with one prepared INSERT (<see cref="SqliteBulkInsert"/>), reused for every row,
/// inside the import's transaction.
/// The unique KeyHash (a 64-bit hash of the event's source and natural key) turns a repeated event into
/// a no-op, which is how importing the same activity twice adds it once. When the hash is taken, the
/// stored event's natural key says whether it is the same event or a different one that hashes alike;
/// the latter moves to the next free value, so no event is ever lost to a collision. Values are written
/// in the forms EF Core reads back (GUIDs as upper-case text, times as "yyyy-MM-dd HH:mm:ss.FFFFFFF").
/// </summary>
internal sealed class UsageEventWriter : IDisposable
{
    private static readonly string[] Columns =
    [
        "KeyHash", "NaturalKey", "LineNumber", "EventType", "OccurredAt", "Username", "UserId", "SourceIp", "LoginType",
        "Status", "Succeeded", "Application", "ClientName", "ApiType", "ConnectedAppId", "Uri", "Detail", "Category", "Subject",
        "UseCount", "IntegrationId", "TokenId",
    ];

    private readonly SqliteBulkInsert _insert;
    private readonly SqliteCommand _existing;
    private readonly SqliteParameter _existingHash;

    /// <param name="batchId">Written into the statement itself: it is the same for every row.</param>
    public UsageEventWriter(SqliteConnection connection, SqliteTransaction transaction, Guid batchId, string source)
    {
        _insert = new SqliteBulkInsert(connection,
            $"INSERT INTO UsageEvents (BatchId, Source, {string.Join(", ", Columns)}) " +
            $"VALUES ('{GuidText(batchId)}', '{source.Replace("'", "''", StringComparison.Ordinal)}', {string.Join(", ", Columns.Select((_, i) => "?" + (i + 1)))}) " +
            "ON CONFLICT (KeyHash) DO NOTHING");

        _existing = connection.CreateCommand();
        _existing.Transaction = transaction;
        _existing.CommandText = "SELECT Source, NaturalKey FROM UsageEvents WHERE KeyHash = $hash";
        _existingHash = _existing.Parameters.Add("$hash", SqliteType.Integer);
        _existing.Prepare();
    }

    /// <summary>Returns true when the event was added, false when it was already in the ledger.</summary>
    public bool Write(UsageEvent e, EventAttribution attribution)
    {
        var insert = _insert;
        insert.Text(2, e.NaturalKey);
        insert.Integer(3, e.LineNumber);
        insert.Text(4, e.EventType);
        insert.Text(5, e.OccurredAt.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture));
        insert.Text(6, attribution.Username ?? e.Username);
        insert.Text(7, e.UserId);
        insert.Text(8, e.SourceIp);
        insert.Text(9, e.LoginType);
        insert.Text(10, e.Status);
        insert.Integer(11, e.Succeeded is { } succeeded ? (succeeded ? 1 : 0) : null);
        insert.Text(12, e.Application);
        insert.Text(13, e.ClientName);
        insert.Text(14, e.ApiType);
        insert.Text(15, e.ConnectedAppId);
        insert.Text(16, e.Uri);
        insert.Text(17, e.Detail);
        insert.Text(18, e.Category);
        insert.Text(19, e.Subject);
        insert.Integer(20, e.UseCount);
        insert.Text(21, attribution.IntegrationId is { } integration ? GuidText(integration) : null);
        insert.Text(22, attribution.TokenId is { } token ? GuidText(token) : null);

        for (var hash = KeyHash(e.Source, e.NaturalKey); ; hash++)
        {
            insert.Integer(1, hash);
            if (insert.Execute() == 1)
                return true;
            if (IsStored(hash, e.Source, e.NaturalKey))
                return false;
        }
    }

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
        _existing.Dispose();
    }

    private bool IsStored(long hash, string source, string naturalKey)
    {
        _existingHash.Value = hash;
        using var reader = _existing.ExecuteReader();
        if (!reader.Read())
            throw new InvalidOperationException($"An event with key hash {hash} was refused but is not stored.");
        return reader.GetString(0) == source && reader.GetString(1) == naturalKey;
    }
}
