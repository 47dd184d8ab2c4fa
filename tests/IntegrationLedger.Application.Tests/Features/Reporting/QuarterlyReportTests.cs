using ClosedXML.Excel;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using IntegrationLedger.Application.Common;
using IntegrationLedger.Application.Features.Importing;
using IntegrationLedger.Application.Features.Reporting;
using IntegrationLedger.Application.Features.Tokens;
using IntegrationLedger.Application.Tests.Support;
using IntegrationLedger.Domain.Reviews;
using IntegrationLedger.Domain.Tokens;

namespace IntegrationLedger.Application.Tests.Features.Reporting;

public class QuarterlyReportTests
{
    private static readonly Quarter Q3 = Quarter.Parse("2026-Q3");

    /// <summary>A ledger filled during Q3 (the clock starts 2026-07-01), then changed in Q4.</summary>
    private static async Task<TestLedger> LedgerAsync()
    {
        var test = await TestLedger.CreateAsync();
        await test.AddPersonAsync("ana@example.com", "Ana");
        await test.AddIntegrationAsync("Nightly ETL", "ana@example.com");
        // Text that came from a file (here an integrations template) and looks like a formula.
        await new Application.Features.Integrations.AddIntegrationHandler(test.Ledger).HandleAsync(new("Formula Sync", "=HYPERLINK(\"http://example.com\",\"x\")",
            "ana@example.com", "=1+1", null, Domain.Integrations.NetworkTrust.Untrusted, [], []));
        await test.AddTokenAsync("etl-token", "ana@example.com", rotateEvery: 30, lastRotated: TestLedger.Start.UtcDateTime.AddDays(-10));
        await test.UseTokenAsync("etl-token", "Nightly ETL");
        var path = Samples.Write(test, "login.csv",
            "EVENT_TYPE,TIMESTAMP,REQUEST_ID,USER_ID,USER_NAME,SOURCE_IP\n" +
            "Login,20260801060000.000,req-1,005xx000001Sv7A,\"=HYPERLINK(\"\"http://example.com\"\",\"\"x@example.com\"\")\",192.0.2.10\n" +
            "Login,20260801070000.000,req-2,005xx000001Sv8Q,nightly.etl@example.com,192.0.2.10\n");
        test.Clock.SetUtcNow(new DateTimeOffset(2026, 8, 2, 0, 0, 0, TimeSpan.Zero));
        await test.Ledger.ImportUsageAsync(new ImportFile("sf-elf", path));
        // A reset in August, confirmed six hours later; a departure in September.
        await new ResetTokenHandler(test.Ledger).HandleAsync(new ResetToken("etl-token"));
        test.Clock.Advance(TimeSpan.FromHours(6));
        await new ConfirmTokenUpdateHandler(test.Ledger).HandleAsync(new ConfirmTokenUpdate("etl-token", "Nightly ETL"));
        await test.AddPersonAsync("lee@example.com", "Lee");
        await test.AddTokenAsync("lee-key", "lee@example.com");
        test.Clock.SetUtcNow(new DateTimeOffset(2026, 9, 10, 0, 0, 0, TimeSpan.Zero));
        await new Application.Features.People.OffboardPersonHandler(test.Ledger).HandleAsync(new(
            "lee@example.com", new DateOnly(2026, 9, 8), RevokeTokens: true));
        // After the quarter: the token is revoked. The Q3 workbook must still show it active.
        test.Clock.SetUtcNow(new DateTimeOffset(2026, 10, 5, 0, 0, 0, TimeSpan.Zero));
        await new RevokeTokenHandler(test.Ledger).HandleAsync(new RevokeToken("etl-token", RevocationReason.Unused));
        return test;
    }

    private static async Task<(QuarterlyReportResult Result, string Path)> BuildAsync(TestLedger test)
    {
        var path = Path.Combine(test.Folder, "q3.xlsx");
        var result = await new BuildQuarterlyReportHandler(test.Ledger).HandleAsync(new BuildQuarterlyReport(Q3, path, "Example Corp"));
        return (result, path);
    }

