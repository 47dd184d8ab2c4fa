using ClosedXML.Excel;
using IntegrationLedger.Application.Features.Importing;
using IntegrationLedger.Application.Tests.Support;
using IntegrationLedger.Domain.People;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Tests.Features.Importing;

/// <summary>
/// Inventory templates kept in an Excel workbook, built here with ClosedXML as officers keep them: a title
/// and blank rows above the header, an instructions sheet, dates typed as dates, numbers stored as 1.0,
/// formulas, stray spaces and empty rows at the end; read through the one import use case into a real ledger.
/// </summary>
public class WorkbookTemplateTests
{
    private TestLedger _test = null!;

    [SetUp]
    public async Task CreateLedger()
    {
        _test = await TestLedger.CreateAsync();
        _test.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero));
    }

    [TearDown]
    public async Task RemoveLedger() => await _test.DisposeAsync();

    private string Workbook(string name, Action<XLWorkbook> fill, bool evaluateFormulas = true)
    {
        var path = Path.Combine(_test.Folder, name);
        using var book = new XLWorkbook();
        fill(book);
        // As a spreadsheet saves them: each formula with the value it last calculated.
        book.SaveAs(path, new SaveOptions { EvaluateFormulasBeforeSaving = evaluateFormulas });
        return path;
    }

    private static void Header(IXLWorksheet sheet, int row, params string[] names)
    {
        for (var i = 0; i < names.Length; i++)
            sheet.Cell(row, i + 1).Value = names[i];
    }

    private static void Instructions(XLWorkbook book) =>
        book.AddWorksheet("Instructions").Cell(1, 1).Value = "One row per person; dates as dates. Ask security@example.com.";

    private string PeopleBook(string name = "people.xlsx") => Workbook(name, book =>
    {
        Instructions(book);
        var people = book.AddWorksheet("People");
        people.Cell(1, 1).Value = "Acme staff register (kept by Security)";
        Header(people, 3, "Email ", "Name", "Department", "Departed on");
        people.Cell(4, 1).Value = "  ana@example.com ";
        people.Cell(4, 2).FormulaA1 = "=\"Ana\"&\" \"&\"Lima\"";
        people.Cell(4, 3).Value = "Sales ";
        people.Cell(5, 1).Value = "lee@example.com";
        people.Cell(5, 2).Value = "Lee Park";
        people.Cell(5, 4).Value = new DateTime(2026, 3, 1);
        // Rows a spreadsheet keeps formatted at the end, with nothing in them.
        people.Range("A6:D12").Style.Fill.BackgroundColor = XLColor.LightYellow;
    });

    [Test]
    public async Task PeopleSheet_UnderATitle_BesideInstructions_ReadAsTheCsvTemplateWouldBe()
    {
        var result = await _test.Ledger.ImportInventoryAsync(new ImportFile("auto", PeopleBook()));

        Assert.That(result.Errors, Is.Empty);
        Assert.That(result.Template, Is.EqualTo("people"));
        Assert.That(result.Sheet, Is.EqualTo("People"));
        Assert.That(result.Counts.Read, Is.EqualTo(2), "the formatted empty rows at the end are not rows");
        Assert.That(result.Counts.Created, Is.EqualTo(2));
        var ana = await _test.Ledger.Db.People.SingleAsync(p => p.Email == "ana@example.com");
        Assert.That(ana.Name, Is.EqualTo("Ana Lima"), "a formula gives its calculated value");
        Assert.That(ana.Department, Is.EqualTo("Sales"));
        var lee = await _test.Ledger.Db.People.SingleAsync(p => p.Email == "lee@example.com");
        Assert.That(lee.Status, Is.EqualTo(PersonStatus.Departed));
        Assert.That(lee.DepartedOn, Is.EqualTo(new DateOnly(2026, 3, 1)), "a date typed as an Excel date");
    }

    [Test]
    public async Task Workbook_ImportedTwice_TheSecondChangesNothing_AndADryRunWritesNothing()
    {
        var book = PeopleBook();

        var dry = await _test.Ledger.ImportInventoryAsync(new ImportFile("people", book, DryRun: true));
        var peopleAfterDryRun = await _test.Ledger.Db.People.CountAsync();
        await _test.Ledger.ImportInventoryAsync(new ImportFile("people", book));
        var again = await _test.Ledger.ImportInventoryAsync(new ImportFile("people", book));

        Assert.That(dry.Counts.Created, Is.EqualTo(2));
        Assert.That(peopleAfterDryRun, Is.Zero);
        Assert.That(again.Counts.Unchanged, Is.EqualTo(2));
        Assert.That(again.Counts.Created + again.Counts.Updated, Is.Zero);
    }

    [Test]
    public async Task TokensSheet_NumberStoredAsDecimal_DateCell_AndDateFormula()
    {
        await _test.Ledger.ImportInventoryAsync(new ImportFile("people", PeopleBook()));
        var book = Workbook("tokens.xlsx", b =>
        {
            var tokens = b.AddWorksheet("Tokens");
            Header(tokens, 1, "label", "kind", "owner", "account", "rotate_every_days", "issued", "last_rotated");
            tokens.Cell(2, 1).Value = "etl-token";
            tokens.Cell(2, 2).Value = "salesforce-security-token";
            tokens.Cell(2, 3).Value = "ana@example.com";
            tokens.Cell(2, 4).Value = "integration.sync@example.com";
            tokens.Cell(2, 5).Value = 90.0;
            tokens.Cell(2, 6).Value = new DateTime(2025, 3, 4);
            // A date worked out by a formula comes back as a number of days in a date format.
            tokens.Cell(2, 7).FormulaA1 = "=DATE(2026,10,15)";
            tokens.Cell(2, 7).Style.NumberFormat.Format = "dd/mm/yyyy";
        });

        var result = await _test.Ledger.ImportInventoryAsync(new ImportFile("tokens", book));

        Assert.That(result.Errors, Is.Empty, string.Join("; ", result.Errors));
        var token = await _test.Ledger.Db.Tokens.SingleAsync(t => t.Label == "etl-token");
        Assert.That(token.RotationPolicyDays, Is.EqualTo(90), "Excel stores 90 as 90.0");
        Assert.That(token.IssuedAt, Is.EqualTo(new DateTime(2025, 3, 4, 0, 0, 0, DateTimeKind.Utc)));
        Assert.That(token.LastRotatedAt, Is.EqualTo(new DateTime(2026, 10, 15, 0, 0, 0, DateTimeKind.Utc)));
    }

    [Test]
    public async Task BadRows_NamedByTheirSheetRow_AllOrNothing_UnlessSkipInvalid()
    {
        var book = Workbook("people.xlsx", b =>
        {
            var people = b.AddWorksheet("Staff");
            Header(people, 2, "email", "name");
            people.Cell(3, 1).Value = "ana@example.com";
            people.Cell(3, 2).Value = "Ana Lima";
            people.Cell(5, 1).Value = "not an address";
            people.Cell(5, 2).Value = "Nobody";
            people.Cell(6, 1).Value = "ben@example.com";
            people.Cell(6, 2).FormulaA1 = "=1/0";
        }, evaluateFormulas: false);
        // A formula whose cached value is an error, as a spreadsheet saves one.
        SetCachedError(book, "Staff", "B6", "#DIV/0!");

        var refused = await _test.Ledger.ImportInventoryAsync(new ImportFile("people", book));
        var skipped = await _test.Ledger.ImportInventoryAsync(new ImportFile("people", book, SkipInvalid: true));

        Assert.That(refused.Committed, Is.False);
        Assert.That(refused.Errors.Select(e => (e.Line, e.Field)), Is.EquivalentTo(new[] { (5L, "email"), (6L, "name") }));
        Assert.That(refused.Errors.Single(e => e.Line == 6).Reason, Does.Contain("#DIV/0!"));
        Assert.That(skipped.Committed, Is.True);
        Assert.That(skipped.Counts.Created, Is.EqualTo(1));
        Assert.That(await _test.Ledger.Db.People.Select(p => p.Email).ToListAsync(), Is.EqualTo(new[] { "ana@example.com" }));
    }

    /// <summary>Writes a formula's cached error value into the saved sheet, which ClosedXML itself cannot produce.</summary>
    private static void SetCachedError(string path, string sheet, string cell, string error)
    {
        using var document = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(path, isEditable: true);
        var workbookPart = document.WorkbookPart!;
        var id = workbookPart.Workbook.Descendants<DocumentFormat.OpenXml.Spreadsheet.Sheet>().Single(s => s.Name == sheet).Id!.Value!;
        var part = (DocumentFormat.OpenXml.Packaging.WorksheetPart)workbookPart.GetPartById(id);
        var target = part.Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Cell>().Single(c => c.CellReference == cell);
        target.DataType = DocumentFormat.OpenXml.Spreadsheet.CellValues.Error;
        target.CellValue = new DocumentFormat.OpenXml.Spreadsheet.CellValue(error);
        part.Worksheet.Save();
    }

    [Test]
    public async Task NamedTemplate_PicksItsSheetAmongOthers()
    {
        var book = Workbook("inventory.xlsx", b =>
        {
            Instructions(b);
            Header(b.AddWorksheet("Tokens"), 1, "label", "kind", "owner");
            var people = b.AddWorksheet("People");
            Header(people, 1, "email", "name");
            people.Cell(2, 1).Value = "ana@example.com";
            people.Cell(2, 2).Value = "Ana Lima";
        });

        var result = await _test.Ledger.ImportInventoryAsync(new ImportFile("people", book));

        Assert.That(result.Sheet, Is.EqualTo("People"));
        Assert.That(result.Counts.Created, Is.EqualTo(1));
    }

    [Test]
    public void NamedTemplate_NoSheetHasIt_RefusedListingTheSheets()
    {
        var book = Workbook("inventory.xlsx", b =>
        {
            Instructions(b);
            Header(b.AddWorksheet("Tokens"), 1, "label", "kind", "owner");
        });

        var refused = Assert.ThrowsAsync<ImportFileException>(() => _test.Ledger.ImportInventoryAsync(new ImportFile("people", book)));

        Assert.That(refused!.Message, Does.Contain("inventory.xlsx: no sheet has the people template's header (email, name)"));
        Assert.That(refused.Message, Does.Contain("Instructions (starts with One row per person").And.Contain("Tokens (starts with label, kind, owner)"));
    }

    [Test]
    public void OneSheetWithoutARequiredColumn_NamedAsTheCsvTemplateWouldBe()
    {
        var book = Workbook("people.xlsx", b =>
        {
            var people = b.AddWorksheet("People");
            Header(people, 1, "email", "full name");
            people.Cell(2, 1).Value = "ana@example.com";
        });

        var refused = Assert.ThrowsAsync<ImportFileException>(() => _test.Ledger.ImportInventoryAsync(new ImportFile("people", book)));

        Assert.That(refused!.Message, Does.StartWith(book + ", sheet People, row 1: the people template needs the column name"));
    }

    [Test]
    public void TwoSheetsWithTheSameTemplate_Refused()
    {
        var book = Workbook("people.xlsx", b =>
        {
            Header(b.AddWorksheet("People"), 1, "email", "name");
            Header(b.AddWorksheet("People 2025"), 1, "email", "name");
        });

        var refused = Assert.ThrowsAsync<ImportFileException>(() => _test.Ledger.ImportInventoryAsync(new ImportFile("auto", book)));

        Assert.That(refused!.Message, Does.Contain("the sheets People and People 2025 both have the people template's header"));
    }

    [Test]
    public void PlatformExportPastedIntoAWorkbook_RefusedAskingForCsv()
    {
        var book = Workbook("elf.xlsx", b => Header(b.AddWorksheet("Export"), 1, "EVENT_TYPE", "TIMESTAMP", "REQUEST_ID", "USER_ID", "USER_NAME", "SOURCE_IP"));

        var refused = Assert.ThrowsAsync<ImportFileException>(() => _test.Ledger.ImportInventoryAsync(new ImportFile("auto", book)));

        Assert.That(refused!.Message, Does.Contain("elf.xlsx, sheet Export: is an Excel workbook, and sf-elf files are read as CSV"));
    }

    [Test]
    public async Task WorkbookThatExpandsTooFar_RefusedBeforeItIsLoaded()
    {
        // A valid workbook with one part padded to beyond the limit: highly compressible, so the file stays small.
        var book = Workbook("big.xlsx", b => Header(b.AddWorksheet("People"), 1, "email", "name"));
        using (var zip = System.IO.Compression.ZipFile.Open(book, System.IO.Compression.ZipArchiveMode.Update))
        {
            await using var padding = zip.CreateEntry("xl/padding.bin").Open();
            var chunk = new byte[1 << 20];
            for (var i = 0; i < 17; i++)
                await padding.WriteAsync(chunk);
        }
        Assert.That(new FileInfo(book).Length, Is.LessThan(1 << 20));

        var refused = Assert.ThrowsAsync<ImportFileException>(() => _test.Ledger.ImportInventoryAsync(new ImportFile("people", book)));

        Assert.That(refused!.Message, Does.Contain("big.xlsx: the workbook expands to more than 16 MB"));
    }
}
