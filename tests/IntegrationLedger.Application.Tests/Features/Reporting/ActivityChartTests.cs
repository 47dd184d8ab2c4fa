using System.Globalization;
using System.Text;
using ClosedXML.Excel;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using IntegrationLedger.Application.Features.Importing;
using IntegrationLedger.Application.Features.Reporting;
using IntegrationLedger.Application.Tests.Support;
using IntegrationLedger.Domain.Reviews;
using C = DocumentFormat.OpenXml.Drawing.Charts;
using Xdr = DocumentFormat.OpenXml.Drawing.Spreadsheet;

namespace IntegrationLedger.Application.Tests.Features.Reporting;

/// <summary>The Activity per week sheet's native chart: where its numbers come from, what it refers to, and that the package stays valid.</summary>
public class ActivityChartTests
{
    private const string Sheet = "Activity per week";
    private static readonly Quarter Q3 = Quarter.Parse("2026-Q3");

    /// <summary>The fourteen Mondays of 2026-Q3's weeks: the quarter starts on a Wednesday and ends on one.</summary>
    private static readonly DateTime[] Q3Weeks = Enumerable.Range(0, 14).Select(i => new DateTime(2026, 6, 29).AddDays(7 * i)).ToArray();

    private static string App(int k) => $"App {k:00}";

    /// <summary>
    /// Ten integrations whose events in Q3 total 22, 21, 16, 15, 14, 10, 9, 8, 4 and 3, so the seven busiest are
    /// App 01 to App 07 and three are left for Other. The week of 6 July holds 20, 18 ... 2; the week of 17 August
    /// k mod 3 for App k, its first one at Monday midnight; App 02 has one on the Sunday before (the week of
    /// 10 August); App 01 one in the quarter's last minute and one just after the quarter, which must not count.
    /// </summary>
    private static async Task<TestLedger> BusyLedgerAsync()
    {
        var test = await TestLedger.CreateAsync();
        await test.AddPersonAsync("ana@example.com", "Ana Lima");
        for (var k = 1; k <= 10; k++)
            await test.AddIntegrationAsync(App(k), "ana@example.com");
        var events = new List<(int App, string Time)>();
        for (var k = 1; k <= 10; k++)
        {
            events.AddRange(Enumerable.Range(0, (11 - k) * 2).Select(i => (k, $"20260708{i % 24:00}0000.000")));
            events.AddRange(Enumerable.Range(0, k % 3).Select(i => (k, $"20260817{i:00}0000.000")));
        }
        events.Add((2, "20260816233000.000"));
        events.Add((1, "20260930235900.000"));
        events.Add((1, "20261001000000.000"));
        var csv = new StringBuilder("EVENT_TYPE,TIMESTAMP,REQUEST_ID,USER_ID,USER_NAME,SOURCE_IP\n");
        for (var i = 0; i < events.Count; i++)
            csv.Append(CultureInfo.InvariantCulture, $"Login,{events[i].Time},req-{i},005xx00000{i:00000},app.{events[i].App:00}@example.com,192.0.2.10\n");
        test.Clock.SetUtcNow(new DateTimeOffset(2026, 10, 5, 0, 0, 0, TimeSpan.Zero));
        await test.Ledger.ImportUsageAsync(new ImportFile("sf-elf", Samples.Write(test, "logins.csv", csv.ToString())));
        return test;
    }

    private static async Task<string> BuildAsync(TestLedger test, Quarter quarter)
    {
        var path = Path.Combine(test.Folder, $"{quarter}.xlsx");
        await new BuildQuarterlyReportHandler(test.Ledger).HandleAsync(new BuildQuarterlyReport(quarter, path, "Example Corp"));
        return path;
    }