    [Test]
    public async Task Workbook_HasItsSheetsAsTablesWithFrozenHeaders()
    {
        await using var test = await LedgerAsync();

        var (result, path) = await BuildAsync(test);

        using var workbook = new XLWorkbook(path);
        Assert.That(workbook.Worksheets.Select(w => w.Name), Is.EqualTo(new[]
        {
            "Cover", "How to read", "Summary", "Tokens", "Integrations", "Token usage", "Access levels", "Access changes", "Rotations and revocations", "Offboarding", "Training", "Access review",
            "Activity per week", "Findings", "Anomalies", "Connected apps", "Incidents", "Change log", "Sign-ins", "Evidence", "Method", "Sign-off",
        }));
        foreach (var sheet in workbook.Worksheets)
        {
            Assert.That(sheet.Tables.Count(), Is.EqualTo(1), sheet.Name);
            Assert.That(sheet.SheetView.SplitRow, Is.EqualTo(1), $"{sheet.Name} freezes its header");
        }
        Assert.That(result.AuditVerified, Is.True);
        var cover = workbook.Worksheet("Cover");
        Assert.That(cover.Cell(11, 2).GetString(), Is.EqualTo(result.AuditHead), "the cover carries the chain's head hash");
        Assert.That(cover.Cell(15, 2).GetString(), Is.EqualTo($"ledger audit verify --anchor {cover.Cell(10, 2).GetString()}:{result.AuditHead}"));
        Assert.That(cover.Cell(2, 2).GetString(), Is.EqualTo("Example Corp"));
    }

    [Test]
    public async Task Tokens_AreShownAsTheyStoodAtTheEndOfTheQuarter()
    {
        await using var test = await LedgerAsync();

        var (_, path) = await BuildAsync(test);

        using var workbook = new XLWorkbook(path);
        var tokens = workbook.Worksheet("Tokens");
        Assert.That(tokens.Cell(1, 1).GetString(), Is.EqualTo("Token"));
        Assert.That(tokens.Cell(2, 1).GetString(), Is.EqualTo("etl-token"));
        Assert.That(tokens.Cell(2, 4).GetString(), Is.EqualTo("active"), "the revocation in October is not in the Q3 workbook");
        Assert.That(tokens.Cell(2, 9).GetString(), Is.EqualTo("overdue"), "due on 2026-07-21, overdue at the end of September");
        Assert.That(tokens.Cell(2, 5).DataType, Is.EqualTo(XLDataType.DateTime));
    }

    [Test]
    public async Task Lifecycle_ShowsResetsWithConfirmationTimesAndOffboardingDelays()
    {
        await using var test = await LedgerAsync();

        var (_, path) = await BuildAsync(test);

        using var workbook = new XLWorkbook(path);
        var reset = workbook.Worksheet("Rotations and revocations").RowsUsed().Single(r => r.Cell(2).GetString() == "reset" && r.Cell(4).GetString() == "Nightly ETL");
        Assert.That(reset.Cell(6).GetDouble(), Is.EqualTo(6.0), "hours to confirm");
        var offboarding = workbook.Worksheet("Offboarding").RowsUsed().Single(r => r.Cell(3).GetString() == "lee-key");
        Assert.That(offboarding.Cell(4).GetString(), Is.EqualTo("revoked"));
        Assert.That(offboarding.Cell(6).GetDouble(), Is.EqualTo(2.0), "departed 8 September, revoked 10 September");
        // The sheet's table only: the chart's own table sits beside it, on the same rows.
        var week = workbook.Worksheet("Activity per week").Table("WeeklyActivity").DataRange.Rows().Single();
        Assert.That(week.Cell(3).GetDouble(), Is.EqualTo(1));
    }

    [Test]
    public async Task Evidence_HoldsEveryEventOfTheQuarterAsText_AndContinuesOnFurtherSheets()
    {
        await using var test = await LedgerAsync();

        var (result, path) = await BuildAsync(test);

        using (var workbook = new XLWorkbook(path))
        {
            var evidence = workbook.Worksheet("Evidence");
            Assert.That(evidence.RowsUsed().Count(), Is.EqualTo(3), "a header and the quarter's two events");
            var formula = evidence.Cell(2, 4);
            Assert.That(formula.GetString(), Is.EqualTo("=hyperlink(\"http://example.com\",\"x@example.com\")"));
            Assert.That(formula.HasFormula, Is.False);
            Assert.That(evidence.Cell(2, 1).GetDateTime(), Is.EqualTo(new DateTime(2026, 8, 1, 6, 0, 0)));
            Assert.That(evidence.Tables.Count(), Is.EqualTo(1));
        }
        Assert.That(result.Sheets, Does.Contain("Evidence"));

        // At one row a sheet, the quarter's two events need a second sheet.
        using var small = new MemoryStream();
        using (var workbook = new XLWorkbook())
        {
            workbook.Worksheets.Add("Method");
            workbook.SaveAs(small);
        }
        small.Position = 0;
        var oneRowEach = await Application.Features.Reporting.Workbook.StreamedSheets.EvidenceAsync(test.Ledger.Db, Q3.StartUtc, Q3.EndUtc, rowsPerSheet: 1);
        var splitPath = Path.Combine(test.Folder, "split.xlsx");
        var names = await Application.Features.Reporting.Workbook.StreamedSheets.AssembleAsync(small, File.Create(splitPath), [oneRowEach], "Method",
            new Application.Features.Reporting.Workbook.PrintLayout("Example Corp", "Quarter 2026-Q3", "1:ab"), CancellationToken.None);
        Assert.That(names, Is.EqualTo(new[] { "Evidence", "Evidence 2", "Method" }));
        using var split = new XLWorkbook(splitPath);
        Assert.That(split.Worksheets.Select(w => w.Name), Is.EqualTo(names));
    }

