using System.Globalization;
using IntegrationLedger.Application.Persistence;
using IntegrationLedger.Domain.Usage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace IntegrationLedger.Application.Features.Activity;

public sealed record ActivityRebuilt(long Events, long Days, long BulkJobs);

/// <summary>
/// Recomputes every activity baseline from the events the ledger holds, through the very counting an import
/// does (<see cref="ActivityBaselineWriter"/>), in one transaction: for when the counting changes, or to
/// repair baselines someone edited. Events keep the integration they were attributed to at import (it is
/// part of their digest), so the baselines follow the events, not today's attribution rules. The rebuild
/// is recorded as a setting, so the audit log says who rebuilt them, when, and from how many events.
/// </summary>
public sealed class RebuildActivityHandler(Ledger ledger)
{
    public const string RebuiltSetting = "activity.rebuilt";

    public async Task<ActivityRebuilt> HandleAsync(CancellationToken cancellationToken = default)
    {
        await using var change = await ledger.BeginChangeAsync(RebuiltSetting, cancellationToken);
        var db = ledger.Db;
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        var transaction = (SqliteTransaction)db.Database.CurrentTransaction!.GetDbTransaction();
        await db.Database.ExecuteSqlRawAsync(
            "DELETE FROM ActivityDays; DELETE FROM ActivityObjects; DELETE FROM ActivitySources; DELETE FROM BulkJobs; DELETE FROM FailedLoginHours;",
            cancellationToken);

        var baselines = new ActivityBaselineWriter(connection, transaction);
        long events = 0;
        await using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            // In the order they happened (the time index gives it without sorting), as imports of each day's files would have met them.
            command.CommandText =
                "SELECT EventType, OccurredAt, Username, UserId, SourceIp, Succeeded, IntegrationId, RowsProcessed, BytesReturned, Entity, Operation, JobId " +
                "FROM UsageEvents ORDER BY OccurredAt";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                string? Text(int column) => reader.IsDBNull(column) ? null : reader.GetString(column);
                long? Number(int column) => reader.IsDBNull(column) ? null : reader.GetInt64(column);
                var e = new UsageEvent
                {
                    Source = "",
                    NaturalKey = "",
                    EventType = reader.GetString(0),
                    OccurredAt = DateTime.SpecifyKind(DateTime.Parse(reader.GetString(1), CultureInfo.InvariantCulture), DateTimeKind.Utc),
                    Username = Text(2),
                    UserId = Text(3),
                    SourceIp = Text(4),
                    Succeeded = Number(5) is { } succeeded ? succeeded != 0 : null,
                    RowsProcessed = Number(7),
                    BytesReturned = Number(8),
                    Entity = Text(9),
                    Operation = Text(10),
                    JobId = Text(11),
                };
                var integrationId = Text(6) is { } id ? Guid.Parse(id) : (Guid?)null;
                await baselines.AddAsync(e, integrationId, e.Username, cancellationToken);
                events++;
            }
        }
        await baselines.FlushAsync(cancellationToken);

        var days = await db.ActivityDays.LongCountAsync(cancellationToken);
        var jobs = await db.BulkJobs.LongCountAsync(cancellationToken);
        var summary = $"{ledger.Now:yyyy-MM-ddTHH:mm:ssZ}: {events} events, {days} days, {jobs} Bulk API 2.0 jobs";
        var setting = await db.Settings.SingleOrDefaultAsync(s => s.Name == RebuiltSetting, cancellationToken);
        if (setting is null)
            db.Settings.Add(new LedgerSetting(RebuiltSetting, summary));
        else
            setting.Value = summary;
        await change.CommitAsync(cancellationToken);
        return new ActivityRebuilt(events, days, jobs);
    }
}