    private static WorksheetPart ActivityPart(SpreadsheetDocument document)
    {
        var workbook = document.WorkbookPart!;
        var sheet = workbook.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == Sheet);
        return (WorksheetPart)workbook.GetPartById(sheet.Id!);
    }

    private static C.ChartSpace Chart(SpreadsheetDocument document) => ActivityPart(document).DrawingsPart!.ChartParts.Single().ChartSpace;

    private static List<C.BarChartSeries> Series(SpreadsheetDocument document) =>
        Chart(document).Descendants<C.BarChart>().Single().Elements<C.BarChartSeries>().ToList();

    private static string Name(C.BarChartSeries series) => series.SeriesText!.StringReference!.StringCache!.Elements<C.StringPoint>().Single().NumericValue!.Text;

    private static C.NumberReference Categories(C.BarChartSeries series) => series.GetFirstChild<C.CategoryAxisData>()!.NumberReference!;

    private static C.NumberReference Values(C.BarChartSeries series) => series.GetFirstChild<C.Values>()!.NumberReference!;

    private static List<double> Cached(C.NumberReference reference) =>
        reference.NumberingCache!.Elements<C.NumericPoint>().OrderBy(p => p.Index!.Value).Select(p => double.Parse(p.NumericValue!.Text, CultureInfo.InvariantCulture)).ToList();

    /// <summary>The cells a chart formula such as <c>'Activity per week'!$G$2:$G$15</c> names, read back with ClosedXML.</summary>
    private static List<IXLCell> Cells(XLWorkbook workbook, string formula)
    {
        var bang = formula.LastIndexOf('!');
        var sheet = formula[..bang].Trim('\'').Replace("''", "'", StringComparison.Ordinal);
        return workbook.Worksheet(sheet).Range(formula[(bang + 1)..].Replace("$", "", StringComparison.Ordinal)).Cells().ToList();
    }

    /// <summary>The sheet's own table: the numbers the chart must agree with.</summary>
    private static List<(DateTime Week, string Integration, double Events)> ActivityTable(XLWorkbook workbook) =>
        workbook.Worksheet(Sheet).Table("WeeklyActivity").DataRange.Rows()
            .Select(r => (r.Cell(1).GetDateTime(), r.Cell(2).GetString(), r.Cell(3).GetDouble())).ToList();

    [Test]
    public async Task ActivitySheet_HasAStackedColumnChart_WithATitleAxisTitlesAndALegend()
    {
        await using var test = await BusyLedgerAsync();

        var path = await BuildAsync(test, Q3);

        using var document = SpreadsheetDocument.Open(path, false);
        var chart = Chart(document).GetFirstChild<C.Chart>()!;
        var bars = chart.Descendants<C.BarChart>().Single();
        Assert.That(bars.BarDirection!.Val!.Value, Is.EqualTo(C.BarDirectionValues.Column));
        Assert.That(bars.BarGrouping!.Val!.Value, Is.EqualTo(C.BarGroupingValues.Stacked));
        Assert.That(bars.GetFirstChild<C.Overlap>()!.Val!.Value, Is.EqualTo((sbyte)100), "stacked segments sit on each other, not side by side");
        Assert.That(chart.Title!.InnerText, Is.EqualTo("Imported events per week, by integration"));
        Assert.That(chart.Descendants<C.CategoryAxis>().Single().Title!.InnerText, Is.EqualTo("Week of (Monday, UTC)"));
        Assert.That(chart.Descendants<C.ValueAxis>().Single().Title!.InnerText, Is.EqualTo("Events"));
        Assert.That(chart.Legend, Is.Not.Null);
        Assert.That(chart.PlotVisibleOnly!.Val!.Value, Is.False, "filtering the sheet's table must not take weeks out of the chart");
        var others = document.WorkbookPart!.WorksheetParts.Where(p => p != ActivityPart(document));
        Assert.That(others.Where(p => p.DrawingsPart is not null), Is.Empty, "the chart is on the Activity per week sheet only");
    }

    [Test]
    public async Task Series_AreTheSevenBusiestIntegrations_ThenOther_EachReferringToItsColumnOfTheChartsTable()
    {
        await using var test = await BusyLedgerAsync();

        var path = await BuildAsync(test, Q3);

        using var document = SpreadsheetDocument.Open(path, false);
        var series = Series(document);
        Assert.That(series.Select(Name), Is.EqualTo(Enumerable.Range(1, 7).Select(App).Append("Other (3 integrations)")));
        var columns = "GHIJKLMN";
        for (var s = 0; s < series.Count; s++)
        {
            Assert.That(series[s].Index!.Val!.Value, Is.EqualTo((uint)s));
            Assert.That(series[s].SeriesText!.StringReference!.Formula!.Text, Is.EqualTo($"'Activity per week'!${columns[s]}$1"));
            Assert.That(Values(series[s]).Formula!.Text, Is.EqualTo($"'Activity per week'!${columns[s]}$2:${columns[s]}$15"));
            Assert.That(Categories(series[s]).Formula!.Text, Is.EqualTo("'Activity per week'!$F$2:$F$15"));
        }
    }

    [Test]
    public async Task CachedValues_AreTheCellsTheyReferTo_AndTheCellsAgreeWithTheSheetsTable()
    {
        await using var test = await BusyLedgerAsync();

        var path = await BuildAsync(test, Q3);

        using var document = SpreadsheetDocument.Open(path, false);
        using var workbook = new XLWorkbook(path);
        var table = ActivityTable(workbook);
        var named = Enumerable.Range(1, 7).Select(App).ToHashSet();
        foreach (var series in Series(document))
        {
            var title = series.SeriesText!.StringReference!;
            Assert.That(Cells(workbook, title.Formula!.Text).Single().GetString(), Is.EqualTo(Name(series)), "the series' cached name is its header cell");
            var cells = Cells(workbook, Values(series).Formula!.Text);
            var cached = Cached(Values(series));
            Assert.That(cached, Is.EqualTo(cells.Select(c => c.GetDouble())), $"{Name(series)}: the cache holds the cells' numbers");
            Assert.That(Values(series).NumberingCache!.PointCount!.Val!.Value, Is.EqualTo((uint)cells.Count));

            // Each cell is the week's events of that integration (or of those summed as Other) in the sheet's own table.
            bool Belongs(string integration) => Name(series).StartsWith("Other", StringComparison.Ordinal) ? !named.Contains(integration) : integration == Name(series);
            var expected = Q3Weeks.Select(w => table.Where(r => r.Week == w && Belongs(r.Integration)).Sum(r => r.Events));
            Assert.That(cached, Is.EqualTo(expected), Name(series));
        }
        var other = Cached(Values(Series(document)[^1]));
        Assert.That((other[1], other[7], other.Sum()), Is.EqualTo((12.0, 3.0, 15.0)), "App 08 to 10: 6+4+2 in the week of 6 July, 2+0+1 in that of 17 August");
        var first = Cached(Values(Series(document)[0]));
        Assert.That((first[1], first[7], first[13], first.Sum()), Is.EqualTo((20.0, 1.0, 1.0, 22.0)), "App 01's event in the quarter's last minute counts; the one after it does not");
        Assert.That(Cached(Values(Series(document)[1]))[6], Is.EqualTo(1.0), "an event late on a Sunday is in the week that began the Monday before");
        Assert.That(Series(document).Sum(s => Cached(Values(s)).Sum()), Is.EqualTo(table.Sum(r => r.Events)), "the chart holds every event of the table");
    }

    [Test]
    public async Task Categories_AreEveryWeekOfTheQuarter_AsDatesInTheCellsAndTheCache()
    {
        await using var test = await BusyLedgerAsync();

        var path = await BuildAsync(test, Q3);

        using var document = SpreadsheetDocument.Open(path, false);
        using var workbook = new XLWorkbook(path);
        foreach (var series in Series(document))
        {
            var categories = Categories(series);
            var cells = Cells(workbook, categories.Formula!.Text);
            Assert.That(cells.Select(c => c.GetDateTime()), Is.EqualTo(Q3Weeks), "weeks without events are there too");
            Assert.That(Cached(categories), Is.EqualTo(Q3Weeks.Select(w => w.ToOADate())));
            Assert.That(categories.NumberingCache!.FormatCode!.Text, Is.EqualTo("yyyy-mm-dd"));
        }
        var header = workbook.Worksheet(Sheet).Cell("F1");
        Assert.That(header.GetString(), Is.EqualTo("Week of (Monday)"));
    }

    [Test]
    public async Task Chart_IsAnchoredWhereItCoversNoCellWithData()
    {
        await using var test = await BusyLedgerAsync();

        var path = await BuildAsync(test, Q3);

        using var document = SpreadsheetDocument.Open(path, false);
        var anchor = ActivityPart(document).DrawingsPart!.WorksheetDrawing.Elements<Xdr.TwoCellAnchor>().Single();
        int Number(OpenXmlElement element) => int.Parse(element.InnerText, CultureInfo.InvariantCulture);
        var (fromColumn, fromRow) = (Number(anchor.FromMarker!.ColumnId!), Number(anchor.FromMarker.RowId!));
        var (toColumn, toRow) = (Number(anchor.ToMarker!.ColumnId!), Number(anchor.ToMarker.RowId!));
        Assert.That(toColumn - fromColumn, Is.GreaterThanOrEqualTo(8), "wide enough to read");
        Assert.That(toRow - fromRow, Is.GreaterThanOrEqualTo(15), "tall enough to read");
        Assert.That(anchor.EditAs!.Value, Is.EqualTo(Xdr.EditAsValues.OneCell), "keeps its size when a filter hides rows under it");
        using var workbook = new XLWorkbook(path);
        // Markers count from zero; a chart ending at a marker with no offset does not reach into that cell.
        var covered = workbook.Worksheet(Sheet).CellsUsed()
            .Where(c => c.Address.ColumnNumber - 1 >= fromColumn && c.Address.ColumnNumber - 1 < toColumn && c.Address.RowNumber - 1 >= fromRow && c.Address.RowNumber - 1 < toRow)
            .Select(c => c.Address.ToString()).ToList();
        Assert.That(covered, Is.Empty);
        Assert.That(fromColumn, Is.GreaterThan(workbook.Worksheet(Sheet).Table("WeeklyActivity").RangeAddress.LastAddress.ColumnNumber), "right of the sheet's table, whose rows a filter may hide");
    }

    [Test]
    public async Task FewIntegrations_AreEachNamed_AndNoneIsOther()
    {
        await using var test = await TestLedger.CreateAsync();
        await test.AddPersonAsync("ana@example.com", "Ana Lima");
        await test.AddIntegrationAsync("Nightly ETL", "ana@example.com");
        await test.AddIntegrationAsync("Orbit BI", "ana@example.com");
        test.Clock.SetUtcNow(new DateTimeOffset(2026, 10, 5, 0, 0, 0, TimeSpan.Zero));
        await test.Ledger.ImportUsageAsync(new ImportFile("sf-elf", Samples.Write(test, "logins.csv",
            "EVENT_TYPE,TIMESTAMP,REQUEST_ID,USER_ID,USER_NAME,SOURCE_IP\n" +
            "Login,20260801060000.000,req-1,005xx000001Sv7A,orbit.bi@example.com,192.0.2.10\n" +
            "Login,20260802060000.000,req-2,005xx000001Sv8Q,nightly.etl@example.com,192.0.2.10\n" +
            "Login,20260803060000.000,req-3,005xx000001Sv8Q,orbit.bi@example.com,192.0.2.10\n")));

        var path = await BuildAsync(test, Q3);

        using var document = SpreadsheetDocument.Open(path, false);
        var series = Series(document);
        Assert.That(series.Select(Name), Is.EqualTo(new[] { "Orbit BI", "Nightly ETL" }), "busiest first");
        Assert.That(series.Select(s => Cached(Values(s)).Sum()), Is.EqualTo(new[] { 2.0, 1.0 }));
        Assert.That(Cached(Values(series[0]))[4..6], Is.EqualTo(new[] { 1.0, 1.0 }), "1 August is a Saturday, 3 August the next Monday");
    }

    [Test]
    public async Task AQuarterWithoutActivity_HasNoChart_AndNoTableBesideTheSheets()
    {
        await using var test = await TestLedger.CreateAsync();
        await test.AddPersonAsync("ana@example.com", "Ana Lima");
        await test.AddIntegrationAsync("Nightly ETL", "ana@example.com");
        test.Clock.SetUtcNow(new DateTimeOffset(2026, 10, 5, 0, 0, 0, TimeSpan.Zero));
        // An event no integration is known by: the quarter has events, but no integration's activity.
        await test.Ledger.ImportUsageAsync(new ImportFile("sf-elf", Samples.Write(test, "logins.csv",
            "EVENT_TYPE,TIMESTAMP,REQUEST_ID,USER_ID,USER_NAME,SOURCE_IP\nLogin,20260801060000.000,req-1,005xx000001Sv7A,someone@example.com,192.0.2.10\n")));

        var path = await BuildAsync(test, Q3);

        using (var document = SpreadsheetDocument.Open(path, false))
        {
            Assert.That(ActivityPart(document).DrawingsPart, Is.Null);
            Assert.That(ActivityPart(document).Worksheet.Elements<Drawing>(), Is.Empty);
            Assert.That(document.WorkbookPart!.WorksheetParts.SelectMany(p => p.DrawingsPart?.ChartParts ?? []), Is.Empty);
        }
        using var workbook = new XLWorkbook(path);
        var sheet = workbook.Worksheet(Sheet);
        Assert.That(sheet.Table("WeeklyActivity").DataRange.CellsUsed(), Is.Empty, "the sheet's table has no rows");
        Assert.That(sheet.CellsUsed().Select(c => c.Address.ColumnNumber).Distinct().Order(), Is.EqualTo(new[] { 1, 2, 3, 4 }), "only the table's own headers");
    }

    [Test]
    public async Task ChartAndDrawingParts_PassTheOpenXmlValidator()
    {
        await using var test = await BusyLedgerAsync();

        var path = await BuildAsync(test, Q3);

        using var document = SpreadsheetDocument.Open(path, false);
        var validator = new OpenXmlValidator(FileFormatVersions.Office2013);
        var drawing = ActivityPart(document).DrawingsPart!;
        static List<string> Describe(IEnumerable<ValidationErrorInfo> errors) => errors.Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}").ToList();
        Assert.That(Describe(validator.Validate(drawing)), Is.Empty, "the drawing");
        Assert.That(Describe(validator.Validate(drawing.ChartParts.Single())), Is.Empty, "the chart");
        Assert.That(Describe(validator.Validate(ActivityPart(document))), Is.Empty, "the sheet that holds them");
        Assert.That(Describe(validator.Validate(document)), Is.Empty, "the whole package");
    }
}
