using System.Text;
using ClosedXML.Excel;
using IntegrationLedger.Cli.Infrastructure;
using IntegrationLedger.Cli.Tests.Support;
using IntegrationLedger.Domain.Auditing;
using Microsoft.Data.Sqlite;

namespace IntegrationLedger.Cli.Tests.Commands;

/// <summary>
/// The audit log changed with the sqlite3 shell, as someone with the file would: each edit, deletion,
/// insertion and reordering makes `ledger audit verify` exit 3 naming the entry; a consistent forgery that
/// drops the last entries verifies on its own but not against the head hash printed on a workbook's cover.
/// </summary>
[Category(TestProcess.Category)]
public class TamperEvidenceTests
{
    private CliRunner _cli = null!;

    [SetUp]
    public async Task LedgerWithHistory()
    {
        _cli = await CliRunner.WithLedgerAsync();
        foreach (var name in new[] { "ana", "ben", "chen", "dana", "eli" })
            Assert.That((await _cli.LedgerAsync("person", "add", "--email", $"{name}@example.com", "--name", name)).ExitCode, Is.Zero);
        // Entry 1 records the ledger's creation; entries 2-6 the five people.
    }

    [TearDown]
    public void RemoveLedger() => _cli.Dispose();

    /// <summary>Runs SQL through the sqlite3 command-line shell, behind the ledger's back.</summary>
    private async Task ShellAsync(string sql)
    {
        var shell = await TestProcess.RunAsync("sqlite3", [_cli.DatabasePath], input: sql);
        Assert.That(shell.ExitCode, Is.Zero, shell.ToString());
    }

    private static readonly object[] Tampering =
    [
        new object[] { "an edited actor", "UPDATE AuditEntries SET Actor = 'mallory' WHERE Sequence = 3;", 3 },
        new object[] { "an edited value", "UPDATE AuditEntries SET After = replace(After, 'chen@', 'mallory@') WHERE Sequence = 4;", 4 },
        new object[] { "a deleted entry", "DELETE FROM AuditEntries WHERE Sequence = 3;", 4 },
        new object[] { "an inserted entry", "UPDATE AuditEntries SET Sequence = Sequence + 100 WHERE Sequence >= 4; UPDATE AuditEntries SET Sequence = Sequence - 99 WHERE Sequence >= 100; " +
            "INSERT INTO AuditEntries SELECT 4, OccurredAt, 'mallory', Action, EntityType, EntityId, Before, After, Hash, Hash FROM AuditEntries WHERE Sequence = 3;", 4 },
        new object[] { "an entry appended", "INSERT INTO AuditEntries SELECT 7, OccurredAt, 'mallory', Action, EntityType, EntityId, Before, After, Hash, Hash FROM AuditEntries WHERE Sequence = 6;", 7 },
        new object[] { "two entries swapped", "UPDATE AuditEntries SET Sequence = -3 WHERE Sequence = 3; UPDATE AuditEntries SET Sequence = 3 WHERE Sequence = 4; UPDATE AuditEntries SET Sequence = 4 WHERE Sequence = -3;", 3 },
    ];

    [TestCaseSource(nameof(Tampering))]
    public async Task AuditVerify_CatchesTheChangeAtItsEntry(string what, string sql, int entry)
    {
        Assert.That((await _cli.LedgerAsync("audit", "verify")).ExitCode, Is.Zero, "the untouched chain verifies");

        await ShellAsync(sql);
        var verify = await _cli.LedgerAsync("audit", "verify");

        Assert.That(verify.ExitCode, Is.EqualTo(ExitCodes.IntegrityFailure), what);
        Assert.That(verify.Out + verify.Error, Does.Contain($"broken at entry {entry}"), what);
    }

    [Test]
    public async Task AConsistentForgeryWithoutTheLastEntries_VerifiesAlone_ButNotAgainstTheWorkbooksHeadHash()
    {
        _cli.Clock.SetUtcNow(new DateTimeOffset(2026, 7, 2, 9, 0, 0, TimeSpan.Zero));
        var workbook = Path.Combine(_cli.Folder, "q3.xlsx");
        Assert.That((await _cli.LedgerAsync("report", "quarterly", "--quarter", "2026-Q3", "--out", workbook)).ExitCode, Is.Zero);
        var command = CoverCommand(workbook);
        Assert.That(command, Does.StartWith("ledger audit verify --anchor 6:"));

        // Whoever has the file rewrites history: the last two people never existed, and every hash is recomputed.
        // Their rows go too, or verify would find two people that no entry created.
        await ShellAsync(ForgerySql(keepThrough: 4) + "DELETE FROM People WHERE Email IN ('dana@example.com', 'eli@example.com');");
        var alone = await _cli.LedgerAsync("audit", "verify");
        var anchored = await _cli.LedgerAsync("audit", "verify", "--anchor", command["ledger audit verify --anchor ".Length..]);

        Assert.That(alone.ExitCode, Is.Zero, "a consistent forgery verifies on its own; that is why the workbook carries the head hash");
        Assert.That(anchored.ExitCode, Is.EqualTo(ExitCodes.IntegrityFailure), anchored.ToString());
        Assert.That(anchored.Out + anchored.Error, Does.Contain("removed from the end").Or.Contain("rewritten"));
    }

    /// <summary>The text of the workbook cover's "Check later that the log was not rewritten" row.</summary>
    private static string CoverCommand(string workbook)
    {
        using var book = new XLWorkbook(workbook);
        return book.Worksheet("Cover").CellsUsed().Select(c => c.GetString()).Single(t => t.StartsWith("ledger audit verify --anchor", StringComparison.Ordinal));
    }

    /// <summary>SQL that keeps entries 1 to <paramref name="keepThrough"/>, changes their actor, and recomputes every hash.</summary>
    private string ForgerySql(long keepThrough)
    {
        using var connection = RawSql.Open(_cli.DatabasePath, SqliteOpenMode.ReadOnly);
        using var read = connection.CreateCommand();
        read.CommandText = "SELECT Sequence, OccurredAt, Action, EntityType, EntityId, Before, After FROM AuditEntries ORDER BY Sequence";
        using var rows = read.ExecuteReader();
        var sql = new StringBuilder($"DELETE FROM AuditEntries WHERE Sequence > {keepThrough};\n");
        var previous = new string('0', 64);
        while (rows.Read() && rows.GetInt64(0) <= keepThrough)
        {
            var occurredAt = DateTime.SpecifyKind(DateTime.Parse(rows.GetString(1), System.Globalization.CultureInfo.InvariantCulture), DateTimeKind.Utc);
            var forged = new AuditEntry(rows.GetInt64(0), occurredAt, "mallory", rows.GetString(2), rows.GetString(3), rows.GetString(4),
                rows.IsDBNull(5) ? null : rows.GetString(5), rows.IsDBNull(6) ? null : rows.GetString(6), previous);
            sql.Append(System.Globalization.CultureInfo.InvariantCulture, $"UPDATE AuditEntries SET Actor = 'mallory', PreviousHash = '{previous}', Hash = '{forged.Hash}' WHERE Sequence = {forged.Sequence};\n");
            previous = forged.Hash;
        }
        return sql.ToString();
    }
}
