using ClosedXML.Excel;
using IntegrationLedger.Application.Common.Security;
using IntegrationLedger.Cli.Infrastructure;
using IntegrationLedger.Cli.Tests.Support;

namespace IntegrationLedger.Cli.Tests.Commands;

/// <summary>
/// The tables changed with SQL behind the ledger's back, leaving the audit log alone, as someone with the file
/// would: the chain still holds, but `ledger audit verify` replays it, finds that the tables no longer hold what
/// it records, names each difference (table, row, field, both values) and exits 3; the workbook's cover says so.
/// Each case runs on a copy of the demonstration ledger with an auditor's web account added.
/// </summary>
public class TablesAgainstLogTests
{
    private static readonly DateTimeOffset DemoTime = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);
    private const string AuditorEmail = "auditor@example.com";

    private CliRunner _cli = null!;

    [SetUp]
    public async Task DemoLedger()
    {
        _cli = new CliRunner();
        _cli.Clock.SetUtcNow(DemoTime);
        await LedgerTemplates.CopyAsync("demo-with-auditor", MakeDemoAsync, _cli.DatabasePath);
    }

    [TearDown]
    public void RemoveLedger() => _cli.Dispose();

    private static async Task MakeDemoAsync(string databasePath)
    {
        using var maker = new CliRunner();
        maker.Clock.SetUtcNow(DemoTime);
        var folder = Path.Combine(maker.Folder, "demo");
        var demo = await maker.RunAsync(["demo", "--out", folder]);
        var built = Path.Combine(folder, "ledger.db");
        var auditor = await maker.RunAsync(["--db", built, "user", "add", AuditorEmail, "--role", "auditor"], "correct horse battery staple\n");
        if (demo.ExitCode != 0 || auditor.ExitCode != 0)
            throw new InvalidOperationException($"The demonstration ledger could not be made:\n{demo}\n{auditor}");
        // A whole copy, write-ahead log included, into the file the template keeps.
        RawSql.Execute(built, $"VACUUM INTO '{databasePath.Replace("'", "''", StringComparison.Ordinal)}'");
        File.Copy(LedgerKey.KeyFilePathFor(built), LedgerKey.KeyFilePathFor(databasePath));
    }

    private string Id(string sql) => _cli.ScalarRawText(sql) ?? throw new InvalidOperationException($"No row for {sql}");

    [Test]
    public async Task AuditVerify_UntouchedDemoLedger_HoldsWithNoDifferences()
    {
        var verify = await _cli.LedgerAsync("audit", "verify", "--json");

        Assert.That(verify.ExitCode, Is.EqualTo(ExitCodes.Success), verify.ToString());
        Assert.That(verify.Json.GetProperty("holds").GetBoolean(), Is.True);
        Assert.That(verify.Json.GetProperty("differences").GetArrayLength(), Is.Zero);
        Assert.That(_cli.ScalarRaw("SELECT count(*) FROM ImportBatches WHERE EventsDigest IS NULL"), Is.Zero, "every batch of this version keeps its digest");
        Assert.That((await _cli.LedgerAsync("audit", "verify")).Out, Does.Contain("The tables hold what it records"));
    }

    [Test]
    public async Task AuditVerify_TokenRenamed_NamesTheTokenAndBothLabels()
    {
        var id = Id("SELECT lower(Id) FROM Tokens WHERE Label = 'etl-token'");
        _cli.ExecuteRaw("UPDATE Tokens SET Label = 'harmless-token' WHERE Label = 'etl-token'");

        await ExitsThreeNamingAsync($"Tokens: row {id} (\"harmless-token\"), Label: the audit log says \"etl-token\", the table says \"harmless-token\".");
    }

    [Test]
    public async Task AuditVerify_TokenRevokedBehindItsBack_NamesTheStatus()
    {
        var id = Id("SELECT lower(Id) FROM Tokens WHERE Label = 'etl-password'");
        _cli.ExecuteRaw("UPDATE Tokens SET Status = 'Revoked' WHERE Label = 'etl-password'");

        await ExitsThreeNamingAsync($"Tokens: row {id} (\"etl-password\"), Status: the audit log says \"Active\", the table says \"Revoked\".");
    }

    [Test]
    public async Task AuditVerify_UsageDeleted_NamesTheMissingRow()
    {
        var id = Id("SELECT lower(Id) FROM TokenUsages ORDER BY Id LIMIT 1");
        _cli.ExecuteRaw($"DELETE FROM TokenUsages WHERE lower(Id) = '{id}'");

        await ExitsThreeNamingAsync($"TokenUsages: row {id}");
        await ExitsThreeNamingAsync("is in the audit log, but not in the table.");
    }

    [Test]
    public async Task AuditVerify_AuditorPromotedToAdmin_NamesTheAccountAndRole()
    {
        var id = Id($"SELECT lower(Id) FROM Users WHERE Email = '{AuditorEmail}'");
        _cli.ExecuteRaw($"UPDATE Users SET Role = 'Admin' WHERE Email = '{AuditorEmail}'");

        await ExitsThreeNamingAsync($"Users: row {id} (\"{AuditorEmail}\"), Role: the audit log says \"Auditor\", the table says \"Admin\".");
    }

    [Test]
    public async Task AuditVerify_FindingDeleted_NamesTheMissingFinding()
    {
        var id = Id("SELECT lower(Id) FROM Findings ORDER BY Id LIMIT 1");
        _cli.ExecuteRaw($"DELETE FROM Findings WHERE lower(Id) = '{id}'");

        await ExitsThreeNamingAsync($"Findings: row {id}");
    }

    [Test]
    public async Task AuditVerify_EventsDeletedFromABatch_NamesTheBatchAndBothCounts()
    {
        var batch = Id("SELECT BatchId FROM UsageEvents GROUP BY BatchId HAVING count(*) >= 3 ORDER BY BatchId LIMIT 1");
        var recorded = _cli.ScalarRaw($"SELECT count(*) FROM UsageEvents WHERE BatchId = '{batch}'");
        _cli.ExecuteRaw($"DELETE FROM UsageEvents WHERE Id IN (SELECT Id FROM UsageEvents WHERE BatchId = '{batch}' ORDER BY Id LIMIT 2)");

        await ExitsThreeNamingAsync($"UsageEvents of import batch {batch.ToLowerInvariant()}");
        await ExitsThreeNamingAsync($": {recorded - 2} events, where its audit entry recorded {recorded}.");
    }

    [Test]
    public async Task AuditVerify_AnEventsFieldChanged_NamesItsBatchsDigest()
    {
        var batch = Id("SELECT BatchId FROM UsageEvents ORDER BY Id DESC LIMIT 1");
        _cli.ExecuteRaw("UPDATE UsageEvents SET SourceIp = '192.0.2.10' WHERE Id = (SELECT max(Id) FROM UsageEvents)");

        var verify = await ExitsThreeNamingAsync($"UsageEvents of import batch {batch.ToLowerInvariant()}");
        Assert.That(verify.Error, Does.Contain("the events' digest is").And.Contain("(events were changed, added or removed)"));
        Assert.That(verify.Error, Does.Not.Contain("events, where its audit entry recorded"), "the count still holds; only the digest can tell");
    }

    [Test]
    public async Task AuditVerify_RowInsertedWithoutAnEntry_NamesIt()
    {
        _cli.ExecuteRaw("INSERT INTO People (Id, Email, Name, Status, CreatedAt) VALUES ('01A22463-0000-7000-8000-000000000001', 'mallory@example.com', 'Mallory', 'Active', '2026-11-28 23:00:00')");

        await ExitsThreeNamingAsync("People: row 01a22463-0000-7000-8000-000000000001 (\"mallory@example.com\") is in the table, but no audit entry created it.");
    }

    [Test]
    public async Task AuditVerify_FingerprintPlanted_SaysOnlyThatItIsSet()
    {
        const string planted = "5f2b9c0d1e3a4f5b6c7d8e9fa0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9";
        _cli.ExecuteRaw($"UPDATE Tokens SET Fingerprint = '{planted}' WHERE Label = 'etl-token'");

        var verify = await ExitsThreeNamingAsync("Fingerprint: the audit log says (empty), the table says (set).");
        Assert.That(verify.Out + verify.Error, Does.Not.Contain(planted));
    }

    [Test]
    public async Task AuditVerify_SignInBookkeepingChanged_IsNoDifference()
    {
        _cli.ExecuteRaw($"UPDATE Users SET LastSignInAt = '2026-11-29 08:00:00', SecurityStamp = 'another-stamp' WHERE Email = '{AuditorEmail}'");

        var verify = await _cli.LedgerAsync("audit", "verify");

        Assert.That(verify.ExitCode, Is.EqualTo(ExitCodes.Success), verify.ToString());
    }

    [Test]
    public async Task AuditVerifyJson_SeveralChanges_ListsEveryDifference()
    {
        _cli.ExecuteRaw("UPDATE Tokens SET Label = 'harmless-token' WHERE Label = 'etl-token'");
        _cli.ExecuteRaw($"UPDATE Users SET Role = 'Admin' WHERE Email = '{AuditorEmail}'");
        _cli.ExecuteRaw("DELETE FROM Findings WHERE Id = (SELECT min(Id) FROM Findings)");

        var verify = await _cli.LedgerAsync("audit", "verify", "--json");

        Assert.That(verify.ExitCode, Is.EqualTo(ExitCodes.IntegrityFailure), verify.ToString());
        var json = verify.Json;
        Assert.That(json.GetProperty("chainHolds").GetBoolean(), Is.True);
        Assert.That(json.GetProperty("holds").GetBoolean(), Is.False);
        var differences = json.GetProperty("differences").EnumerateArray().ToList();
        Assert.That(differences.Select(d => (d.GetProperty("table").GetString(), d.GetProperty("field").GetString())),
            Is.EquivalentTo(new (string?, string?)[] { ("Tokens", "Label"), ("Users", "Role"), ("Findings", null) }));
        var role = differences.Single(d => d.GetProperty("table").GetString() == "Users");
        Assert.That((role.GetProperty("logValue").GetString(), role.GetProperty("tableValue").GetString()), Is.EqualTo(("\"Auditor\"", "\"Admin\"")));
    }

    [Test]
    public async Task Workbook_AfterTheTablesWereChanged_CoverNamesTheDifferences()
    {
        _cli.ExecuteRaw($"UPDATE Users SET Role = 'Admin' WHERE Email = '{AuditorEmail}'");
        var workbook = Path.Combine(_cli.Folder, "q4.xlsx");

        var report = await _cli.LedgerAsync("report", "quarterly", "--quarter", "2026-Q4", "--out", workbook);

        Assert.That(report.ExitCode, Is.EqualTo(ExitCodes.Success), report.ToString());
        // The console wraps the line of sheet names; where it breaks depends on how many sheets there are.
        Assert.That(System.Text.RegularExpressions.Regex.Replace(report.Out, @"\s+", " "), Does.Contain("NOT verified"));
        using var book = new XLWorkbook(workbook);
        var cover = book.Worksheet("Cover");
        var row = cover.CellsUsed().Single(c => c.GetString() == "Tables match the audit log").WorksheetRow();
        var value = row.Cell(2).GetString();
        Assert.That(value, Does.StartWith("NO: 1 difference:"));
        Assert.That(value, Does.Contain($"(\"{AuditorEmail}\"), Role: the audit log says \"Auditor\", the table says \"Admin\"."));
    }

    [Test]
    public async Task Workbook_UntouchedLedger_CoverSaysTheTablesMatch()
    {
        var workbook = Path.Combine(_cli.Folder, "q4.xlsx");

        Assert.That((await _cli.LedgerAsync("report", "quarterly", "--quarter", "2026-Q4", "--out", workbook)).ExitCode, Is.Zero);

        using var book = new XLWorkbook(workbook);
        var row = book.Worksheet("Cover").CellsUsed().Single(c => c.GetString() == "Tables match the audit log").WorksheetRow();
        Assert.That(row.Cell(2).GetString(), Is.EqualTo("yes"));
    }

    private async Task<CliResult> ExitsThreeNamingAsync(string difference)
    {
        var verify = await _cli.LedgerAsync("audit", "verify");
        Assert.That(verify.ExitCode, Is.EqualTo(ExitCodes.IntegrityFailure), verify.ToString());
        Assert.That(verify.Error, Does.Contain("The audit chain holds").And.Contain(difference), verify.ToString());
        return verify;
    }
}
