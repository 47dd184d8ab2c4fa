using System.Globalization;
using ClosedXML.Excel;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using IntegrationLedger.Application.Features.Reporting.Sheets;
using A = DocumentFormat.OpenXml.Drawing;
using C = DocumentFormat.OpenXml.Drawing.Charts;
using S = DocumentFormat.OpenXml.Spreadsheet;
using Xdr = DocumentFormat.OpenXml.Drawing.Spreadsheet;

namespace IntegrationLedger.Application.Features.Reporting.Workbook;

/// <summary>
/// The chart of the Activity per week sheet: events per week, one stacked column a week, a segment per
/// integration. Stacked columns because the auditor's first question is "how much happened, and when"
/// (a column's height is the week's total, so a spike or a silent week stands out at once), and the
/// second "whose was it" (the segments); a line per integration would tangle once there are several, and
/// clustered columns would give up to eight thin bars a week. The busiest integrations are named, the rest summed as
/// one grey "Other" segment, so the legend and the colours stay readable.
/// ClosedXML 0.95.4 cannot write charts, so this is done in two steps: <see cref="WriteTable"/> puts the
/// chart's own small table (a row a week, a column per series) on the sheet with ClosedXML, to the right
/// of the sheet's table, and <see cref="AddTo"/> adds the chart to the saved package with the Open XML SDK.
/// The chart's ranges point at that table's cells and carry their values as caches, so Excel and
/// LibreOffice draw it as opened, without recalculating.
/// </summary>
internal sealed class ActivityChart
{
    /// <summary>Series at most, "Other" counted: eight colours are as many as a reader tells apart in a legend.</summary>
    public const int MaxSeries = 8;

    private const string WeekHeader = "Week of (Monday)";
    private const int WeekWidth = 18;

    // Fixed colours (the first eight of Tableau 10) so Excel and LibreOffice, whose default palettes differ,
    // draw the same chart; "Other" is grey, so it reads as the rest rather than as one more integration.
    private static readonly string[] Colours = ["4E79A7", "F28E2B", "E15759", "76B7B2", "59A14F", "EDC948", "B07AA1", "FF9DA7"];
    private const string OtherColour = "BAB0AC";

    private static string SheetName => WeeklyActivityRow.Layout.SheetName;

    /// <summary>The table's first column: one empty column after the sheet's own table.</summary>
    private static int FirstColumn => WeeklyActivityRow.Layout.Columns.Count + 2;

    private readonly IReadOnlyList<DateOnly> _weeks;
    private readonly IReadOnlyList<(string Name, long[] Events, bool Other)> _series;

    private ActivityChart(IReadOnlyList<DateOnly> weeks, IReadOnlyList<(string Name, long[] Events, bool Other)> series)
    {
        _weeks = weeks;
        _series = series;
    }

    /// <summary>
    /// The chart of the period's rows, or none when nothing happened: a chart of nothing, and a table of
    /// zeros behind it, would only be noise on an empty sheet.
    /// </summary>
    public static ActivityChart? For(IReadOnlyList<WeeklyActivityRow> rows, DateTime start, DateTime end)
    {
        if (rows.Count == 0)
            return null;
        // Every week of the period, not only those with events: a week without any is something the
        // auditor should see (an import missed, an integration stopped), and the axis stays to scale.
        // The rows' own weeks lie in the period; taking them in too means a row can never miss its week.
        var first = WeeklyActivityRow.MondayOf(DateOnly.FromDateTime(start));
        var last = WeeklyActivityRow.MondayOf(DateOnly.FromDateTime(end.AddTicks(-1)));
        if (rows.Min(r => r.WeekOf) < first)
            first = rows.Min(r => r.WeekOf);
        if (rows.Max(r => r.WeekOf) > last)
            last = rows.Max(r => r.WeekOf);
        var weeks = new List<DateOnly>();
        for (var week = first; week <= last; week = week.AddDays(7))
            weeks.Add(week);
        var index = weeks.Select((w, i) => (w, i)).ToDictionary(p => p.w, p => p.i);

        var busiest = rows.GroupBy(r => r.Integration, StringComparer.Ordinal)
            .Select(g => (Name: g.Key, Total: g.Sum(r => (long)r.Events)))
            .OrderByDescending(g => g.Total).ThenBy(g => g.Name, StringComparer.Ordinal)
            .Select(g => g.Name).ToList();
        // Naming the top seven and summing two or more as "Other" keeps to eight series; with eight or fewer
        // integrations each is named, so "Other" never hides a single one.
        var named = busiest.Count <= MaxSeries ? busiest : busiest.Take(MaxSeries - 1).ToList();
        var column = named.Select((n, i) => (n, i)).ToDictionary(p => p.n, p => p.i, StringComparer.Ordinal);
        var series = named.Select(n => (Name: n, Events: new long[weeks.Count], Other: false)).ToList();
        if (busiest.Count > named.Count)
            series.Add(($"Other ({busiest.Count - named.Count} integrations)", new long[weeks.Count], true));
        foreach (var row in rows)
            series[column.TryGetValue(row.Integration, out var c) ? c : series.Count - 1].Events[index[row.WeekOf]] += row.Events;
        return new ActivityChart(weeks, series);
    }

