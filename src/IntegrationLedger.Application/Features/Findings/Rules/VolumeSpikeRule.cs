using System.Globalization;
using IntegrationLedger.Application.Features.Activity;
using IntegrationLedger.Domain.Findings;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Features.Findings.Rules;

/// <summary>
/// A day on which an integration moved far more than its habit: judged against its own trailing baseline with
/// a robust score (<see cref="RobustBaseline"/>), read from the baselines the imports keep. Each spike day is a
/// finding of its own, so an auditor sees every one, not only the latest.
/// </summary>
public sealed class VolumeSpikeRule : IRule
{
    public string Id => RuleId;
    public Severity Severity => Severity.High;
    public string Title => "Data volume far above the integration's habit";
    public string Explanation =>
        "On one day an integration read, wrote or downloaded far more than it usually does: its rows, bytes or requests are far above " +
        "the median of the days before it (a modified z-score, which a single spike cannot drag as it drags an average). Valid " +
        "credentials exporting unusual amounts of data is how the 2025 OAuth-token thefts looked; confirm the job with its owner.";

    public IReadOnlyList<RuleSetting> Settings { get; } =
    [
        new("window", 28, "How many days before a day make its baseline", Min: 7, Max: 365),
        new("minimum-history", 14, "How many days of history an integration needs before its days are judged", Min: 3, Max: 365),
        new("threshold-tenths", 35, "The modified z-score above which a day is a spike, in tenths (35 is 3.5)", Min: 10, Max: 10_000),
        new("floor-rows", 10_000, "Rows a day must reach to be a spike, however unusual", Min: 0, Max: 1_000_000_000),
        new("floor-megabytes", 10, "Megabytes returned a day must reach to be a spike", Min: 0, Max: 1_000_000),
        new("floor-calls", 1_000, "Requests a day must reach to be a spike", Min: 0, Max: 1_000_000_000),
    ];

    public const string RuleId = "volume-spike";

    /// <summary>The judgement's thresholds from the ledger's settings (<see cref="RuleBook.CurrentSettingsAsync"/>): the charts judge as the rule does.</summary>
    public static SpikeSettings SettingsFrom(IReadOnlyDictionary<string, int> settings)
    {
        int Setting(string name) => settings[$"{RuleId}.{name}"];
        return new SpikeSettings(Setting("window"), Setting("minimum-history"), Setting("threshold-tenths") / 10.0,
            new Dictionary<ActivityMeasure, long>
            {
                [ActivityMeasure.Rows] = Setting("floor-rows"),
                [ActivityMeasure.Bytes] = Setting("floor-megabytes") * 1024L * 1024,
                [ActivityMeasure.Calls] = Setting("floor-calls"),
            });
    }

    public async Task<IReadOnlyList<RuleResult>> EvaluateAsync(RuleContext context, CancellationToken cancellationToken)
    {
        var settings = SettingsFrom(context.Settings);
        var integrations = await ActivityBaselines.OfIntegrationsReachingAsync(context.Db, settings, cancellationToken);
        if (integrations.Count == 0)
            return [];
        var ids = integrations.Keys.ToList();
        var names = await context.Db.Integrations.AsNoTracking().Where(i => ids.Contains(i.Id)).ToDictionaryAsync(i => i.Id, i => i.Name, cancellationToken);

        var results = new List<RuleResult>();
        foreach (var (integrationId, days) in integrations)
        {
            if (!names.TryGetValue(integrationId, out var name))
                continue;
            foreach (var day in SpikeJudge.Judge(days, settings).Where(d => d.IsSpike))
            {
                var evidence = await ActivityBaselines.LargestEventsAsync(context.Db, integrationId, day.Activity.Day, 3, cancellationToken);
                results.Add(new RuleResult("Integration", $"{name} on {day.Activity.Day:yyyy-MM-dd}", Explain(name, day, settings, evidence)));
            }
        }
        return results;
    }

    /// <summary>What was seen, against what baseline, with which score, and the events behind it.</summary>
    public static string Explain(string integration, JudgedDay day, SpikeSettings settings, IReadOnlyList<EvidenceEvent> evidence)
    {
        var spikes = day.Measures.Where(m => m.IsSpike).ToList();
        var parts = spikes.Select(m =>
            $"{SpikeJudge.Describe(m.Measure, m.Value)} where the {day.HistoryDays} days before had a median of {SpikeJudge.Describe(m.Measure, m.Baseline.Median)} a day " +
            $"and {SpreadWords(m)}: {ScoreWords(m.Baseline)}, above the threshold of {settings.Threshold.ToString("0.0", CultureInfo.InvariantCulture)} " +
            $"(floor {SpikeJudge.Describe(m.Measure, m.Floor)})");
        var text = $"On {day.Activity.Day:yyyy-MM-dd} '{integration}' moved {string.Join("; and ", parts)}.";
        if (evidence.Count > 0)
            text += $" The largest events that day: {string.Join("; ", evidence.Select(e => e.Describe()))}.";
        return text;
    }

    private static string SpreadWords(MeasureJudgement m) => m.Baseline.Method switch
    {
        SpreadMethod.MedianAbsoluteDeviation => $"a median absolute deviation of {SpikeJudge.Describe(m.Measure, m.Baseline.Spread)}",
        SpreadMethod.MeanAbsoluteDeviation => $"a median absolute deviation of zero, so the mean absolute deviation stands in ({SpikeJudge.Describe(m.Measure, m.Baseline.Spread)})",
        _ => "never varied",
    };

    private static string ScoreWords(BaselineScore baseline) => double.IsPositiveInfinity(baseline.Score)
        ? "any day above a baseline that never varied is a spike, once it passes the floor"
        : $"a modified z-score of {baseline.Score.ToString("N1", CultureInfo.InvariantCulture)}";
}
