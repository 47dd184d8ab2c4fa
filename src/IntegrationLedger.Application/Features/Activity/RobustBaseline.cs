namespace IntegrationLedger.Application.Features.Activity;

/// <summary>How a day's value compares with the days before it (see <see cref="RobustBaseline"/>).</summary>
/// <param name="Median">The median of the trailing window.</param>
/// <param name="Spread">The median absolute deviation from it, or the fallback's spread when that is zero.</param>
/// <param name="Score">The modified z-score; positive infinity when the window never varied and the day is above it.</param>
/// <param name="Method">How the spread was measured, in words an auditor can check.</param>
public sealed record BaselineScore(double Median, double Spread, double Score, SpreadMethod Method);

/// <summary>How the spread behind a score was measured.</summary>
public enum SpreadMethod
{
    /// <summary>The median absolute deviation (Iglewicz and Hoaglin's modified z-score, 0.6745 × (x − median) / MAD).</summary>
    MedianAbsoluteDeviation,

    /// <summary>More than half the days were equal, so the MAD is zero: the mean absolute deviation stands in ((x − median) / (1.2533 × MeanAD)).</summary>
    MeanAbsoluteDeviation,

    /// <summary>Every day of the window was the same: any day above it is infinitely unusual, and only the floor decides.</summary>
    NoSpread,
}

/// <summary>
/// A robust score of one day against the days before it. The median and the median absolute deviation
/// (MAD) are not dragged by the spikes they are meant to find, as a mean and standard deviation are: one
/// export of a million rows in a month of thousands leaves the baseline where it was. The modified z-score
/// 0.6745 × (x − median) / MAD is comparable with a z-score (Iglewicz and Hoaglin recommend calling above 3.5
/// an outlier). An integration that does the same every day has a MAD of zero; then the mean absolute
/// deviation stands in (scaled by 1.2533 so the two agree on normal data), and when even that is zero the
/// score is infinite for any day above the median, which is why every metric also has an absolute floor.
/// </summary>
public static class RobustBaseline
{
    private const double MadScale = 0.6745;
    private const double MeanAdScale = 1.253314;

    /// <summary>Scores <paramref name="value"/> against <paramref name="window"/> (the trailing days, in any order; reordered in place).</summary>
    public static BaselineScore Score(Span<double> window, double value)
    {
        if (window.IsEmpty)
            throw new ArgumentException("A baseline needs at least one day.", nameof(window));
        var median = Median(window);
        var meanDeviation = 0.0;
        for (var i = 0; i < window.Length; i++)
        {
            window[i] = Math.Abs(window[i] - median);
            meanDeviation += window[i];
        }
        meanDeviation /= window.Length;
        var mad = Median(window);
        var above = value - median;
        if (mad > 0)
            return new BaselineScore(median, mad, MadScale * above / mad, SpreadMethod.MedianAbsoluteDeviation);
        if (meanDeviation > 0)
            return new BaselineScore(median, meanDeviation, above / (MeanAdScale * meanDeviation), SpreadMethod.MeanAbsoluteDeviation);
        return new BaselineScore(median, 0, above > 0 ? double.PositiveInfinity : above < 0 ? double.NegativeInfinity : 0, SpreadMethod.NoSpread);
    }

    /// <summary>The median; sorts <paramref name="values"/> in place.</summary>
    public static double Median(Span<double> values)
    {
        values.Sort();
        var middle = values.Length / 2;
        return values.Length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }
}
