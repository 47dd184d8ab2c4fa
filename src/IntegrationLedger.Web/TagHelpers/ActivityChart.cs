using System.Globalization;
using IntegrationLedger.Application.Features.Activity;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace IntegrationLedger.Web.TagHelpers;

/// <summary>
/// An integration's daily activity as an inline SVG drawn on the server: the pages run no script (the
/// Content-Security-Policy forbids it) and fetch nothing, so the picture is markup like the rest of the page.
/// Bars are the rows of each day (the requests, for an integration that never moved rows), the line is the
/// rows' baseline (the median of the days before), the dashed line is where a day becomes a spike; unusual days
/// are drawn in a colour of their own and carry a marker, so they are told apart without seeing colour.
/// </summary>
/// <remarks>
/// Every element is a <see cref="TagBuilder"/>, whose attributes and text are HTML-encoded: the integration's
/// name (which anyone who may add integrations chooses) and the objects' names (which come from imported files)
/// never become markup. Colours are presentation attributes, not <c>style</c>, which the policy also forbids
/// outside the layout's stylesheet.
/// </remarks>
public static class ActivityChart
{
    // The drawing's own units. The svg is as wide as its container (viewBox, width 100%), so these are
    // chosen for a phone: on a 360 px screen the page leaves about 328 px, so the 360 units shrink to about
    // 0.9 and text of 11 units stays readable; the layout caps the width on a desktop (40rem) so the text
    // does not grow much beyond the page's.
    private const double Width = 360;
    private const double Height = 240;
    private const double Left = 6;
    private const double Right = 354;
    private const double Top = 48;
    private const double Bottom = 184;

    private const string BarColour = "#5b86b5";
    private const string SpikeColour = "#b3261e";
    private const string NewObjectColour = "#6a3d9a";
    private const string MedianColour = "#1d2733";
    private const string SpikeLineColour = "#8a5a00";
    private const string GridColour = "#d5dbe3";
    private const string MutedColour = "#5b6776";

    /// <summary>How many unusual days the text alternative names; the table under the chart has them all.</summary>
    private const int NamedInSummary = 5;

    /// <summary>What the bars are: the rows, unless the integration moved none in the period and made requests.</summary>
    public static ActivityMeasure MeasureOf(ActivityView view) =>
        view.Days.Any(d => d.Rows > 0) || !view.Days.Any(d => d.Calls > 0) ? ActivityMeasure.Rows : ActivityMeasure.Calls;

    /// <summary>The chart's visible title, which says what the bars are: "Rows a day over 90 days".</summary>
    public static string Title(ActivityView view) => MeasureOf(view) == ActivityMeasure.Rows
        ? $"Rows a day over {Days(view.Days.Count)}"
        : $"Requests a day over {Days(view.Days.Count)} (it moved no rows)";

    /// <summary>
    /// The text alternative: the period, the typical day, and the unusual days with their numbers: "Nightly ETL:
    /// rows a day over 90 days, 2026-09-03 to 2026-12-01: a median of 88,008 rows a day; 1 spike: 2026-11-28
    /// 1,315,073 rows; 1 new object: Contact on 2026-11-28."
    /// </summary>
    public static string Summary(ActivityView view)
    {
        if (view.Days.Count == 0)
            return $"{view.Integration}: no activity imported.";
        var measure = MeasureOf(view);
        var what = measure == ActivityMeasure.Rows ? "rows a day" : "requests a day (it moved no rows)";
        var median = Median(view.Days.Select(d => (double)Value(d, measure)).ToList());
        var text = $"{view.Integration}: {what} over {Days(view.Days.Count)}, {DateText(view.From)} to {DateText(view.Through)}: " +
            $"a median of {SpikeJudge.Describe(measure, median)} a day";

        var spikes = view.Days.Where(d => d.Spikes.Count > 0).ToList();
        text += spikes.Count == 0
            ? "; no spike"
            : $"; {Count(spikes.Count, "spike")}: " + Listed(spikes.Select(d => $"{DateText(d.Day)} {string.Join(" and ", d.Spikes.Select(m => SpikeJudge.Describe(m, Value(d, m))))}").ToList());
        var objects = view.Days.Where(d => d.NewObjects.Count > 0).ToList();
        if (objects.Count > 0)
            text += $"; {Count(objects.Sum(d => d.NewObjects.Count), "new object")}: " + Listed(objects.Select(d => $"{string.Join(", ", d.NewObjects)} on {DateText(d.Day)}").ToList());
        return text + ".";
    }

