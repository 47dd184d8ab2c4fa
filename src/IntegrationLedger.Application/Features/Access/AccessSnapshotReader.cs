using System.Globalization;
using IntegrationLedger.Application.Persistence;
using IntegrationLedger.Domain.Access;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace IntegrationLedger.Application.Features.Access;

/// <summary>
/// Reads snapshots straight from the store: the rules read every account's latest, a few hundred thousand rows,
/// where the object mapper's conversions (enum names, times) cost seconds. The values are those
/// <see cref="AccessSnapshotWriter"/> writes, which are EF Core's own forms, so both ways agree.
/// </summary>
internal static class AccessSnapshotReader
{
    private const string Columns =
        "s.Id, s.AccountId, s.BatchId, s.Facet, s.AsOf, s.ConfirmedAt, s.Changes, s.IsActive, s.UserType, s.Licence, s.Profile, s.Role, s.Email, " +
        "s.FederationId, s.LastLoginAt, s.LastPasswordChangeAt, s.Granted, s.Known, s.PermissionSets, s.MfaMethods, s.IsFrozen, s.IsPasswordLocked";

    /// <summary>The latest snapshot of each facet of each account at or before <paramref name="at"/>.</summary>
    public static Task<List<AccessSnapshot>> LatestAsync(LedgerDbContext db, DateTime at, CancellationToken cancellationToken) =>
        QueryAsync(db, $"SELECT {Columns} FROM AccessSnapshots s WHERE s.AsOf <= $at AND NOT EXISTS " +
            "(SELECT 1 FROM AccessSnapshots t WHERE t.AccountId = s.AccountId AND t.Facet = s.Facet AND t.AsOf > s.AsOf AND t.AsOf <= $at)", at, cancellationToken);

    /// <summary>Every snapshot of a moment before <paramref name="end"/>, for the workbook to keep those of the batches its replay holds.</summary>
    public static Task<List<AccessSnapshot>> BeforeAsync(LedgerDbContext db, DateTime end, CancellationToken cancellationToken) =>
        QueryAsync(db, $"SELECT {Columns} FROM AccessSnapshots s WHERE s.AsOf < $at", end, cancellationToken);

    private static async Task<List<AccessSnapshot>> QueryAsync(LedgerDbContext db, string sql, DateTime at, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = ((SqliteConnection)db.Database.GetDbConnection()).CreateCommand();
            command.Transaction = (SqliteTransaction?)db.Database.CurrentTransaction?.GetDbTransaction();
            command.CommandText = sql;
            command.Parameters.AddWithValue("$at", at.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var names = new Names();
            var snapshots = new List<AccessSnapshot>();
            while (await reader.ReadAsync(cancellationToken))
                snapshots.Add(AccessSnapshot.Restore(Read(reader, names)));
            return snapshots;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static StoredAccessSnapshot Read(SqliteDataReader r, Names names) => new(
        r.GetGuid(0), r.GetGuid(1), r.GetGuid(2), Enum.Parse<AccessFacet>(r.GetString(3)), Time(r, 4)!.Value, Time(r, 5)!.Value, Text(r, 6),
        Flag(r, 7), Text(r, 8), Text(r, 9), Text(r, 10), Text(r, 11), Text(r, 12), Text(r, 13),
        Time(r, 14), Time(r, 15), names.Permissions(r.GetString(16)), names.Permissions(r.GetString(17)), Text(r, 18),
        r.IsDBNull(19) ? null : names.Mfa(r.GetString(19)), Flag(r, 20), Flag(r, 21));

    private static string? Text(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private static bool? Flag(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetInt64(i) != 0;

    private static DateTime? Time(SqliteDataReader r, int i) =>
        r.IsDBNull(i) ? null : DateTime.SpecifyKind(DateTime.ParseExact(r.GetString(i), "yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture), DateTimeKind.Utc);

    /// <summary>Enum names parsed once each: a file's snapshots share a handful of them.</summary>
    private sealed class Names
    {
        private readonly Dictionary<string, SalesforcePermissions> _permissions = new(StringComparer.Ordinal);
        private readonly Dictionary<string, MfaMethods> _mfa = new(StringComparer.Ordinal);


        public SalesforcePermissions Permissions(string name) =>
            _permissions.TryGetValue(name, out var value) ? value : _permissions[name] = Enum.Parse<SalesforcePermissions>(name);

        public MfaMethods Mfa(string name) => _mfa.TryGetValue(name, out var value) ? value : _mfa[name] = Enum.Parse<MfaMethods>(name);
    }
}
