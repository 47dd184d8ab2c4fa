using ClosedXML.Excel;
using IntegrationLedger.Cli.Infrastructure;
using IntegrationLedger.Cli.Tests.Support;

namespace IntegrationLedger.Cli.Tests.Commands;

/// <summary><c>ledger report quarterly</c>'s sign-off: the names given on the command line, beside the cells they sign.</summary>
public class ReportQuarterlyCommandTests
{
    private CliRunner _cli = null!;

    [SetUp]
    public async Task CreateLedger()
    {
        _cli = await CliRunner.WithLedgerAsync();
        _cli.Clock.SetUtcNow(new DateTimeOffset(2026, 10, 2, 9, 0, 0, TimeSpan.Zero));
    }

    [TearDown]
    public void RemoveLedger() => _cli.Dispose();

    private static Dictionary<string, string> SignOff(string workbook)
    {
        using var book = new XLWorkbook(workbook);
        return book.Worksheet("Sign-off").RowsUsed().Skip(1).ToDictionary(r => r.Cell(1).GetString(), r => r.Cell(2).GetString());
    }

    [Test]
    public async Task Quarterly_WithPreparerAndReviewer_WritesTheirNamesOnTheSignOffSheet_LeavingTheSignaturesEmpty()
    {
        var workbook = Path.Combine(_cli.Folder, "q3.xlsx");

        var result = await _cli.LedgerAsync("report", "quarterly", "--quarter", "2026-Q3", "--out", workbook, "--preparer", " Ana Lima ", "--reviewer", "Gus Ortega (external audit)");

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), result.ToString());
        var signOff = SignOff(workbook);
        Assert.That(signOff["Preparer's name"], Is.EqualTo("Ana Lima"));
        Assert.That(signOff["Reviewer's name"], Is.EqualTo("Gus Ortega (external audit)"));
        Assert.That((signOff["Preparer's signature and date"], signOff["Reviewer's signature and date"], signOff["Reviewer's comments"]), Is.EqualTo(("", "", "")));
    }

    [Test]
    public async Task Quarterly_WithoutNames_LeavesThemToBeWrittenByHand()
    {
        var workbook = Path.Combine(_cli.Folder, "q3.xlsx");

        Assert.That((await _cli.LedgerAsync("report", "quarterly", "--quarter", "2026-Q3", "--out", workbook)).ExitCode, Is.EqualTo(ExitCodes.Success));

        var signOff = SignOff(workbook);
        Assert.That((signOff["Preparer's name"], signOff["Reviewer's name"]), Is.EqualTo(("", "")));
        Assert.That(signOff["Quarter"], Is.EqualTo("2026-Q3"));
    }
}
