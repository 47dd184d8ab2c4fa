using IntegrationLedger.Application.Features.Activity;

namespace IntegrationLedger.Application.Tests.Features.Activity;

/// <summary>
/// The modified z-score of a day against its trailing window (<see cref="RobustBaseline"/>), and the
/// spike judgement over a subject's days (<see cref="SpikeJudge"/>): worked by hand on small series.
/// </summary>
public sealed class RobustBaselineTests
{
    private const double Tolerance = 1e-9;

    [Test]
    public void Score_ASmallSeries_HasTheMedianMadAndModifiedZScoreWorkedByHand()
    {
        // Median 3; deviations 2, 1, 0, 1, 97, whose median (the MAD) is 1; 0.6745 × (10 − 3) / 1 = 4.7215.
        var score = RobustBaseline.Score(new double[] { 4, 100, 1, 3, 2 }, 10);

        Assert.That(score.Method, Is.EqualTo(SpreadMethod.MedianAbsoluteDeviation));
        Assert.That(score.Median, Is.EqualTo(3));
        Assert.That(score.Spread, Is.EqualTo(1));
        Assert.That(score.Score, Is.EqualTo(4.7215).Within(Tolerance));
    }

    [Test]
    public void Score_OneHugeDayInTheWindow_LeavesTheBaselineWhereItWas()
    {
        // Median 2,000 and MAD 100 whether the 28th day moved 2,000,000 rows or 2,100.
        double[] Window(double last) => [.. Enumerable.Range(0, 27).Select(d => 1_900.0 + d % 3 * 100), last];

        var withSpike = RobustBaseline.Score(Window(2_000_000), 2_500);
        var without = RobustBaseline.Score(Window(2_100), 2_500);

        Assert.That((withSpike.Median, withSpike.Spread), Is.EqualTo((2_000.0, 100.0)));
        Assert.That((without.Median, without.Spread), Is.EqualTo((2_000.0, 100.0)));
        Assert.That(withSpike.Score, Is.EqualTo(0.6745 * 500 / 100).Within(Tolerance));
    }

    [Test]
    public void Score_EvenWindow_TakesTheMeanOfTheMiddleTwo()
    {
        // Median (2 + 3) / 2 = 2.5; deviations 1.5, 0.5, 0.5, 1.5, whose median is 1; 0.6745 × 2.5 / 1.
        var score = RobustBaseline.Score(new double[] { 4, 1, 3, 2 }, 5);

        Assert.That(score.Median, Is.EqualTo(2.5));
        Assert.That(score.Spread, Is.EqualTo(1));
        Assert.That(score.Score, Is.EqualTo(0.6745 * 2.5).Within(Tolerance));
        Assert.That(RobustBaseline.Median(new double[] { 9, 1, 5, 7 }), Is.EqualTo(6));
    }

    [Test]
    public void Score_MoreThanHalfTheDaysEqual_FallsBackToTheMeanAbsoluteDeviation()
    {
        // Median 5; deviations 0, 0, 0, 0, 5: the MAD is 0, their mean 1; (8 − 5) / (1.253314 × 1) = 2.39365.
        var score = RobustBaseline.Score(new double[] { 5, 5, 10, 5, 5 }, 8);

        Assert.That(score.Method, Is.EqualTo(SpreadMethod.MeanAbsoluteDeviation));
        Assert.That(score.Median, Is.EqualTo(5));
        Assert.That(score.Spread, Is.EqualTo(1));
        Assert.That(score.Score, Is.EqualTo(3 / 1.253314).Within(Tolerance));
        Assert.That(double.IsFinite(score.Score), Is.True);
    }

    [TestCase(8, double.PositiveInfinity)]
    [TestCase(7, 0)]
    [TestCase(6, double.NegativeInfinity)]
    public void Score_EveryDayTheSame_HasNoSpread_AndAnyDayAboveItIsInfinitelyUnusual(double value, double expected)
    {
        var score = RobustBaseline.Score(new double[] { 7, 7, 7, 7, 7 }, value);

        Assert.That(score.Method, Is.EqualTo(SpreadMethod.NoSpread));
        Assert.That((score.Median, score.Spread), Is.EqualTo((7.0, 0.0)));
        Assert.That(score.Score, Is.EqualTo(expected));
    }

    [Test]
    public void Score_EmptyWindow_IsRefused() =>
        Assert.That(() => RobustBaseline.Score(Span<double>.Empty, 1), Throws.ArgumentException);

    private static readonly DateOnly First = new(2026, 10, 1);

    /// <summary>A day of the given rows, with few bytes and calls, so that only rows can reach their floor.</summary>
    private static DayActivity Day(int offset, long rows) => new(First.AddDays(offset), 10, 0, rows, 1_000, 1, 1);