    /// <summary>The chart, or a sentence saying there is nothing to draw.</summary>
    public static IHtmlContent Render(ActivityView view)
    {
        if (view.Days.Count == 0)
        {
            var none = new TagBuilder("p");
            none.InnerHtml.Append("No activity imported for this integration yet: its chart appears once an Event Monitoring or API export names it.");
            return none;
        }

        var measure = MeasureOf(view);
        var days = view.Days;
        // The scale reaches the baseline lines too, so a quiet day's distance from its spike line shows.
        var highest = days.Max(d => Math.Max(Value(d, measure), measure == ActivityMeasure.Rows ? Math.Max(d.RowsMedian ?? 0, d.RowsSpikeFrom ?? 0) : 0));
        var scale = NiceCeiling(highest);
        double Y(double value) => Bottom - Math.Min(value, scale) / scale * (Bottom - Top);
        var slot = (Right - Left) / days.Count;
        var barWidth = Math.Min(slot * 0.8, 12);
        double X(int i) => Left + slot * (i + 0.5);

        var svg = new TagBuilder("svg");
        svg.Attributes["xmlns"] = "http://www.w3.org/2000/svg";
        svg.Attributes["viewBox"] = $"0 0 {N(Width)} {N(Height)}";
        svg.Attributes["width"] = "100%";
        svg.Attributes["role"] = "img";
        svg.Attributes["aria-label"] = Summary(view);
        svg.Attributes["font-family"] = "system-ui, sans-serif";
        svg.Attributes["font-size"] = "11";
        svg.AddCssClass("activity-chart");
        svg.InnerHtml.AppendHtml(Element("title", Title(view)));
        svg.InnerHtml.AppendHtml(Element("desc", Summary(view)));
        svg.InnerHtml.AppendHtml(Shape("rect", ("x", "0"), ("y", "0"), ("width", N(Width)), ("height", N(Height)), ("fill", "#fff")));
        svg.InnerHtml.AppendHtml(Text(Left, 18, Title(view), ("font-size", "13"), ("font-weight", "600")));

        // The value axis: a line at the top of the scale and at its half, each labelled above its left end, so no margin is spent on labels.
        foreach (var (value, isTop) in new[] { (scale, true), (scale / 2, false) })
        {
            svg.InnerHtml.AppendHtml(Shape("line", ("x1", N(Left)), ("x2", N(Right)), ("y1", N(Y(value))), ("y2", N(Y(value))), ("stroke", GridColour)));
            // The top label carries the unit ("300,000 rows"); the half is read against it.
            var label = isTop ? SpikeJudge.Describe(measure, value) : measure == ActivityMeasure.Bytes ? SpikeJudge.Size(value) : value.ToString("#,0.##", CultureInfo.InvariantCulture);
            svg.InnerHtml.AppendHtml(Text(Left, Y(value) - 3, label, ("fill", MutedColour)));
        }
        svg.InnerHtml.AppendHtml(Shape("line", ("x1", N(Left)), ("x2", N(Right)), ("y1", N(Bottom)), ("y2", N(Bottom)), ("stroke", MutedColour)));

        for (var i = 0; i < days.Count; i++)
        {
            var day = days[i];
            var top = Y(Value(day, measure));
            var colour = day.Spikes.Count > 0 ? SpikeColour : day.NewObjects.Count > 0 ? NewObjectColour : BarColour;
            var bar = Shape("rect", ("x", N(X(i) - barWidth / 2)), ("y", N(top)), ("width", N(barWidth)), ("height", N(Bottom - top)), ("fill", colour));
            // A title in a shape is the browser's own tooltip: a day's numbers on hover, without script.
            bar.InnerHtml.AppendHtml(Element("title", DayText(day, measure)));
            bar.TagRenderMode = TagRenderMode.Normal;
            svg.InnerHtml.AppendHtml(bar);
            var markerAt = top - 3;
            if (day.Spikes.Count > 0)
            {
                // A triangle pointing down at the spike: the mark that says "spike" to whoever cannot tell red from blue.
                svg.InnerHtml.AppendHtml(Shape("path", ("d", $"M{N(X(i) - 4.5)} {N(markerAt - 8)}H{N(X(i) + 4.5)}L{N(X(i))} {N(markerAt)}Z"), ("fill", SpikeColour)));
                markerAt -= 10;
            }
            if (day.NewObjects.Count > 0)
                svg.InnerHtml.AppendHtml(Diamond(X(i), markerAt - 4.5));
        }

        if (measure == ActivityMeasure.Rows)
        {
            svg.InnerHtml.AppendHtml(Line(days.Select((d, i) => (X(i), d.RowsMedian is { } m ? Y(m) : (double?)null)), MedianColour, dashed: false));
            svg.InnerHtml.AppendHtml(Line(days.Select((d, i) => (X(i), d.RowsSpikeFrom is { } s ? Y(s) : (double?)null)), SpikeLineColour, dashed: true));
        }

        // A few dates: the first, the middle and the last day.
        var ticks = days.Count >= 3 ? new[] { (0, "start"), (days.Count / 2, "middle"), (days.Count - 1, "end") } : [(0, "start"), (days.Count - 1, "end")];
        foreach (var (index, anchor) in ticks.DistinctBy(t => t.Item1))
        {
            var x = anchor switch { "start" => Left, "end" => Right, _ => X(index) };
            svg.InnerHtml.AppendHtml(Shape("line", ("x1", N(X(index))), ("x2", N(X(index))), ("y1", N(Bottom)), ("y2", N(Bottom + 4)), ("stroke", MutedColour)));
            svg.InnerHtml.AppendHtml(Text(x, Bottom + 16, DateText(days[index].Day), ("text-anchor", anchor), ("fill", MutedColour)));
        }

        AppendLegend(svg, measure);
        return svg;
    }

