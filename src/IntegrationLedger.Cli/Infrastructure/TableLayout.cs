using Spectre.Console;
using Spectre.Console.Rendering;

namespace IntegrationLedger.Cli.Infrastructure;

/// <summary>
/// Draws a table so that no email, label or name is split in the middle: columns are never narrower than
/// their longest word, so text wraps only at spaces. Spectre.Console on its own shares a narrow width out
/// among the columns and folds what does not fit, "ana.lima@exam" over "ple.com". When even the
/// narrowest unbroken columns are wider than the screen, each row becomes a block of "column  value"
/// lines instead, which the screen wraps between words.
/// </summary>
internal static class TableLayout
{
    /// <summary>A rounded border puts "│ " before each column and " " after it, and closes with "│".</summary>
    private const int BorderPerColumn = 3;
    private const int BorderEnd = 1;

    public static IRenderable Fit(Table table, RenderOptions options, int width)
    {
        var columns = Measure(table, options);
        var available = width - BorderEnd - (BorderPerColumn * columns.Count);
        var widest = columns.Sum(c => c.Max);
        var narrowest = columns.Sum(c => c.Min);
        if (widest <= available)
            return table;
        if (narrowest > available)
            return Stacked(table, options);

        // Every column gets its longest word, and the room left is shared in proportion to what each
        // column would still take to show its cells on one line.
        var spare = available - narrowest;
        var wanted = widest - narrowest;
        for (var i = 0; i < columns.Count; i++)
        {
            var (min, max) = columns[i];
            table.Columns[i].Width = min + (int)((long)spare * (max - min) / wanted);
        }
        return table;
    }

    /// <summary>Each column's longest word (Min) and longest line (Max), header included.</summary>
    private static List<(int Min, int Max)> Measure(Table table, RenderOptions options)
    {
        var columns = table.Columns.Select(c => Measure(c.Header, options)).ToList();
        foreach (var row in table.Rows)
        {
            var i = 0;
            foreach (var cell in row)
            {
                var (min, max) = Measure(cell, options);
                columns[i] = (Math.Max(columns[i].Min, min), Math.Max(columns[i].Max, max));
                i++;
            }
        }
        return columns;
    }

    private static (int Min, int Max) Measure(IRenderable renderable, RenderOptions options)
    {
        var measured = renderable.Measure(options, int.MaxValue / 2);
        return (measured.Min, measured.Max);
    }

    /// <summary>
    /// One block per row: each column's header, then its value, one line each and a blank line between
    /// rows. A line longer than the screen wraps at its spaces like any paragraph; nothing is padded out.
    /// </summary>
    private static Paragraph Stacked(Table table, RenderOptions options)
    {
        var headers = table.Columns.Select(c => PlainText(c.Header, options)).ToList();
        var width = headers.Max(h => h.Length) + 2;
        var blocks = new Paragraph();
        var first = true;
        foreach (var row in table.Rows)
        {
            if (!first)
                blocks.Append("\n");
            first = false;
            var i = 0;
            foreach (var cell in row)
            {
                var segments = cell.Render(options, int.MaxValue / 2).Where(s => !s.IsLineBreak && !s.IsControlCode && s.Text.Length > 0).ToList();
                blocks.Append(segments.Count > 0 ? headers[i++].PadRight(width) : headers[i++]);
                foreach (var segment in segments)
                    blocks.Append(segment.Text, segment.Style);
                blocks.Append("\n");
            }
        }
        return blocks;
    }

    private static string PlainText(IRenderable renderable, RenderOptions options) =>
        string.Concat(renderable.Render(options, int.MaxValue / 2).Where(s => !s.IsLineBreak).Select(s => s.Text)).TrimEnd();
}
