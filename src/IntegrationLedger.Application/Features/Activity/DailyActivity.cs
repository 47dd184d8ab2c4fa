using System.Globalization;

namespace IntegrationLedger.Application.Features.Activity;

/// <summary>What the spike judgement measures of a day.</summary>
public enum ActivityMeasure
{
    Rows,
    Bytes,
    Calls,
}

/// <summary>One day of an integration's (or account's) baseline.</summary>
public sealed record DayActivity(DateOnly Day, long Calls, long Failures, long Rows, long Bytes, long Objects, long Sources)
{
    public static DayActivity Quiet(DateOnly day) => new(day, 0, 0, 0, 0, 0, 0);

    public long Value(ActivityMeasure measure) => measure switch
    {
        ActivityMeasure.Rows => Rows,
        ActivityMeasure.Bytes => Bytes,
        _ => Calls,
    };
}

/// <summary>The thresholds of the spike judgement: the volume-spike rule's settings.</summary>
/// <param name="Window">How many days before a day make its baseline.</param>
/// <param name="MinimumHistory">How many days of history a day needs before it is judged at all.</param>
/// <param name="Threshold">The modified z-score above which a day is a spike.</param>
/// <param name="Floors">For each measure, the value a day must reach to be a spike, so that quiet integrations do not alarm on noise.</param>
public sealed record SpikeSettings(int Window, int MinimumHistory, double Threshold, IReadOnlyDictionary<ActivityMeasure, long> Floors)
{
    public static SpikeSettings Default { get; } = new(28, 14, 3.5,
        new Dictionary<ActivityMeasure, long> { [ActivityMeasure.Rows] = 10_000, [ActivityMeasure.Bytes] = 10L * 1024 * 1024, [ActivityMeasure.Calls] = 1_000 });
}

/// <summary>One measure of a day against its baseline.</summary>
public sealed record MeasureJudgement(ActivityMeasure Measure, long Value, BaselineScore Baseline, long Floor, bool IsSpike)
{
    /// <summary>The value above which this measure would have been a spike that day: the score's threshold or the floor, whichever is higher.</summary>
    public double SpikeFrom(double threshold) => Math.Max(Floor, Baseline.Method switch
    {
        SpreadMethod.MedianAbsoluteDeviation => Baseline.Median + threshold * Baseline.Spread / 0.6745,
        SpreadMethod.MeanAbsoluteDeviation => Baseline.Median + threshold * Baseline.Spread * 1.253314,
        _ => Baseline.Median,
    });
}

/// <summary>A day with its judgement: no measures while the history is shorter than the minimum.</summary>
public sealed record JudgedDay(DayActivity Activity, int HistoryDays, IReadOnlyList<MeasureJudgement> Measures)
{
    public bool IsSpike => Measures.Any(m => m.IsSpike);
}

/// <summary>
/// Judges each day of a subject's activity against the days before it (<see cref="RobustBaseline"/>): the
/// series is made whole first (a day without activity is a day of zeros, from the first day the subject was
/// seen), so a burst after quiet weeks stands out as it should.
/// </summary>
public static class SpikeJudge
{
    /// <param name="days">The subject's days, in order.</param>
    /// <param name="through">The last day to give (quiet days after the last activity are added up to it); the last activity day when null.</param>
    /// <param name="scoreEveryDay">
    /// Score every measure of every day, for a chart's baseline. The rule leaves it false: a measure below its
    /// floor cannot be a spike, so it is not scored, which keeps the rules fast over thousands of integrations.
    /// </param>
    public static List<JudgedDay> Judge(IReadOnlyList<DayActivity> days, SpikeSettings settings, DateOnly? through = null, bool scoreEveryDay = false)
    {
        var dense = Whole(days, through);
        var judged = new List<JudgedDay>(dense.Count);
        var window = new double[settings.Window];
        for (var i = 0; i < dense.Count; i++)
        {
            var history = Math.Min(i, settings.Window);
            if (history < settings.MinimumHistory)
            {
                judged.Add(new JudgedDay(dense[i], history, []));
                continue;
            }
            var measures = new List<MeasureJudgement>(3);
            foreach (var measure in Measures)
            {
                var value = dense[i].Value(measure);
                var floor = settings.Floors[measure];
                if (!scoreEveryDay && value < floor)
                    continue;
                for (var d = 0; d < history; d++)
                    window[d] = dense[i - history + d].Value(measure);
                var baseline = RobustBaseline.Score(window.AsSpan(0, history), value);
                measures.Add(new MeasureJudgement(measure, value, baseline, floor, value >= floor && baseline.Score > settings.Threshold));
            }
            judged.Add(new JudgedDay(dense[i], history, measures));
        }
        return judged;
    }

    private static readonly ActivityMeasure[] Measures = [ActivityMeasure.Rows, ActivityMeasure.Bytes, ActivityMeasure.Calls];

    /// <summary>Every day from the first to <paramref name="through"/>, the quiet ones as zeros.</summary>
    public static List<DayActivity> Whole(IReadOnlyList<DayActivity> days, DateOnly? through = null)
    {
        var whole = new List<DayActivity>();
        if (days.Count == 0)
            return whole;
        var last = through ?? days[^1].Day;
        var next = 0;
        for (var day = days[0].Day; day <= last; day = day.AddDays(1))
        {
            while (next < days.Count && days[next].Day < day)
                next++;
            whole.Add(next < days.Count && days[next].Day == day ? days[next] : DayActivity.Quiet(day));
        }
        return whole;
    }

    /// <summary>A measure's value in words: "1,204,332 rows", "12.4 MB", "3,200 calls".</summary>
    public static string Describe(ActivityMeasure measure, double value) => measure switch
    {
        ActivityMeasure.Bytes => Size(value),
        ActivityMeasure.Rows => $"{Whole(value)} row{(Math.Round(value) == 1 ? "" : "s")}",
        _ => $"{Whole(value)} request{(Math.Round(value) == 1 ? "" : "s")}",
    };

    public static string Size(double bytes) => bytes switch
    {
        >= 1024d * 1024 * 1024 => (bytes / (1024d * 1024 * 1024)).ToString("0.0", CultureInfo.InvariantCulture) + " GB",
        >= 1024 * 1024 => (bytes / (1024d * 1024)).ToString("0.0", CultureInfo.InvariantCulture) + " MB",
        >= 1024 => (bytes / 1024d).ToString("0.0", CultureInfo.InvariantCulture) + " KB",
        _ => Whole(bytes) + " bytes",
    };

    private static string Whole(double value) => Math.Round(value).ToString("N0", CultureInfo.InvariantCulture);
}
