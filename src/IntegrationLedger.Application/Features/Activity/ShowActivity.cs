using IntegrationLedger.Application.Features.Findings;
using IntegrationLedger.Application.Features.Findings.Rules;
using IntegrationLedger.Application.Persistence;
using IntegrationLedger.Domain.Activity;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Features.Activity;

/// <summary>An integration's daily activity over the last <paramref name="Days"/> days of the imported data.</summary>
public sealed record ShowActivity(string Integration, int Days = 90)
{
    public const int MaxDays = 3650;
}

/// <summary>One day of the series, with its baseline and what was unusual about it.</summary>
/// <param name="RowsMedian">The median of the rows of the days before it (the baseline), null while the history is too short.</param>
/// <param name="RowsSpikeFrom">The rows above which the day would be a spike: the score's threshold or the floor, whichever is higher.</param>
/// <param name="Spikes">The measures on which the day is a spike (volume-spike).</param>
/// <param name="NewObjects">Objects touched that day for the first time after the learning period (new-data-accessed).</param>
public sealed record ActivityDayView(
    DateOnly Day, long Calls, long Failures, long Rows, long Bytes, long Objects, long Sources,
    double? RowsMedian, double? RowsSpikeFrom, IReadOnlyList<ActivityMeasure> Spikes, IReadOnlyList<string> NewObjects)
{
    public bool IsAnomalous => Spikes.Count > 0 || NewObjects.Count > 0;
}

public sealed record ActivityView(string Integration, DateOnly? From, DateOnly? Through, IReadOnlyList<ActivityDayView> Days, SpikeSettings Settings, int LearningDays)
{
    public IEnumerable<ActivityDayView> Anomalies => Days.Where(d => d.IsAnomalous);
}

/// <summary>
/// The series the terminal, the web and the workbook draw: judged as the volume-spike and new-data-accessed
/// rules judge it, with the ledger's current settings, so a chart's marked days are the findings' days.
/// </summary>
public sealed class ShowActivityHandler(Ledger ledger)
{
    public async Task<ActivityView> HandleAsync(ShowActivity request, CancellationToken cancellationToken = default)
    {
        if (request.Days is < 1 or > ShowActivity.MaxDays)
            throw new ArgumentOutOfRangeException(nameof(request), $"Days must be between 1 and {ShowActivity.MaxDays}.");
        var db = ledger.Db;
        var integration = await db.RequireIntegrationAsync(request.Integration, cancellationToken);
        var values = await RuleBook.CurrentSettingsAsync(db, cancellationToken);
        var settings = VolumeSpikeRule.SettingsFrom(values);
        var learning = values[$"{new NewDataAccessedRule().Id}.learning-days"];

        var days = await ActivityBaselines.OfIntegrationAsync(db, integration.Id, cancellationToken);
        // The series ends where the imported data ends, so the quiet days at its end show as quiet.
        var dataEnd = await db.ActivityDays.AsNoTracking().MaxAsync(d => (DateOnly?)d.Day, cancellationToken);
        if (days.Count == 0 || dataEnd is not { } through)
            return new ActivityView(integration.Name, null, null, [], settings, learning);

        var judged = SpikeJudge.Judge(days, settings, through, scoreEveryDay: true);
        var from = through.AddDays(1 - request.Days);
        var subject = integration.Id.ToString().ToUpperInvariant();
        var newObjects = await NewObjectsAsync(db, subject, days[0].Day.AddDays(learning), cancellationToken);
        var view = judged.Where(d => d.Activity.Day >= from).Select(d =>
        {
            var rows = d.Measures.FirstOrDefault(m => m.Measure == ActivityMeasure.Rows);
            var a = d.Activity;
            return new ActivityDayView(a.Day, a.Calls, a.Failures, a.Rows, a.Bytes, a.Objects, a.Sources,
                rows?.Baseline.Median, rows?.SpikeFrom(settings.Threshold),
                d.Measures.Where(m => m.IsSpike).Select(m => m.Measure).ToList(),
                newObjects.TryGetValue(a.Day, out var found) ? found : []);
        }).ToList();
        return new ActivityView(integration.Name, view.Count > 0 ? view[0].Day : null, through, view, settings, learning);
    }

    /// <summary>The objects first touched on each day on or after the end of the learning period.</summary>
    private static async Task<Dictionary<DateOnly, List<string>>> NewObjectsAsync(LedgerDbContext db, string subject, DateOnly learnt, CancellationToken cancellationToken)
    {
        var firstSeen = await db.ActivityObjects.AsNoTracking().Where(o => o.Scope == ActivityScope.Integration && o.Subject == subject)
            .GroupBy(o => o.Entity).Select(g => new { Entity = g.Key, First = g.Min(o => o.Day) }).ToListAsync(cancellationToken);
        return firstSeen.Where(f => f.First >= learnt).GroupBy(f => f.First)
            .ToDictionary(g => g.Key, g => g.Select(f => f.Entity).Order(StringComparer.Ordinal).ToList());
    }
}