    /// <summary>
    /// Writes the chart's table on <paramref name="sheet"/> (the Activity per week sheet), headers in the
    /// sheet's first row beside the table's own. Plain cells, not an Excel table: it is the chart's data,
    /// and the values are numbers, never formulas, so they are there before any recalculation.
    /// </summary>
    public void WriteTable(IXLWorksheet sheet)
    {
        var header = sheet.Cell(1, FirstColumn);
        header.Value = WeekHeader;
        sheet.Column(FirstColumn).Width = WeekWidth;
        for (var w = 0; w < _weeks.Count; w++)
            TableSheet.Write(sheet.Cell(w + 2, FirstColumn), _weeks[w]);
        for (var s = 0; s < _series.Count; s++)
        {
            var (name, events, _) = _series[s];
            var column = FirstColumn + 1 + s;
            TableSheet.Write(sheet.Cell(1, column), name);
            for (var w = 0; w < _weeks.Count; w++)
                sheet.Cell(w + 2, column).Value = events[w];
            sheet.Column(column).Width = Width(name);
        }
        sheet.Range(1, FirstColumn, 1, FirstColumn + _series.Count).Style.Font.Bold = true;
        // Printed at the usual scale the chart, right of the table, would be cut across two or three pages.
        sheet.PageSetup.PageOrientation = XLPageOrientation.Landscape;
        sheet.PageSetup.FitToPages(1, 0);
    }

    private static int Width(string name) => Math.Clamp(name.Length + 2, 10, 60);

    /// <summary>
    /// Adds the chart to the workbook ClosedXML saved in <paramref name="workbook"/>: a
    /// drawing on the Activity per week sheet holding one chart part.
    /// </summary>
    public void AddTo(Stream workbook)
    {
        workbook.Position = 0;
        using var document = SpreadsheetDocument.Open(workbook, isEditable: true);
        var workbookPart = document.WorkbookPart!;
        var sheet = workbookPart.Workbook.Sheets!.Elements<S.Sheet>().Single(s => s.Name == SheetName);
        var worksheetPart = (WorksheetPart)workbookPart.GetPartById(sheet.Id!);
        if (worksheetPart.DrawingsPart is not null)
            throw new InvalidOperationException($"The {SheetName} sheet already has a drawing; the chart expects to add the only one.");

        var drawingsPart = worksheetPart.AddNewPart<DrawingsPart>();
        var chartPart = drawingsPart.AddNewPart<ChartPart>();
        chartPart.ChartSpace = ChartSpace();
        chartPart.ChartSpace.Save();
        drawingsPart.WorksheetDrawing = new Xdr.WorksheetDrawing(Anchor(drawingsPart.GetIdOfPart(chartPart)));
        drawingsPart.WorksheetDrawing.AddNamespaceDeclaration("xdr", "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing");
        drawingsPart.WorksheetDrawing.AddNamespaceDeclaration("a", "http://schemas.openxmlformats.org/drawingml/2006/main");
        drawingsPart.WorksheetDrawing.Save();

        // The worksheet's schema fixes the order of its elements: <drawing> comes before these, after the rest.
        var worksheet = worksheetPart.Worksheet;
        var drawing = new S.Drawing { Id = worksheetPart.GetIdOfPart(drawingsPart) };
        var after = worksheet.ChildElements.FirstOrDefault(e => e is S.LegacyDrawing or S.LegacyDrawingHeaderFooter or S.DrawingHeaderFooter or S.Picture
            or S.OleObjects or S.Controls or S.WebPublishItems or S.TableParts or S.WorksheetExtensionList);
        if (after is null)
            worksheet.AppendChild(drawing);
        else
            worksheet.InsertBefore(drawing, after);
        worksheet.Save();
    }

