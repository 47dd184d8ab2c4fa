using System.Text.RegularExpressions;
using ClosedXML.Excel;
using FluentValidation;
using IntegrationLedger.Application.Features.Reporting;
using IntegrationLedger.Application.Features.Settings;
using IntegrationLedger.Application.Features.Tokens;
using IntegrationLedger.Application.Features.Users;
using IntegrationLedger.Application.Tests.Support;
using IntegrationLedger.Domain.Reviews;
using IntegrationLedger.Domain.Users;

namespace IntegrationLedger.Application.Tests.Features.Reporting;

/// <summary>The workbook as a new auditor reads it: a readable change log with sign-ins apart, the thresholds in force, a quarter still running said to be so, and a guide.</summary>
public partial class ReadableWorkbookTests
{
    private static readonly Quarter Q3 = Quarter.Parse("2026-Q3");

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", RegexOptions.IgnoreCase)]
    private static partial Regex Guid();

    /// <summary>A token registered, used and reset in July, a threshold changed, a failed sign-in and a refused request; the clock then in October.</summary>
    private static async Task<TestLedger> LedgerAsync()
    {
        var test = await TestLedger.CreateAsync();
        await test.AddPersonAsync("ana@example.com", "Ana Lima");
        await test.AddIntegrationAsync("Nightly ETL", "ana@example.com");
        await test.AddTokenAsync("etl-token", "ana@example.com", secret: "First-Secret-Value-0001");
        await test.UseTokenAsync("etl-token", "Nightly ETL");
        test.Clock.Advance(TimeSpan.FromDays(4));
        await new SetSettingHandler(test.Ledger).HandleAsync(new SetSetting("rotation-overdue.grace-days", "45"));
        await new ResetTokenHandler(test.Ledger).HandleAsync(new ResetToken("etl-token"));
        await new RecordAccessHandler(test.Ledger).HandleAsync(new RecordAccess(AccessEventKind.SignInFailed, "auditor@example.com", "wrong password", "192.0.2.7"));
        await new RecordAccessHandler(test.Ledger).HandleAsync(new RecordAccess(AccessEventKind.Denied, "auditor@example.com", "POST /tokens", "192.0.2.7"));
        test.Clock.SetUtcNow(new DateTimeOffset(2026, 10, 5, 0, 0, 0, TimeSpan.Zero));
        return test;
    }

    private static async Task<XLWorkbook> BuildAsync(TestLedger test, Quarter quarter, string? organisation = "Example Corp")
    {
        var path = Path.Combine(test.Folder, $"{quarter}.xlsx");
        await new BuildQuarterlyReportHandler(test.Ledger).HandleAsync(new BuildQuarterlyReport(quarter, path, organisation));
        return new XLWorkbook(path);
    }

    private static List<Dictionary<string, string>> Rows(XLWorkbook workbook, string sheet)
    {
        var rows = workbook.Worksheet(sheet).RowsUsed().ToList();
        var headers = rows[0].CellsUsed().Select(c => c.GetString()).ToList();
        return rows.Skip(1).Select(r => headers.Select((h, i) => (h, r.Cell(i + 1).GetString())).ToDictionary(p => p.h, p => p.Item2)).ToList();
    }

    [Test]
    public async Task ChangeLog_IsOneReadableLinePerChange_WithNames_AndNoIdsOrJson()
    {
        await using var test = await LedgerAsync();

        using var workbook = await BuildAsync(test, Q3);

        var log = Rows(workbook, "Change log");
        var reset = log.Single(r => r["What"] == "reset a token" && r["Record"] == "token");
        Assert.That((reset["Name"], reset["Who"]), Is.EqualTo(("etl-token", "tester")));
        Assert.That(log.Single(r => r["What"] == "reset a token" && r["Record"] == "token use")["Change"], Does.Contain("state: current → pending-update"));
        Assert.That(reset["Change"], Does.Contain("secret: fingerprinted (ends …0001) → no fingerprint").And.Contain("last rotated: 2026-07-01 09:00 UTC → 2026-07-05 09:00 UTC"));
        Assert.That(log.Single(r => r["What"] == "registered a token" && r["Record"] == "token")["Change"], Does.Contain("owner: Ana Lima (ana@example.com)"));
        Assert.That(log.Single(r => r["What"] == "changed a setting")["Name"], Is.EqualTo("rotation-overdue.grace-days"));
        var text = string.Join("\n", log.SelectMany(r => r.Where(c => c.Key != "Hash").Select(c => c.Value)));
        Assert.That(Guid().IsMatch(text), Is.False, text);
        Assert.That(text, Does.Not.Contain("{\"").And.Not.Contain("(changed)"));
        Assert.That(log.Select(r => r["What"]), Has.None.Contains("sign in").And.None.Contains("refused"));
    }

    [Test]
    public async Task SignIns_AreOnASheetOfTheirOwn_AndTogetherWithTheChangesListEveryEntryOfThePeriod()
    {
        await using var test = await LedgerAsync();

        using var workbook = await BuildAsync(test, Q3);

        var signIns = Rows(workbook, "Sign-ins");
        Assert.That(signIns.Select(r => r["What"]), Is.EqualTo(new[] { "failed to sign in", "was refused a page or change their role does not allow" }));
        Assert.That(signIns[0]["Account"], Is.EqualTo("auditor@example.com"));
        Assert.That(signIns[0]["Details"], Does.Contain("from address: 192.0.2.7").And.Contain("detail: wrong password"));
        var listed = Rows(workbook, "Change log").Concat(signIns).Select(r => long.Parse(r["#"], System.Globalization.CultureInfo.InvariantCulture)).Order();
        var inPeriod = test.ScalarRaw($"SELECT count(*) FROM AuditEntries WHERE OccurredAt < '2026-10-01'");
        Assert.That(listed, Is.EqualTo(Enumerable.Range(1, (int)inPeriod).Select(i => (long)i)), "every entry of the period, on one sheet or the other");
    }

