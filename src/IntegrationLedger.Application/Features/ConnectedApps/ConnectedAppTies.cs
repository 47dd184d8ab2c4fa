using System.Buffers;
using IntegrationLedger.Application.Features.Activity;
using IntegrationLedger.Application.Persistence;
using IntegrationLedger.Domain.ConnectedApps;
using IntegrationLedger.Domain.Usage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace IntegrationLedger.Application.Features.ConnectedApps;

/// <summary>
/// Ties activity to the connected app it came through (<see cref="UsageEvent.TiedAppId"/>): the app its
/// CONNECTED_APP_ID names, else the registered app whose name its app name (CONNECTED_APP_NAME, a login's
/// application) or its client name gives, as attribution rules match names: the name itself or with a
/// version or platform after it ("Orbit Analytics/2.4"). Many clients send only a name, so without this the
/// register would show no activity for them. A name two registered apps share ties to neither: Salesforce
/// does not keep names unique, and a guess would put one app's activity on another. Token snapshots, setup
/// changes and Threat Detection's verdicts name apps without being their activity and are never tied.
/// </summary>
internal sealed class ConnectedAppTies
{
    private static readonly SearchValues<char> Boundaries = SearchValues.Create("/ (,;");

    /// <summary>Each registered app's trimmed name, in any case, with its id; null for a name several apps share.</summary>
    private readonly Dictionary<string, string?> _byName = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string?>.AlternateLookup<ReadOnlySpan<char>> _byNamePrefix;

    private ConnectedAppTies(IEnumerable<ConnectedApp> apps)
    {
        _byNamePrefix = _byName.GetAlternateLookup<ReadOnlySpan<char>>();
        foreach (var app in apps)
        {
            var name = app.Name.Trim();
            if (name.Length == 0)
                continue;
            _byName[name] = _byName.TryGetValue(name, out var held) && held != app.SalesforceId ? null : app.SalesforceId;
        }
    }

    public bool KnowsNames => _byName.Count > 0;

    public static async Task<ConnectedAppTies> LoadAsync(LedgerDbContext db, CancellationToken cancellationToken) =>
        new(await db.ConnectedApps.AsNoTracking().ToListAsync(cancellationToken));

    /// <summary>The register as a change holds it, the apps it added and renamed but has not saved yet included.</summary>
    public static async Task<ConnectedAppTies> LoadPendingAsync(LedgerDbContext db, CancellationToken cancellationToken)
    {
        var stored = await db.ConnectedApps.ToListAsync(cancellationToken);
        return new(stored.Union(db.ConnectedApps.Local));
    }

    /// <summary>The app the event is tied to, or null.</summary>
    public string? TieOf(UsageEvent e) => TieOf(e.EventType, e.ConnectedAppId, e.Application, e.ClientName);

    private string? TieOf(string eventType, string? connectedAppId, string? application, string? clientName)
    {
        if (!ActivityBaselineWriter.Counts(eventType))
            return null;
        return connectedAppId ?? ByName(application) ?? ByName(clientName);
    }

    /// <summary>The app the value names: the whole value, else its longest prefix that a boundary follows.</summary>
    private string? ByName(string? value)
    {
        if (value is null || _byName.Count == 0)
            return null;
        var span = value.AsSpan().Trim();
        if (_byNamePrefix.TryGetValue(span, out var whole))
            return whole;
        string? longest = null;
        for (var end = span.IndexOfAny(Boundaries); end >= 0; end = Next(span, end))
        {
            if (end > 0 && _byNamePrefix.TryGetValue(span[..end], out var id))
                longest = id;
        }
        return longest;

        static int Next(ReadOnlySpan<char> value, int end)
        {
            var next = value[(end + 1)..].IndexOfAny(Boundaries);
            return next < 0 ? -1 : end + 1 + next;
        }
    }

    /// <summary>
    /// Ties the stored activity anew by these names, in the change's transaction: an import of the
    /// ConnectedApplication export can add or rename apps that events imported earlier named. Ties by id never
    /// change. Reads only the events that name an app or client without an id; returns how many are tied by name.
    /// </summary>
    public async Task<long> RetieByNameAsync(LedgerDbContext db, CancellationToken cancellationToken)
    {
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        var transaction = (SqliteTransaction?)db.Database.CurrentTransaction?.GetDbTransaction();
        await using (var untie = connection.CreateCommand())
        {
            untie.Transaction = transaction;
            untie.CommandText = "UPDATE UsageEvents SET TiedAppId = NULL WHERE TiedAppId IS NOT NULL AND ConnectedAppId IS NULL";
            await untie.ExecuteNonQueryAsync(cancellationToken);
        }
        if (!KnowsNames)
            return 0;

        var ties = new List<(long Id, string AppId)>();
        await using (var read = connection.CreateCommand())
        {
            read.Transaction = transaction;
            read.CommandText = "SELECT Id, EventType, Application, ClientName FROM UsageEvents " +
                "WHERE ConnectedAppId IS NULL AND (Application IS NOT NULL OR ClientName IS NOT NULL)";
            await using var reader = await read.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                if (TieOf(reader.GetString(1), null, reader.IsDBNull(2) ? null : reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3)) is { } appId)
                    ties.Add((reader.GetInt64(0), appId));
            }
        }
        using var tie = new Importing.SqliteBulkInsert(connection, "UPDATE UsageEvents SET TiedAppId = ?2 WHERE Id = ?1");
        foreach (var (id, appId) in ties)
        {
            tie.Integer(1, id);
            tie.Text(2, appId);
            tie.Execute();
        }
        return ties.Count;
    }
}
