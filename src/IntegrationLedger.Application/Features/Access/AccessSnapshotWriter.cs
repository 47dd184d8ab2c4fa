using System.Globalization;
using IntegrationLedger.Application.Features.Importing;
using IntegrationLedger.Application.Persistence.Auditing;
using IntegrationLedger.Domain.Access;
using Microsoft.Data.Sqlite;

namespace IntegrationLedger.Application.Features.Access;

/// <summary>
/// Writes an export's access snapshots with one prepared INSERT, inside the import's transaction, and digests
/// them as it goes (decision 0021): tens of thousands of accounts a file would otherwise be as many tracked
/// entities and audit entries. Snapshots are written in the order of their account ids, the order verification
/// reads them back in. Values are in the forms EF Core reads (GUIDs as upper-case text, times as
/// "yyyy-MM-dd HH:mm:ss.FFFFFFF", enums by name, flags as 0 or 1). The moment an export last confirmed a snapshot
/// and the last login move with later exports, so they are outside the digest.
/// </summary>
internal sealed class AccessSnapshotWriter : IDisposable
{
    /// <summary>The columns the digest covers, in its order: every one but the batch (the digest's own) and the two that move.</summary>
    public static readonly IReadOnlyList<(string Name, bool IsNumber)> Columns =
    [
        ("Id", false), ("AccountId", false), ("Facet", false), ("AsOf", false), ("Changes", false),
        ("IsActive", true), ("UserType", false), ("Licence", false), ("Profile", false), ("Role", false), ("Email", false),
        ("FederationId", false), ("LastPasswordChangeAt", false), ("Granted", false), ("Known", false), ("PermissionSets", false),
        ("MfaMethods", false), ("IsFrozen", true), ("IsPasswordLocked", true),
    ];

    private readonly SqliteBulkInsert _insert;
    private readonly SqliteCommand _confirm;
    private readonly EventDigest _digest = new();

    public AccessSnapshotWriter(SqliteConnection connection, SqliteTransaction transaction, Guid batchId)
    {
        var names = Columns.Select(c => c.Name).Append("ConfirmedAt").Append("LastLoginAt").ToList();
        _insert = new SqliteBulkInsert(connection,
            $"INSERT INTO AccessSnapshots (BatchId, {string.Join(", ", names)}) VALUES ('{Guid(batchId)}', {string.Join(", ", names.Select((_, i) => "?" + (i + 1)))})");
        _confirm = connection.CreateCommand();
        _confirm.Transaction = transaction;
        _confirm.CommandText = "UPDATE AccessSnapshots SET ConfirmedAt = $confirmed, LastLoginAt = $login WHERE Id = $id";
        _confirm.Parameters.Add("$confirmed", SqliteType.Text);
        _confirm.Parameters.Add("$login", SqliteType.Text);
        _confirm.Parameters.Add("$id", SqliteType.Text);
    }

    /// <summary>Writes snapshots of one export, in account order.</summary>
    public void WriteAll(IEnumerable<AccessSnapshot> snapshots)
    {
        foreach (var s in snapshots.OrderBy(s => Guid(s.AccountId), StringComparer.Ordinal))
            Write(s);
    }

    private void Write(AccessSnapshot s)
    {
        var i = 0;
        Text(++i, Guid(s.Id));
        Text(++i, Guid(s.AccountId));
        Text(++i, s.Facet.ToString());
        Text(++i, Time(s.AsOf));
        Text(++i, s.Changes);
        Flag(++i, s.IsActive);
        Text(++i, s.UserType);
        Text(++i, s.Licence);
        Text(++i, s.Profile);
        Text(++i, s.Role);
        Text(++i, s.Email);
        Text(++i, s.FederationId);
        Text(++i, Time(s.LastPasswordChangeAt));
        Text(++i, s.Granted.ToString());
        Text(++i, s.Known.ToString());
        Text(++i, s.PermissionSets);
        Text(++i, s.MfaMethods?.ToString());
        Flag(++i, s.IsFrozen);
        Flag(++i, s.IsPasswordLocked);
        _insert.Text(++i, Time(s.ConfirmedAt));
        _insert.Text(++i, Time(s.LastLoginAt));
        _insert.Execute();
        _digest.Accept();
    }

    /// <summary>Moves an earlier snapshot's confirmation (and last login) forward: an export found it unchanged.</summary>
    public void Confirm(AccessSnapshot snapshot)
    {
        _confirm.Parameters["$confirmed"].Value = Time(snapshot.ConfirmedAt);
        _confirm.Parameters["$login"].Value = (object?)Time(snapshot.LastLoginAt) ?? DBNull.Value;
        _confirm.Parameters["$id"].Value = Guid(snapshot.Id);
        _confirm.ExecuteNonQuery();
    }

    /// <summary>The digest of the snapshots written, for the batch and its audit entry.</summary>
    public string Digest() => _digest.Finish();

    public long Written => _digest.Count;

    public void Dispose()
    {
        _insert.Dispose();
        _confirm.Dispose();
        _digest.Dispose();
    }

    private static string Guid(Guid id) => UsageEventWriter.GuidText(id);

    private static string Time(DateTime time) => time.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);

    private static string? Time(DateTime? time) => time is { } t ? Time(t) : null;

    private void Text(int index, string? value)
    {
        _insert.Text(index, value);
        _digest.Text(value);
    }

    private void Flag(int index, bool? value)
    {
        long? number = value is { } flag ? (flag ? 1 : 0) : null;
        _insert.Integer(index, number);
        _digest.Number(number);
    }
}