    [Test]
    public async Task AsOf_ShowsTheLedgerAsItStoodThen()
    {
        await using var test = await LedgerAsync();
        var path = Path.Combine(test.Folder, "early.xlsx");

        await new BuildQuarterlyReportHandler(test.Ledger).HandleAsync(new BuildQuarterlyReport(Q3, path, AsOf: new DateTime(2026, 7, 15, 0, 0, 0, DateTimeKind.Utc)));

        using var workbook = new XLWorkbook(path);
        Assert.That(workbook.Worksheet("Tokens").RowsUsed().Skip(1).Select(r => r.Cell(1).GetString()), Is.EqualTo(new[] { "etl-token" }), "lee-key came in September");
        Assert.That(workbook.Worksheet("Evidence").RowsUsed().Count(), Is.EqualTo(1), "the August events had not happened on 15 July");
    }

    [Test]
    public async Task EverySheet_PrintsLandscapeOnePageWide_WithItsHeaderRowRepeated_AndAHeaderAndFooterThatSayWhatItIs()
    {
        await using var test = await LedgerAsync();

        var (result, path) = await BuildAsync(test);

        using var package = System.IO.Compression.ZipFile.OpenRead(path);
        System.Xml.Linq.XDocument Xml(string name)
        {
            using var stream = package.GetEntry(name)!.Open();
            return System.Xml.Linq.XDocument.Load(stream);
        }
        System.Xml.Linq.XNamespace main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        System.Xml.Linq.XNamespace relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
        var workbook = Xml("xl/workbook.xml");
        var targets = Xml("xl/_rels/workbook.xml.rels").Root!.Elements().ToDictionary(e => (string)e.Attribute("Id")!, e => (string)e.Attribute("Target")!);
        var sheets = workbook.Root!.Element(main + "sheets")!.Elements(main + "sheet").ToList();
        var titles = workbook.Root.Element(main + "definedNames")!.Elements(main + "definedName")
            .Where(d => (string)d.Attribute("name")! == "_xlnm.Print_Titles").ToDictionary(d => (int)d.Attribute("localSheetId")!, d => d.Value);
        Assert.That(sheets.Select(s => (string)s.Attribute("name")!), Is.EqualTo(result.Sheets));
        for (var i = 0; i < sheets.Count; i++)
        {
            var name = (string)sheets[i].Attribute("name")!;
            var target = targets[(string)sheets[i].Attribute(relationships + "id")!];
            var sheet = Xml(target.StartsWith('/') ? target[1..] : "xl/" + target).Root!;
            var setup = sheet.Element(main + "pageSetup");
            Assert.Multiple(() =>
            {
                Assert.That((string?)setup?.Attribute("orientation"), Is.EqualTo("landscape"), name);
                Assert.That((string?)setup?.Attribute("fitToHeight"), Is.EqualTo("0"), $"{name}: as many pages long as it takes");
                Assert.That((string?)setup?.Attribute("fitToWidth") ?? "1", Is.EqualTo("1"), $"{name}: one page wide");
                Assert.That((string?)sheet.Element(main + "sheetPr")?.Element(main + "pageSetUpPr")?.Attribute("fitToPage"), Is.EqualTo("1"), name);
                Assert.That(sheet.Element(main + "headerFooter")?.Element(main + "oddHeader")?.Value, Does.Contain("Example Corp").And.Contain("2026-Q3").And.Contain(name));
                Assert.That(sheet.Element(main + "headerFooter")?.Element(main + "oddFooter")?.Value,
                    Does.Contain("&P").And.Contain("&N").And.Contain($"Audit chain {result.AuditEntries}:{result.AuditHead}"));
                Assert.That(titles.GetValueOrDefault(i), Is.EqualTo($"'{name}'!$1:$1"), $"{name}: its header row on every page");
            });
        }
    }