    /// <summary>What each mark means, in two rows of three columns under the dates.</summary>
    private static void AppendLegend(TagBuilder svg, ActivityMeasure measure)
    {
        const double column = (Right - Left) / 3;
        double X(int c) => Left + column * c;
        const double first = Bottom + 36;
        const double second = Bottom + 52;
        svg.InnerHtml.AppendHtml(Shape("rect", ("x", N(X(0))), ("y", N(first - 8)), ("width", "9"), ("height", "9"), ("fill", BarColour)));
        svg.InnerHtml.AppendHtml(Text(X(0) + 13, first, measure == ActivityMeasure.Rows ? "rows a day" : "requests a day"));
        if (measure == ActivityMeasure.Rows)
        {
            svg.InnerHtml.AppendHtml(Shape("line", ("x1", N(X(1))), ("x2", N(X(1) + 16)), ("y1", N(first - 4)), ("y2", N(first - 4)), ("stroke", MedianColour), ("stroke-width", "2")));
            svg.InnerHtml.AppendHtml(Text(X(1) + 20, first, "median before"));
            svg.InnerHtml.AppendHtml(Shape("line", ("x1", N(X(2))), ("x2", N(X(2) + 16)), ("y1", N(first - 4)), ("y2", N(first - 4)), ("stroke", SpikeLineColour), ("stroke-width", "2"), ("stroke-dasharray", "4 3")));
            svg.InnerHtml.AppendHtml(Text(X(2) + 20, first, "spike above"));
        }
        svg.InnerHtml.AppendHtml(Shape("path", ("d", $"M{N(X(0))} {N(second - 9)}H{N(X(0) + 9)}L{N(X(0) + 4.5)} {N(second - 1)}Z"), ("fill", SpikeColour)));
        svg.InnerHtml.AppendHtml(Text(X(0) + 13, second, "spike day"));
        svg.InnerHtml.AppendHtml(Diamond(X(1) + 4.5, second - 4.5));
        svg.InnerHtml.AppendHtml(Text(X(1) + 13, second, "new object"));
    }