    /// <summary>Twenty days of about 100 rows, then the day given.</summary>
    private static List<DayActivity> Habit(long lastRows) =>
        [.. Enumerable.Range(0, 20).Select(d => Day(d, 90 + d % 3 * 10)), Day(20, lastRows)];

    [Test]
    public void Judge_ADayBelowTheFloor_IsNeverASpike_HoweverUnusual()
    {
        var floor = SpikeSettings.Default.Floors[ActivityMeasure.Rows];

        var below = SpikeJudge.Judge(Habit(floor - 1), SpikeSettings.Default, scoreEveryDay: true)[^1];
        var at = SpikeJudge.Judge(Habit(floor), SpikeSettings.Default)[^1];
        var unscored = SpikeJudge.Judge(Habit(floor - 1), SpikeSettings.Default)[^1];

        var rows = below.Measures.Single(m => m.Measure == ActivityMeasure.Rows);
        Assert.That(rows.Baseline.Score, Is.GreaterThan(100 * SpikeSettings.Default.Threshold), "a hundred times the 9,999 rows of any day before");
        Assert.That((rows.IsSpike, below.IsSpike), Is.EqualTo((false, false)), "under the floor of 10,000 rows");
        Assert.That(rows.SpikeFrom(SpikeSettings.Default.Threshold), Is.EqualTo(floor), "the floor is what it would have taken");
        Assert.That(unscored.Measures, Is.Empty, "the rule does not even score a measure below its floor");
        Assert.That(at.Measures.Single().IsSpike, Is.True, "the floor itself is reached");
    }

    [Test]
    public void Judge_ADayWithLessHistoryThanTheMinimum_IsNotJudged()
    {
        var settings = SpikeSettings.Default with { MinimumHistory = 14 };
        var days = Enumerable.Range(0, 14).Select(d => Day(d, 100)).Append(Day(14, 1_000_000)).ToList();
        days[13] = Day(13, 1_000_000);

        var judged = SpikeJudge.Judge(days, settings, scoreEveryDay: true);

        Assert.That(judged[13].HistoryDays, Is.EqualTo(13));
        Assert.That(judged[13].Measures, Is.Empty, "13 days before it, one short of the minimum: a million rows and not judged");
        Assert.That(judged[13].IsSpike, Is.False);
        Assert.That(judged[14].HistoryDays, Is.EqualTo(14));
        Assert.That(judged[14].IsSpike, Is.True, "the next day has its 14 days and is judged");
        Assert.That(judged.Take(13).Select(d => d.Measures.Count), Is.All.Zero);
    }

    [Test]
    public void Judge_QuietDays_AreZerosInTheWindow()
    {
        // Three busy days, then sixteen without activity (no ActivityDays rows), then a burst on the 20th day.
        List<DayActivity> days = [Day(0, 3_000), Day(1, 3_000), Day(2, 3_000), Day(19, 20_000)];

        var whole = SpikeJudge.Whole(days, through: First.AddDays(21));
        var judged = SpikeJudge.Judge(days, SpikeSettings.Default);

        Assert.That(whole, Has.Count.EqualTo(22));
        Assert.That(whole.Skip(3).Take(16).Select(d => (d.Calls, d.Failures, d.Rows, d.Bytes, d.Objects, d.Sources)), Is.All.EqualTo((0L, 0L, 0L, 0L, 0L, 0L)),
            "the days between are zeros, not left out");
        Assert.That(whole.Select(d => d.Day), Is.EqualTo(Enumerable.Range(0, 22).Select(First.AddDays)), "every day, in order");
        Assert.That(whole[^1], Is.EqualTo(DayActivity.Quiet(First.AddDays(21))), "quiet days after the last activity up to the day asked for");
        var burst = judged[^1];
        Assert.That(burst.Activity.Day, Is.EqualTo(First.AddDays(19)));
        Assert.That(burst.HistoryDays, Is.EqualTo(19), "the quiet days count as history");
        var rows = burst.Measures.Single(m => m.Measure == ActivityMeasure.Rows);
        // Window: 3 × 3,000 and 16 zeros. Median 0, MAD 0; mean deviation 9,000 / 19; 20,000 / (1.253314 × 473.68).
        Assert.That(rows.Baseline.Median, Is.Zero);
        Assert.That(rows.Baseline.Method, Is.EqualTo(SpreadMethod.MeanAbsoluteDeviation));
        Assert.That(rows.Baseline.Spread, Is.EqualTo(9_000.0 / 19).Within(Tolerance));
        Assert.That(rows.Baseline.Score, Is.EqualTo(20_000 / (1.253314 * 9_000.0 / 19)).Within(1e-6));
        Assert.That(rows.IsSpike, Is.True);
    }
}