    [Test]
    public async Task SameLedgerAndParameters_GiveTheSameCells_ButTheGenerationTime()
    {
        await using var test = await LedgerAsync();
        var first = Path.Combine(test.Folder, "first.xlsx");
        var second = Path.Combine(test.Folder, "second.xlsx");

        await new BuildQuarterlyReportHandler(test.Ledger).HandleAsync(new BuildQuarterlyReport(Q3, first, "Example Corp"));
        test.Clock.Advance(TimeSpan.FromMinutes(5));
        await new BuildQuarterlyReportHandler(test.Ledger).HandleAsync(new BuildQuarterlyReport(Q3, second, "Example Corp"));

        static List<string> Cells(string path)
        {
            using var workbook = new XLWorkbook(path);
            return workbook.Worksheets.SelectMany(w => w.CellsUsed().Select(c => $"{w.Name}!{c.Address}={c.GetString()}"))
                .Where(c => !c.StartsWith("Cover!B7=", StringComparison.Ordinal) && !c.StartsWith("Sign-off!B5=", StringComparison.Ordinal)).ToList();
        }
        Assert.That(Cells(second), Is.EqualTo(Cells(first)));
    }

    [Test]
    public async Task Summary_KeyFiguresMatchTheLedger()
    {
        await using var test = await LedgerAsync();

        var (_, path) = await BuildAsync(test);

        using var workbook = new XLWorkbook(path);
        // Without access exports the access figures have no value, only a note that says so (see AccessWorkbookTests).
        var figures = workbook.Worksheet("Summary").RowsUsed().Skip(1).Where(r => !r.Cell(2).IsEmpty()).ToDictionary(r => r.Cell(1).GetString(), r => r.Cell(2).GetDouble());
        Assert.That(figures["Active tokens at the end of the quarter"], Is.EqualTo(1), "lee-key was revoked in September, etl-token only in October");
        Assert.That(figures["Of them, with a rotation policy"], Is.EqualTo(1));
        Assert.That(figures["Of them, overdue for rotation"], Is.EqualTo(1));
        var note = workbook.Worksheet("Summary").RowsUsed().Single(r => r.Cell(1).GetString() == "Of them, overdue for rotation").Cell(3).GetString();
        Assert.That(note, Is.EqualTo("0.0% of those with a policy rotated on time"));
        Assert.That(figures["Integrations at the end of the quarter"], Is.EqualTo(2));
        Assert.That(figures["Usage events in the quarter"], Is.EqualTo(2));
    }

    [Test]
    public async Task Evidence_HighlightsFailedActivity()
    {
        await using var test = await LedgerAsync();
        var path = Samples.Write(test, "failed.csv",
            "EVENT_TYPE,TIMESTAMP,REQUEST_ID,USER_ID,USER_NAME,SOURCE_IP,LOGIN_STATUS\n" +
            "Login,20260901060000.000,req-9,005xx000001Sv8Q,nightly.etl@example.com,192.0.2.10,LOGIN_ERROR_MUST_USE_API_TOKEN\n");
        await test.Ledger.ImportUsageAsync(new ImportFile("sf-elf", path));

        var (_, report) = await BuildAsync(test);

        using var workbook = new XLWorkbook(report);
        var rows = workbook.Worksheet("Evidence").RowsUsed().Skip(1).ToList();
        var failed = rows.Single(r => r.Cell(9).GetString() == "no");
        Assert.That(failed.Cell(4).Style.Fill.BackgroundColor.Color.ToArgb() & 0xFFFFFF, Is.EqualTo(0xF8CBAD));
        Assert.That(rows.Where(r => r != failed).Select(r => r.Cell(4).Style.Fill.PatternType), Is.All.EqualTo(XLFillPatternValues.None));
    }

