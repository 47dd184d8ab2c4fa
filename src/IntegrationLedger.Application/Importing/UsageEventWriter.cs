using System.Globalization;
using IntegrationLedger.Application.Importing.Attribution;
using IntegrationLedger.Domain.Usage;
using Microsoft.Data.Sqlite;

namespace IntegrationLedger.Application.Importing;

/// <summary>
/// Writes usage events with one prepared INSERT OR IGNORE, reused for every row, inside the import's
/// transaction. The unique (Source, NaturalKey) index turns a repeated event into a no-op, which is how
/// importing the same activity twice adds it once. Values are written in the forms EF Core reads back
/// (GUIDs as upper-case text, times as "yyyy-MM-dd HH:mm:ss.FFFFFFF").
/// </summary>
internal sealed class UsageEventWriter : IDisposable
{
    private static readonly string[] Columns =
    [
        "BatchId", "LineNumber", "Source", "EventType", "NaturalKey", "OccurredAt", "Username", "UserId", "SourceIp", "LoginType",
        "Status", "Succeeded", "Application", "ClientName", "ApiType", "ConnectedAppId", "Uri", "Detail", "Category", "Subject",
        "UseCount", "IntegrationId", "TokenId",
    ];

    private readonly SqliteCommand _insert;
    private readonly SqliteParameter[] _parameters;

    public UsageEventWriter(SqliteConnection connection, SqliteTransaction transaction)
    {
        _insert = connection.CreateCommand();
        _insert.Transaction = transaction;
        _insert.CommandText =
            $"INSERT OR IGNORE INTO UsageEvents ({string.Join(", ", Columns)}) VALUES ({string.Join(", ", Columns.Select((_, i) => "$p" + i))})";
        _parameters = Columns.Select((_, i) => _insert.Parameters.Add("$p" + i, SqliteType.Text)).ToArray();
        _parameters[1].SqliteType = SqliteType.Integer;
        _parameters[11].SqliteType = SqliteType.Integer;
        _parameters[20].SqliteType = SqliteType.Integer;
        _insert.Prepare();
    }

    /// <summary>Returns true when the event was added, false when it was already in the ledger.</summary>
    public bool Write(UsageEvent e, EventAttribution attribution, string batchId)
    {
        var p = _parameters;
        p[0].Value = batchId;
        p[1].Value = e.LineNumber;
        p[2].Value = e.Source;
        p[3].Value = e.EventType;
        p[4].Value = e.NaturalKey;
        p[5].Value = e.OccurredAt.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
        p[6].Value = Db(e.Username);
        p[7].Value = Db(e.UserId);
        p[8].Value = Db(e.SourceIp);
        p[9].Value = Db(e.LoginType);
        p[10].Value = Db(e.Status);
        p[11].Value = e.Succeeded is { } succeeded ? (succeeded ? 1 : 0) : DBNull.Value;
        p[12].Value = Db(e.Application);
        p[13].Value = Db(e.ClientName);
        p[14].Value = Db(e.ApiType);
        p[15].Value = Db(e.ConnectedAppId);
        p[16].Value = Db(e.Uri);
        p[17].Value = Db(e.Detail);
        p[18].Value = Db(e.Category);
        p[19].Value = Db(e.Subject);
        p[20].Value = e.UseCount is { } count ? count : DBNull.Value;
        p[21].Value = attribution.IntegrationId is { } integration ? GuidText(integration) : DBNull.Value;
        p[22].Value = attribution.TokenId is { } token ? GuidText(token) : DBNull.Value;
        return _insert.ExecuteNonQuery() == 1;
    }

    public static string GuidText(Guid id) => id.ToString().ToUpperInvariant();

    public void Dispose() => _insert.Dispose();

    private static object Db(string? value) => value is null ? DBNull.Value : value;
}
