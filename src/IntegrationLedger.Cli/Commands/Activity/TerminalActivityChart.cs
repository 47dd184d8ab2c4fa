using System.Globalization;
using System.Text;
using IntegrationLedger.Application.Features.Activity;

namespace IntegrationLedger.Cli.Commands.Activity;

/// <summary>
/// Draws an integration's daily series as text a terminal shows anywhere: one column per day (or per few
/// days, when they are more than the width allows; a column then shows its busiest day), bars in eighths of
/// a character, the baseline (the median of the days before) as a dotted line, and under the axis a marker
/// for each anomalous day, so the picture needs no colour to be read.
/// </summary>
internal static class TerminalActivityChart
{
    private const int Height = 10;
    private static readonly char[] Eighths = [' ', '▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

    /// <summary>The marker under a day: a spike, or an object touched for the first time.</summary>
    public const char SpikeMark = '▲';
    public const char NewObjectMark = '◆';

    public static IReadOnlyList<string> Draw(IReadOnlyList<ActivityDayView> days, ActivityMeasure measure, int width)
    {
        if (days.Count == 0)
            return [];
        var label = Math.Max(6, days.Max(d => Label(measure, Value(d, measure)).Length));
        var columns = Math.Max(10, width - label - 3);
        var perColumn = (days.Count + columns - 1) / columns;
        var buckets = days.Chunk(perColumn).Select(chunk => chunk.MaxBy(d => Value(d, measure))! with
        {
            // A column stands for its days: a mark in any of them marks it.
            Spikes = chunk.SelectMany(d => d.Spikes).Distinct().ToList(),
            NewObjects = chunk.SelectMany(d => d.NewObjects).Distinct().ToList(),
        }).ToList();
        var top = Math.Max(1, buckets.Max(d => Value(d, measure)));

        var lines = new List<string>();
        for (var row = Height - 1; row >= 0; row--)
        {
            var line = new StringBuilder();
            var axis = row == Height - 1 ? Label(measure, top) : row == 0 ? "0" : "";
            line.Append(axis.PadLeft(label)).Append(row is 0 or Height - 1 ? " ┤" : " │");
            foreach (var day in buckets)
            {
                var eighths = (int)Math.Round(Value(day, measure) / (double)top * Height * 8);
                var filled = Math.Clamp(eighths - row * 8, 0, 8);
                var baseline = Baseline(day, measure) is { } median && (int)Math.Round(median / top * Height * 8) / 8 == row && filled == 0;
                line.Append(filled > 0 ? Eighths[filled] : baseline ? '·' : ' ');
            }
            lines.Add(line.ToString().TrimEnd());
        }
        lines.Add(new string(' ', label) + " └" + new string('─', buckets.Count));
        lines.Add(new string(' ', label) + "  " + string.Concat(buckets.Select(d => d.Spikes.Contains(measure) || d.Spikes.Count > 0 ? SpikeMark : d.NewObjects.Count > 0 ? NewObjectMark : ' ')).TrimEnd());
        lines.Add(new string(' ', label) + "  " + Dates(buckets.Select(d => d.Day).ToList()));
        if (perColumn > 1)
            lines.Add(new string(' ', label) + $"  (each column is {perColumn} days, drawn as its busiest)");
        return lines;
    }

    /// <summary>The first, middle and last dates under their columns.</summary>
    private static string Dates(List<DateOnly> days)
    {
        var line = new char[Math.Max(days.Count, 5) + 6];
        Array.Fill(line, ' ');
        void Put(int column, DateOnly day)
        {
            var text = day.ToString("MM-dd", CultureInfo.InvariantCulture);
            var start = Math.Clamp(column, 0, line.Length - text.Length);
            text.CopyTo(0, line, start, text.Length);
        }
        Put(0, days[0]);
        if (days.Count >= 20)
            Put(days.Count / 2 - 2, days[days.Count / 2]);
        if (days.Count >= 8)
            Put(days.Count - 5, days[^1]);
        return new string(line).TrimEnd();
    }

    public static long Value(ActivityDayView day, ActivityMeasure measure) => measure switch
    {
        ActivityMeasure.Rows => day.Rows,
        ActivityMeasure.Bytes => day.Bytes,
        _ => day.Calls,
    };

    /// <summary>The baseline drawn under the bars; kept for rows, the measure the view carries it for.</summary>
    private static double? Baseline(ActivityDayView day, ActivityMeasure measure) => measure == ActivityMeasure.Rows ? day.RowsMedian : null;

    private static string Label(ActivityMeasure measure, double value) => measure == ActivityMeasure.Bytes
        ? SpikeJudge.Size(value)
        : Math.Round(value).ToString("N0", CultureInfo.InvariantCulture);
}