    [Test]
    public async Task TextStartingWithAnApostrophe_KeepsIt()
    {
        await using var test = await LedgerAsync();
        var path = Path.Combine(test.Folder, "quote.xlsx");
        await new Application.Features.Integrations.AddIntegrationHandler(test.Ledger).HandleAsync(new("'Quoted' Sync", "'quoted' vendor", null, null, null,
            Domain.Integrations.NetworkTrust.Untrusted, [], []));

        await new BuildQuarterlyReportHandler(test.Ledger).HandleAsync(new BuildQuarterlyReport(Quarter.Parse("2026-Q4"), path));

        using var workbook = new XLWorkbook(path);
        var row = workbook.Worksheet("Integrations").RowsUsed().Single(r => r.Cell(1).GetString().Contains("Quoted", StringComparison.Ordinal));
        Assert.That((row.Cell(1).GetString(), row.Cell(2).GetString()), Is.EqualTo(("'Quoted' Sync", "'quoted' vendor")));
    }

    [Test]
    public async Task Findings_AreShownAsTheyStoodAtTheEnd_NotAsResolvedLater()
    {
        await using var test = await LedgerAsync();
        var finding = (await new Application.Features.Findings.RunRulesHandler(test.Ledger).HandleAsync(new()))[0];
        test.Clock.SetUtcNow(new DateTimeOffset(2026, 10, 10, 0, 0, 0, TimeSpan.Zero));
        await new Application.Features.Findings.WorkFindingsHandler(test.Ledger).HandleAsync(new(finding.Id, Application.Features.Findings.FindingAction.Resolve, "later"));
        var path = Path.Combine(test.Folder, "early-q4.xlsx");

        await new BuildQuarterlyReportHandler(test.Ledger).HandleAsync(new BuildQuarterlyReport(Quarter.Parse("2026-Q4"), path, AsOf: new DateTime(2026, 10, 7, 0, 0, 0, DateTimeKind.Utc)));

        using var workbook = new XLWorkbook(path);
        var row = workbook.Worksheet("Findings").RowsUsed().Single(r => r.Cell(1).GetString() == finding.Id);
        Assert.That(row.Cell(9).GetString(), Is.EqualTo("open"));
        Assert.That(row.Cell(12).GetString(), Is.Empty, "the note of 10 October came after the moment reported");
    }

    [Test]
    public async Task AQuarterThatHasNotBegun_IsRefused()
    {
        await using var test = await LedgerAsync();

        Assert.That(async () => await new BuildQuarterlyReportHandler(test.Ledger).HandleAsync(new BuildQuarterlyReport(Quarter.Parse("2030-Q1"), Path.Combine(test.Folder, "x.xlsx"))),
            Throws.TypeOf<Domain.Common.DomainException>().With.Message.Contains("has not begun"));
    }

    [Test]
    public async Task TextThatLooksLikeAFormula_IsWrittenAsText()
    {
        await using var test = await LedgerAsync();

        var (_, path) = await BuildAsync(test);

        using var workbook = new XLWorkbook(path);
        var row = workbook.Worksheet("Integrations").RowsUsed().Single(r => r.Cell(1).GetString() == "Formula Sync");
        Assert.That(row.Cell(2).GetString(), Is.EqualTo("=HYPERLINK(\"http://example.com\",\"x\")"));
        Assert.That(row.Cell(4).GetString(), Is.EqualTo("=1+1"));
        Assert.That(workbook.Worksheets.SelectMany(w => w.CellsUsed()).Any(c => c.HasFormula), Is.False, "nothing in the workbook is a formula");
    }

    [Test]
    public async Task Workbook_PassesTheOpenXmlValidator()
    {
        await using var test = await LedgerAsync();

        var (_, path) = await BuildAsync(test);

        using var document = SpreadsheetDocument.Open(path, false);
        var errors = new OpenXmlValidator(FileFormatVersions.Office2013).Validate(document).Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}").ToList();
        Assert.That(errors, Is.Empty);
    }

    [Test]
    public async Task Workbook_IntoAMissingFolder_IsRefusedAndNoTemporaryFileIsLeft()
    {
        await using var test = await LedgerAsync();

        Assert.That(async () => await new BuildQuarterlyReportHandler(test.Ledger).HandleAsync(new BuildQuarterlyReport(Q3, Path.Combine(test.Folder, "no", "q3.xlsx"))),
            Throws.TypeOf<OutputFileException>());
        var (_, path) = await BuildAsync(test);
        Assert.That(Directory.GetFiles(test.Folder, "*.tmp"), Is.Empty);
        Assert.That(File.Exists(path), Is.True);
    }
}