    [Test]
    public async Task Summary_CountsChangesWithoutSignIns_AndSignInsApart()
    {
        await using var test = await LedgerAsync();

        using var workbook = await BuildAsync(test, Q3);

        var figures = Rows(workbook, "Summary").ToDictionary(r => r["Figure"], r => r);
        var changes = test.ScalarRaw("SELECT count(*) FROM AuditEntries WHERE OccurredAt < '2026-10-01' AND Action NOT LIKE 'auth.%'");
        Assert.That(figures["Changes to the ledger in the quarter"]["Value"], Is.EqualTo(changes.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.That(figures["Sign-ins, sign-outs and refused requests in the quarter"]["Value"], Is.EqualTo("2"));
        Assert.That(figures["Sign-ins, sign-outs and refused requests in the quarter"]["Note"], Does.StartWith("2 failed or refused"));
    }

    [Test]
    public async Task Method_ShowsTheValueInForceBesideTheDefault_AndWhoChangedIt()
    {
        await using var test = await LedgerAsync();

        using var workbook = await BuildAsync(test, Q3);

        var method = Rows(workbook, "Method").ToDictionary(r => r["Rule"], r => r["Settings"]);
        Assert.That(method["rotation-overdue"], Is.EqualTo("rotation-overdue.grace-days: 45 days (default 0, changed by tester on 2026-07-05)"));
        Assert.That(method["stale"], Is.EqualTo("stale.days: 90 days (default 90)"));
    }

    [Test]
    public async Task AQuarterStillRunning_SaysItIsNotOver_OnTheCoverAndInEveryAtTheEndLabel()
    {
        await using var test = await LedgerAsync();

        using var running = await BuildAsync(test, Quarter.Parse("2026-Q4"));
        using var over = await BuildAsync(test, Q3);

        var cover = running.Worksheet("Cover").RowsUsed().Single(r => r.Cell(1).GetString() == "Quarter over");
        Assert.That(cover.Cell(2).GetString(), Does.StartWith("NO: as of 2026-10-05 00:00 UTC; the quarter ends on 2026-12-31."));
        Assert.That(cover.Cell(2).Style.Fill.BackgroundColor.Color.ToArgb() & 0xFFFFFF, Is.EqualTo(0xF8CBAD), "a visible warning");
        Assert.That(Rows(running, "Summary").Select(r => r["Figure"]), Does.Contain("Active tokens as of 2026-10-05 00:00 UTC; the quarter ends on 2026-12-31"));
        var cells = running.Worksheets.Where(w => !w.Name.StartsWith("Evidence", StringComparison.Ordinal)).SelectMany(w => w.CellsUsed()).Select(c => c.GetString());
        Assert.That(cells, Has.None.Contains("at the end of the quarter"));
        Assert.That(over.Worksheet("Cover").RowsUsed().Single(r => r.Cell(1).GetString() == "Quarter over").Cell(2).GetString(), Does.StartWith("yes"));
        Assert.That(Rows(over, "Summary").Select(r => r["Figure"]), Does.Contain("Active tokens at the end of the quarter"));
    }

    [Test]
    public async Task HowToRead_IsTheSecondSheet_AndExplainsEverySheetAndHowToVerify()
    {
        await using var test = await LedgerAsync();

        using var workbook = await BuildAsync(test, Q3);

        Assert.That(workbook.Worksheets.Select(w => w.Name).ElementAt(1), Is.EqualTo("How to read"));
        var guide = Rows(workbook, "How to read");
        Assert.That(guide.Select(r => r["Topic"]), Is.SupersetOf(workbook.Worksheets.Select(w => w.Name).Where(n => n != "How to read")));
        var text = string.Join("\n", guide.Select(r => r["Explanation"]));
        Assert.That(text, Does.Contain("audit verify --anchor").And.Contain("Tables match the audit log").And.Contain("head hash"));
    }

    [Test]
    public async Task TheOrganisationsName_KeptInTheLedger_IsOnTheCover_AndItsChangeIsAudited()
    {
        await using var test = await LedgerAsync();

        await new SetOrganisationNameHandler(test.Ledger).HandleAsync(new SetOrganisationName("  Acme Corp  "));

        using var workbook = await BuildAsync(test, Q3, organisation: null);
        Assert.That(workbook.Worksheet("Cover").Cell(2, 2).GetString(), Is.EqualTo("Acme Corp"));
        Assert.That(test.ScalarRawText("SELECT After FROM AuditEntries WHERE Action = 'settings.set' ORDER BY Sequence DESC LIMIT 1"), Does.Contain("\"Value\":\"Acme Corp\""));
        Assert.That(async () => await new SetOrganisationNameHandler(test.Ledger).HandleAsync(new SetOrganisationName("Two\nlines")),
            Throws.TypeOf<ValidationException>().With.Message.Contains("on one line"));
    }
}