    /// <summary>
    /// Where the chart sits: under the chart's table, in the columns right of the sheet's own table, so it
    /// covers no cell with data. It moves with its top-left cell but keeps its size ("oneCell"): filtering
    /// the sheet's table hides whole rows, which would otherwise squash a chart anchored over them.
    /// </summary>
    private Xdr.TwoCellAnchor Anchor(string chartId)
    {
        const double ChartWidth = 110; // in characters of the default font, about 800 pixels
        const int ChartRows = 22; // about 440 pixels at the default row height
        const double DefaultWidth = 8.43;
        var fromColumn = FirstColumn - 1; // the markers count from zero
        var fromRow = _weeks.Count + 2; // the header, the weeks, one empty row
        var toColumn = fromColumn;
        for (var width = 0.0; width < ChartWidth; toColumn++)
        {
            var s = toColumn - fromColumn - 1;
            width += toColumn == fromColumn ? WeekWidth : s < _series.Count ? Width(_series[s].Name) : DefaultWidth;
        }
        return new Xdr.TwoCellAnchor(
            new Xdr.FromMarker(new Xdr.ColumnId(Text(fromColumn)), new Xdr.ColumnOffset("0"), new Xdr.RowId(Text(fromRow)), new Xdr.RowOffset("0")),
            new Xdr.ToMarker(new Xdr.ColumnId(Text(toColumn)), new Xdr.ColumnOffset("0"), new Xdr.RowId(Text(fromRow + ChartRows)), new Xdr.RowOffset("0")),
            new Xdr.GraphicFrame(
                new Xdr.NonVisualGraphicFrameProperties(
                    new Xdr.NonVisualDrawingProperties { Id = 2U, Name = "Events per week" },
                    new Xdr.NonVisualGraphicFrameDrawingProperties()),
                new Xdr.Transform(new A.Offset { X = 0, Y = 0 }, new A.Extents { Cx = 0, Cy = 0 }),
                new A.Graphic(new A.GraphicData(new C.ChartReference { Id = chartId }) { Uri = "http://schemas.openxmlformats.org/drawingml/2006/chart" }))
            { Macro = "" },
            new Xdr.ClientData())
        { EditAs = Xdr.EditAsValues.OneCell };
    }

    private C.ChartSpace ChartSpace()
    {
        const uint CategoryAxis = 48650112, ValueAxis = 48672768;
        var bars = new C.BarChart(
            new C.BarDirection { Val = C.BarDirectionValues.Column },
            new C.BarGrouping { Val = C.BarGroupingValues.Stacked },
            new C.VaryColors { Val = false });
        for (var s = 0; s < _series.Count; s++)
            bars.Append(Series(s));
        // Stacked segments must overlap fully, or each is drawn beside the last.
        bars.Append(new C.GapWidth { Val = 60 }, new C.Overlap { Val = 100 }, new C.AxisId { Val = CategoryAxis }, new C.AxisId { Val = ValueAxis });

        var chart = new C.Chart(
            Title("Imported events per week, by integration"),
            new C.AutoTitleDeleted { Val = false },
            new C.PlotArea(
                new C.Layout(),
                bars,
                new C.CategoryAxis(
                    new C.AxisId { Val = CategoryAxis },
                    new C.Scaling(new C.Orientation { Val = C.OrientationValues.MinMax }),
                    new C.Delete { Val = false },
                    new C.AxisPosition { Val = C.AxisPositionValues.Bottom },
                    Title("Week of (Monday, UTC)"),
                    new C.NumberingFormat { FormatCode = TableSheet.DateFormat, SourceLinked = false },
                    new C.MajorTickMark { Val = C.TickMarkValues.Outside },
                    new C.MinorTickMark { Val = C.TickMarkValues.None },
                    new C.TickLabelPosition { Val = C.TickLabelPositionValues.NextTo },
                    new C.CrossingAxis { Val = ValueAxis },
                    new C.Crosses { Val = C.CrossesValues.AutoZero },
                    // A text axis, one label a week: as a date axis Excel would space the columns by date and may thin the labels.
                    new C.AutoLabeled { Val = false },
                    new C.LabelAlignment { Val = C.LabelAlignmentValues.Center },
                    new C.LabelOffset { Val = 100 },
                    new C.NoMultiLevelLabels { Val = false }),
                new C.ValueAxis(
                    new C.AxisId { Val = ValueAxis },
                    new C.Scaling(new C.Orientation { Val = C.OrientationValues.MinMax }),
                    new C.Delete { Val = false },
                    new C.AxisPosition { Val = C.AxisPositionValues.Left },
                    new C.MajorGridlines(),
                    Title("Events"),
                    new C.NumberingFormat { FormatCode = "#,##0", SourceLinked = false },
                    new C.MajorTickMark { Val = C.TickMarkValues.Outside },
                    new C.MinorTickMark { Val = C.TickMarkValues.None },
                    new C.TickLabelPosition { Val = C.TickLabelPositionValues.NextTo },
                    new C.CrossingAxis { Val = CategoryAxis },
                    new C.Crosses { Val = C.CrossesValues.AutoZero },
                    new C.CrossBetween { Val = C.CrossBetweenValues.Between })),
            new C.Legend(new C.LegendPosition { Val = C.LegendPositionValues.Right }, new C.Overlay { Val = false }),
            // Rows the auditor hides by filtering the sheet's table include the chart's own rows; the chart still shows every week.
            new C.PlotVisibleOnly { Val = false },
            new C.DisplayBlanksAs { Val = C.DisplayBlanksAsValues.Gap });

        var space = new C.ChartSpace(
            new C.Date1904 { Val = false },
            new C.EditingLanguage { Val = "en-US" },
            // Absent, this means rounded corners in Excel.
            new C.RoundedCorners { Val = false },
            chart);
        space.AddNamespaceDeclaration("c", "http://schemas.openxmlformats.org/drawingml/2006/chart");
        space.AddNamespaceDeclaration("a", "http://schemas.openxmlformats.org/drawingml/2006/main");
        space.AddNamespaceDeclaration("r", "http://schemas.openxmlformats.org/officeDocument/2006/relationships");
        return space;
    }

