using System.Buffers.Text;
using System.Globalization;
using System.Text;
using IntegrationLedger.Application.Persistence;
using IntegrationLedger.Domain.Access;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SQLitePCL;

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

    private static string Latest(string facets) => $"SELECT {Columns} FROM AccessSnapshots s WHERE s.Facet IN ({facets}) AND s.AsOf <= $at AND NOT EXISTS " +
        "(SELECT 1 FROM AccessSnapshots t WHERE t.AccountId = s.AccountId AND t.Facet = s.Facet AND t.AsOf > s.AsOf AND t.AsOf <= $at)";

    /// <summary>
    /// The latest snapshot of each facet of each account at or before <paramref name="at"/>. Outside a transaction the
    /// facets are read in two halves on connections of their own, at the same time: the read is most of the rules'
    /// time, the machine has cores to spare, and the context's own connection stays free for the caller's other
    /// queries meanwhile. (In a transaction, its connection is the only one that sees what it has written.)
    /// </summary>
    public static async Task<List<AccessSnapshot>> LatestAsync(LedgerDbContext db, DateTime at, CancellationToken cancellationToken)
    {
        var halves = new[] { Latest("'User', 'Login'"), Latest("'PermissionSets', 'Mfa'") };
        if (db.Database.CurrentTransaction is not null || db.Database.GetConnectionString() is not { } connectionString)
        {
            var all = new List<AccessSnapshot>();
            foreach (var half in halves)
                all.AddRange(await QueryAsync(db, half, at, cancellationToken));
            return all;
        }
        var read = halves.Select(half => Task.Run(async () =>
        {
            await using var connection = new SqliteConnection(connectionString);
            await connection.OpenAsync(cancellationToken);
            return Query(connection, half, at, cancellationToken);
        }, cancellationToken)).ToList();
        return [.. (await Task.WhenAll(read)).SelectMany(h => h)];
    }

    /// <summary>The latest snapshot of one facet of each account at or before <paramref name="at"/>, on the context's connection (an import's, in its transaction).</summary>
    public static Task<List<AccessSnapshot>> LatestOfAsync(LedgerDbContext db, AccessFacet facet, DateTime at, CancellationToken cancellationToken) =>
        QueryAsync(db, Latest($"'{facet}'"), at, cancellationToken);

    /// <summary>Every snapshot of a moment before <paramref name="end"/>, for the workbook to keep those of the batches its replay holds.</summary>
    public static Task<List<AccessSnapshot>> BeforeAsync(LedgerDbContext db, DateTime end, CancellationToken cancellationToken) =>
        QueryAsync(db, $"SELECT {Columns} FROM AccessSnapshots s WHERE s.AsOf < $at", end, cancellationToken);

    private static async Task<List<AccessSnapshot>> QueryAsync(LedgerDbContext db, string sql, DateTime at, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            return Query((SqliteConnection)db.Database.GetDbConnection(), sql, at, cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static List<AccessSnapshot> Query(SqliteConnection connection, string sql, DateTime at, CancellationToken cancellationToken)
    {
        var handle = connection.Handle!;
        // SQLite's own API: Microsoft.Data.Sqlite's reader checks every column's type on every call, which for
        // a few hundred thousand rows of twenty columns is most of the time.
        Check(handle, raw.sqlite3_prepare_v2(handle, sql, out var statement));
        using (statement)
        {
            Check(handle, raw.sqlite3_bind_text(statement, 1, at.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture)));
            var names = new Names();
            var snapshots = new List<AccessSnapshot>();
            int result;
            while ((result = raw.sqlite3_step(statement)) == raw.SQLITE_ROW)
            {
                cancellationToken.ThrowIfCancellationRequested();
                snapshots.Add(AccessSnapshot.Restore(Read(statement, names)));
            }
            if (result != raw.SQLITE_DONE)
                Check(handle, result);
            return snapshots;
        }
    }

    /// <summary>A row, reading only the columns of its facet: the others are empty by construction.</summary>
    private static StoredAccessSnapshot Read(sqlite3_stmt s, Names names)
    {
        var (id, account, batch) = (Guid(s, 0), Guid(s, 1), Guid(s, 2));
        var (asOf, confirmed, changes) = (Time(s, 4)!.Value, Time(s, 5)!.Value, Text(s, 6));
        const SalesforcePermissions none = SalesforcePermissions.None;
        return Names.Facet(s, 3) switch
        {
            AccessFacet.User => new(id, account, batch, AccessFacet.User, asOf, confirmed, changes,
                Flag(s, 7), Text(s, 8), Text(s, 9), Text(s, 10), Text(s, 11), Text(s, 12), Text(s, 13), Time(s, 14), Time(s, 15),
                none, none, null, null, null, null),
            AccessFacet.PermissionSets => new(id, account, batch, AccessFacet.PermissionSets, asOf, confirmed, changes,
                null, null, null, null, null, null, null, null, null, names.Permissions(s, 16), names.Permissions(s, 17), Text(s, 18), null, null, null),
            AccessFacet.Mfa => new(id, account, batch, AccessFacet.Mfa, asOf, confirmed, changes,
                null, null, null, null, null, null, null, null, null, none, none, null, IsNull(s, 19) ? null : names.Mfa(s, 19), null, null),
            _ => new(id, account, batch, AccessFacet.Login, asOf, confirmed, changes,
                null, null, null, null, null, null, null, null, null, none, none, null, null, Flag(s, 20), Flag(s, 21)),
        };
    }

    private static bool IsNull(sqlite3_stmt s, int i) => raw.sqlite3_column_type(s, i) == raw.SQLITE_NULL;

    private static string? Text(sqlite3_stmt s, int i)
    {
        var bytes = raw.sqlite3_column_blob(s, i);
        // NULL and '' both read as no bytes; only then is the type asked.
        return bytes.IsEmpty && IsNull(s, i) ? null : Encoding.UTF8.GetString(bytes);
    }

    private static bool? Flag(sqlite3_stmt s, int i) => IsNull(s, i) ? null : raw.sqlite3_column_int64(s, i) != 0;

    private static Guid Guid(sqlite3_stmt s, int i) =>
        Utf8Parser.TryParse(raw.sqlite3_column_blob(s, i), out Guid id, out _) ? id : throw new FormatException($"Column {i} of an access snapshot is no GUID.");

    /// <summary>A time as EF Core writes it, "yyyy-MM-dd HH:mm:ss" and up to seven digits of fraction, read without parsing text.</summary>
    private static DateTime? Time(sqlite3_stmt s, int i)
    {
        var t = raw.sqlite3_column_blob(s, i);
        if (t.IsEmpty && IsNull(s, i))
            return null;
        if (t.Length < 19)
            throw new FormatException($"Column {i} of an access snapshot is no time.");
        static int Digits(ReadOnlySpan<byte> t, int from, int count)
        {
            var value = 0;
            for (var k = from; k < from + count; k++)
                value = value * 10 + (t[k] - '0');
            return value;
        }
        var ticks = 0L;
        if (t.Length > 20)
        {
            var fraction = t[20..];
            for (var k = 0; k < 7; k++)
                ticks = ticks * 10 + (k < fraction.Length ? fraction[k] - '0' : 0);
        }
        return new DateTime(Digits(t, 0, 4), Digits(t, 5, 2), Digits(t, 8, 2), Digits(t, 11, 2), Digits(t, 14, 2), Digits(t, 17, 2), DateTimeKind.Utc).AddTicks(ticks);
    }

    private static void Check(sqlite3 handle, int result)
    {
        if (result != raw.SQLITE_OK)
            throw new SqliteException(raw.sqlite3_errmsg(handle).utf8_to_string(), result);
    }

    /// <summary>Enum names parsed once each: a file's snapshots share a handful of them.</summary>
    private sealed class Names
    {
        private readonly Dictionary<string, SalesforcePermissions> _permissions = new(StringComparer.Ordinal);
        private readonly Dictionary<string, MfaMethods> _mfa = new(StringComparer.Ordinal);

        public static AccessFacet Facet(sqlite3_stmt s, int i) => raw.sqlite3_column_bytes(s, i) switch
        {
            // "User", "PermissionSets", "Mfa" and "Login" differ in length: no text needs to be made to tell them apart.
            4 => AccessFacet.User,
            14 => AccessFacet.PermissionSets,
            3 => AccessFacet.Mfa,
            5 => AccessFacet.Login,
            _ => Enum.Parse<AccessFacet>(Text(s, i)!),
        };


        public SalesforcePermissions Permissions(sqlite3_stmt s, int i)
        {
            var name = Text(s, i)!;
            return _permissions.TryGetValue(name, out var value) ? value : _permissions[name] = Enum.Parse<SalesforcePermissions>(name);
        }

        public MfaMethods Mfa(sqlite3_stmt s, int i)
        {
            var name = Text(s, i)!;
            return _mfa.TryGetValue(name, out var value) ? value : _mfa[name] = Enum.Parse<MfaMethods>(name);
        }
    }
}
