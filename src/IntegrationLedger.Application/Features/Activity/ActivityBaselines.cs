using System.Globalization;
using IntegrationLedger.Application.Persistence;
using IntegrationLedger.Domain.Activity;
using IntegrationLedger.Domain.Usage;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Features.Activity;

/// <summary>An event a finding or chart names as its evidence.</summary>
public sealed record EvidenceEvent(
    DateTime OccurredAt, string EventType, string? Username, string? SourceIp, string? Operation, string? Entity,
    long? Rows, long? Bytes, string? JobId, string File, long Line)
{
    public string Describe()
    {
        var what = string.Join(" ", new[] { EventType, Operation, Entity is null ? null : "of " + Entity }.OfType<string>());
        var volume = new List<string>();
        if (Rows is { } rows)
            volume.Add(SpikeJudge.Describe(ActivityMeasure.Rows, rows));
        if (Bytes is { } bytes)
            volume.Add(SpikeJudge.Size(bytes));
        var job = JobId is null ? "" : $" (job {JobId})";
        return $"{what}{job}{(volume.Count > 0 ? ", " + string.Join(", ", volume) : "")}, at {OccurredAt:yyyy-MM-dd HH:mm} UTC"
            + (Username is null ? "" : " by " + Username) + (SourceIp is null ? "" : " from " + SourceIp)
            + $" ({File}, line {Line.ToString("N0", CultureInfo.InvariantCulture)})";
    }
}

/// <summary>Reads the activity baselines the imports keep, for the rules, the charts and the workbook.</summary>
public static class ActivityBaselines
{
    /// <summary>An integration's days, in order.</summary>
    public static async Task<List<DayActivity>> OfIntegrationAsync(LedgerDbContext db, Guid integrationId, CancellationToken cancellationToken)
    {
        var subject = integrationId.ToString().ToUpperInvariant();
        return await db.ActivityDays.AsNoTracking()
            .Where(d => d.Scope == ActivityScope.Integration && d.Subject == subject)
            .OrderBy(d => d.Day)
            .Select(d => new DayActivity(d.Day, d.Calls, d.Failures, d.Rows, d.Bytes, d.Objects, d.Sources))
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// The days of every integration that ever reached one of the floors: one that never did cannot have a
    /// spike, so its days are not read at all.
    /// </summary>
    public static async Task<Dictionary<Guid, List<DayActivity>>> OfIntegrationsReachingAsync(LedgerDbContext db, SpikeSettings settings, CancellationToken cancellationToken)
    {
        var rows = settings.Floors[ActivityMeasure.Rows];
        var bytes = settings.Floors[ActivityMeasure.Bytes];
        var calls = settings.Floors[ActivityMeasure.Calls];
        var integrationDays = db.ActivityDays.AsNoTracking().Where(d => d.Scope == ActivityScope.Integration);
        var reaching = integrationDays.Where(d => d.Rows >= rows || d.Bytes >= bytes || d.Calls >= calls).Select(d => d.Subject).Distinct();
        var days = await integrationDays.Where(d => reaching.Contains(d.Subject))
            .OrderBy(d => d.Subject).ThenBy(d => d.Day)
            .Select(d => new { d.Subject, Day = new DayActivity(d.Day, d.Calls, d.Failures, d.Rows, d.Bytes, d.Objects, d.Sources) })
            .ToListAsync(cancellationToken);
        return days.GroupBy(d => Guid.Parse(d.Subject)).ToDictionary(g => g.Key, g => g.Select(d => d.Day).ToList());
    }

    /// <summary>The day's events of an integration that moved the most data: a finding's evidence.</summary>
    public static async Task<List<EvidenceEvent>> LargestEventsAsync(LedgerDbContext db, Guid integrationId, DateOnly day, int count, CancellationToken cancellationToken)
    {
        var largest = await Evidence(db, ActivityOf(db, integrationId, day).Where(e => e.RowsProcessed != null || e.BytesReturned != null)
                .OrderByDescending(e => e.RowsProcessed).ThenByDescending(e => e.BytesReturned).ThenBy(e => e.OccurredAt))
            .Take(count * JobEventsAtMost).ToListAsync(cancellationToken);
        return OnePerJob(largest, count);
    }

    /// <summary>The first events of an integration that touched an object on a day.</summary>
    public static async Task<List<EvidenceEvent>> EventsOnObjectAsync(LedgerDbContext db, Guid integrationId, string entity, DateOnly day, int count, CancellationToken cancellationToken)
    {
        var first = await Evidence(db, ActivityOf(db, integrationId, day).Where(e => e.Entity == entity).OrderBy(e => e.OccurredAt))
            .Take(count * JobEventsAtMost).ToListAsync(cancellationToken);
        // Per job, the event with the most rows: the one that says what the job read.
        return OnePerJob([.. first.OrderByDescending(e => e.Rows ?? -1).ThenBy(e => e.OccurredAt)], count).OrderBy(e => e.OccurredAt).ToList();
    }

    /// <summary>An integration's activity on one UTC day, read through the (IntegrationId, OccurredAt) index.</summary>
    private static IQueryable<UsageEvent> ActivityOf(LedgerDbContext db, Guid integrationId, DateOnly day)
    {
        var start = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var end = start.AddDays(1);
        return db.UsageEvents.AsNoTracking()
            .Where(e => e.IntegrationId == integrationId && e.OccurredAt >= start && e.OccurredAt < end && !Verdicts.Contains(e.EventType));
    }

    /// <summary>The events, in their order, with the file and line each came from.</summary>
    private static IQueryable<EvidenceEvent> Evidence(LedgerDbContext db, IQueryable<UsageEvent> events) =>
        from e in events
        join b in db.ImportBatches on e.BatchId equals b.Id
        select new EvidenceEvent(e.OccurredAt, e.EventType, e.Username, e.SourceIp, e.Operation, e.Entity, e.RowsProcessed, e.BytesReturned, e.JobId, b.FileName, e.LineNumber);

    /// <summary>Threat Detection's verdicts name rows and objects too, but they are not the activity itself.</summary>
    private static readonly List<string> Verdicts = [.. UsageEventTypes.ThreatDetection];

    /// <summary>A Bulk API job writes several events; evidence names each job once, by its first event in the list.</summary>
    private static List<EvidenceEvent> OnePerJob(List<EvidenceEvent> events, int count)
    {
        var jobs = new HashSet<string>(StringComparer.Ordinal);
        return events.Where(e => e.JobId is null || jobs.Add(e.JobId)).Take(count).ToList();
    }

    /// <summary>How many state events of one job a list of evidence may have to pass over.</summary>
    private const int JobEventsAtMost = 6;
}