    /// <summary>
    /// A series: its name, categories and values as references to the chart's table, each with the cells'
    /// values cached (the weeks as the dates' serial numbers, as the cells hold them).
    /// </summary>
    private C.BarChartSeries Series(int s)
    {
        var (name, events, other) = _series[s];
        var column = FirstColumn + 1 + s;
        var lastRow = _weeks.Count + 1;
        var count = new C.PointCount { Val = (uint)_weeks.Count };
        return new C.BarChartSeries(
            new C.Index { Val = (uint)s },
            new C.Order { Val = (uint)s },
            new C.SeriesText(new C.StringReference(
                new C.Formula(Reference(column, 1, column, 1)),
                new C.StringCache(new C.PointCount { Val = 1 }, new C.StringPoint(new C.NumericValue(CellText.Fit(name))) { Index = 0 }))),
            new C.ChartShapeProperties(new A.SolidFill(new A.RgbColorModelHex { Val = other ? OtherColour : Colours[s % Colours.Length] })),
            new C.InvertIfNegative { Val = false },
            new C.CategoryAxisData(new C.NumberReference(
                new C.Formula(Reference(FirstColumn, 2, FirstColumn, lastRow)),
                Cache(TableSheet.DateFormat, _weeks.Select(w => w.ToDateTime(TimeOnly.MinValue).ToOADate()), (C.PointCount)count.CloneNode(true)))),
            new C.Values(new C.NumberReference(
                new C.Formula(Reference(column, 2, column, lastRow)),
                Cache("General", events.Select(e => (double)e), count))));
    }

    private static C.NumberingCache Cache(string format, IEnumerable<double> values, C.PointCount count)
    {
        var cache = new C.NumberingCache(new C.FormatCode(format), count);
        var i = 0U;
        foreach (var value in values)
            cache.Append(new C.NumericPoint(new C.NumericValue(value.ToString("R", CultureInfo.InvariantCulture))) { Index = i++ });
        return cache;
    }

    /// <summary>An absolute reference on the Activity per week sheet, as a chart formula writes it: <c>'Activity per week'!$F$2:$F$15</c>.</summary>
    private static string Reference(int firstColumn, int firstRow, int lastColumn, int lastRow)
    {
        var sheet = "'" + SheetName.Replace("'", "''", StringComparison.Ordinal) + "'";
        var from = $"${XLHelper.GetColumnLetterFromNumber(firstColumn)}${firstRow.ToString(CultureInfo.InvariantCulture)}";
        var to = $"${XLHelper.GetColumnLetterFromNumber(lastColumn)}${lastRow.ToString(CultureInfo.InvariantCulture)}";
        return from == to ? $"{sheet}!{from}" : $"{sheet}!{from}:{to}";
    }

    private static string Text(int number) => number.ToString(CultureInfo.InvariantCulture);

    /// <summary>A title, for the chart or an axis, as rich text laid outside the plot.</summary>
    private static C.Title Title(string text) =>
        new(
            new C.ChartText(new C.RichText(
                new A.BodyProperties(),
                new A.ListStyle(),
                new A.Paragraph(new A.ParagraphProperties(new A.DefaultRunProperties()), new A.Run(new A.RunProperties { Language = "en-US" }, new A.Text(text))))),
            new C.Overlay { Val = false });
}