    /// <summary>A line through the days that have a value, broken where they have none (a history too short for a baseline).</summary>
    private static TagBuilder Line(IEnumerable<(double X, double? Y)> points, string colour, bool dashed)
    {
        var path = new System.Text.StringBuilder();
        var drawing = false;
        foreach (var (x, y) in points)
        {
            if (y is not { } value)
            {
                drawing = false;
                continue;
            }
            path.Append(drawing ? 'L' : 'M').Append(N(x)).Append(' ').Append(N(value));
            drawing = true;
        }
        var line = Shape("path", ("d", path.Length == 0 ? "M0 0" : path.ToString()), ("fill", "none"), ("stroke", colour), ("stroke-width", "1.5"));
        if (dashed)
            line.Attributes["stroke-dasharray"] = "4 3";
        return line;
    }

    private static TagBuilder Diamond(double x, double y) =>
        Shape("path", ("d", $"M{N(x)} {N(y - 4.5)}L{N(x + 4.5)} {N(y)}L{N(x)} {N(y + 4.5)}L{N(x - 4.5)} {N(y)}Z"), ("fill", NewObjectColour));

    /// <summary>A day in words, for its bar's tooltip: "2026-11-28: 1,315,073 rows (median before 88,008 rows); spike in rows; new object Contact".</summary>
    private static string DayText(ActivityDayView day, ActivityMeasure measure)
    {
        var text = $"{DateText(day.Day)}: {SpikeJudge.Describe(measure, Value(day, measure))}";
        if (measure == ActivityMeasure.Rows && day.RowsMedian is { } median)
            text += $" (median before {SpikeJudge.Describe(ActivityMeasure.Rows, median)})";
        if (day.Spikes.Count > 0)
            text += "; spike in " + string.Join(", ", day.Spikes.Select(Noun));
        if (day.NewObjects.Count > 0)
            text += "; first touched " + string.Join(", ", day.NewObjects);
        return text;
    }

    public static string Noun(ActivityMeasure measure) => measure switch
    {
        ActivityMeasure.Rows => "rows",
        ActivityMeasure.Bytes => "bytes",
        _ => "requests",
    };

    public static long Value(ActivityDayView day, ActivityMeasure measure) => measure switch
    {
        ActivityMeasure.Rows => day.Rows,
        ActivityMeasure.Bytes => day.Bytes,
        _ => day.Calls,
    };

    /// <summary>The smallest of 1, 2, 2.5 or 5 times a power of ten at or above <paramref name="value"/>: a scale whose labels read easily.</summary>
    public static double NiceCeiling(double value)
    {
        if (value <= 1)
            return 1;
        var power = Math.Pow(10, Math.Floor(Math.Log10(value)));
        var fraction = value / power;
        return power * (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10);
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        var middle = values.Count / 2;
        return values.Count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }

    /// <summary>The last <see cref="NamedInSummary"/> items, and how many earlier ones the table lists.</summary>
    private static string Listed(List<string> items) =>
        items.Count <= NamedInSummary
            ? string.Join(", ", items)
            : $"{string.Join(", ", items.TakeLast(NamedInSummary))} and {items.Count - NamedInSummary} earlier";

    private static string Count(int count, string noun) => $"{count.ToString("N0", CultureInfo.InvariantCulture)} {noun}{(count == 1 ? "" : "s")}";

    private static string Days(int count) => Count(count, "day");

    private static string DateText(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    /// <summary>A coordinate as SVG reads it: invariant, at most two decimals.</summary>
    private static string N(double value) => Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture);

    private static TagBuilder Element(string name, string text)
    {
        var element = new TagBuilder(name);
        element.InnerHtml.Append(text);
        return element;
    }

    private static TagBuilder Text(double x, double y, string text, params (string Name, string Value)[] attributes)
    {
        var element = Shape("text", [("x", N(x)), ("y", N(y)), .. attributes]);
        element.TagRenderMode = TagRenderMode.Normal;
        element.InnerHtml.Append(text);
        return element;
    }

    /// <summary>An empty element (<c>&lt;rect … /&gt;</c>, which SVG inside HTML reads as closed) with its attributes encoded.</summary>
    private static TagBuilder Shape(string name, params (string Name, string Value)[] attributes)
    {
        var element = new TagBuilder(name) { TagRenderMode = TagRenderMode.SelfClosing };
        foreach (var (attribute, value) in attributes)
            element.Attributes[attribute] = value;
        return element;
    }
}
