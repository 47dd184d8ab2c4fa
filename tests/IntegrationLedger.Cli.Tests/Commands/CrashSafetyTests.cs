using System.Diagnostics;
using System.Text;
using IntegrationLedger.Cli.Tests.Support;

namespace IntegrationLedger.Cli.Tests.Commands;

/// <summary>
/// The ledger killed with SIGKILL in the middle of an import or a report: afterwards the database is intact,
/// holds nothing of the interrupted batch, the audit chain verifies, and the same command then succeeds.
/// </summary>
[Category(TestProcess.Category)]
[NonParallelizable] // Each kill must land inside a window of a second or so: nothing else runs beside it.
public class CrashSafetyTests
{
    /// <summary>Enough rows for the import to take a few seconds, so that it can be caught in the middle.</summary>
    private const int Rows = 150_000;

    /// <summary>
    /// Enough events for the workbook to take over a second to write, so that it can be caught in the middle; its
    /// Evidence sheet holds every one, so more would only make each run slower (the export keeps <see cref="Rows"/>).
    /// </summary>
    private const int WorkbookRows = 30_000;

    /// <summary>The scale, run on demand by <c>benchmarks/crash-million.sh</c> (about two minutes).</summary>
    private const int MillionRows = 1_000_000;

    private static string LoginFile(string folder, int rows = Rows)
    {
        var path = Path.Combine(folder, "logins.csv");
        var text = new StringBuilder("EVENT_TYPE,TIMESTAMP,REQUEST_ID,USER_ID,USER_NAME,SOURCE_IP,LOGIN_STATUS\n");
        var start = new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < rows; i++)
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"Login,{start.AddSeconds(i):yyyyMMddHHmmss}.000,req-{i},005xx000001Sv7A,sync@example.com,192.0.2.10,LOGIN_NO_ERROR\n");
        File.WriteAllText(path, text.ToString());
        return path;
    }

    /// <summary>
    /// Waits until <paramref name="condition"/> holds (the process is mid-way), or fails after a minute. It looks
    /// every millisecond on the test's own thread, as the moment to catch can be a fraction of a second long.
    /// </summary>
    private static void WaitUntil(Func<bool> condition, Process process)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            if (process.HasExited)
                Assert.Fail($"the command finished (exit {process.ExitCode}) before it could be interrupted:\n{process.StandardOutput.ReadToEnd()}{process.StandardError.ReadToEnd()}");
            Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromMinutes(1)));
            Thread.Sleep(1);
        }
    }

    /// <summary>The length of a file, or 0 when there is (no longer) one.</summary>
    private static long LengthOf(string path)
    {
        try
        {
            return new FileInfo(path).Length;
        }
        catch (FileNotFoundException)
        {
            return 0;
        }
    }

    [TestCase(1L << 20, Description = "early in the write")]
    [TestCase(8L << 20, Description = "well into it")]
    public Task Import_KilledPartway_LeavesNothingOfItAndCanBeRunAgain(long walBytes) => ImportKilledPartwayAsync(Rows, walBytes);

    // A million-row import writes about 270 MB of write-ahead log before it commits; these stop it at its
    // start, and about a quarter, half, three quarters and nine tenths of the way through.
    [Explicit("a million rows, about two minutes: run by benchmarks/crash-million.sh")]
    [Category("Million")]
    [TestCase(1L << 20)]
    [TestCase(64L << 20)]
    [TestCase(128L << 20)]
    [TestCase(192L << 20)]
    [TestCase(240L << 20)]
    public Task Import_OfAMillionRows_KilledPartway_LeavesNothingOfItAndCanBeRunAgain(long walBytes) => ImportKilledPartwayAsync(MillionRows, walBytes);

    private static async Task ImportKilledPartwayAsync(int rows, long walBytes)
    {
        using var cli = await CliRunner.WithLedgerAsync();
        var database = cli.DatabasePath;
        var file = LoginFile(cli.Folder, rows);

        using (var import = TestProcess.StartLedger(database, "import", "sf-elf", file))
        {
            // The write-ahead log grows as the uncommitted import writes its rows.
            WaitUntil(() => LengthOf(database + "-wal") >= walBytes, import);
            import.Kill(entireProcessTree: true);
            await import.WaitForExitAsync();
        }

        Assert.That(cli.ScalarRawText("PRAGMA integrity_check"), Is.EqualTo("ok"));
        Assert.That(cli.ScalarRaw("SELECT count(*) FROM UsageEvents"), Is.Zero);
        Assert.That(cli.ScalarRaw("SELECT count(*) FROM ImportBatches"), Is.Zero);
        Assert.That((await cli.LedgerAsync("audit", "verify")).ExitCode, Is.Zero);

        var again = await cli.LedgerAsync("import", "sf-elf", file, "--json");
        Assert.That(again.ExitCode, Is.Zero, again.Error);
        Assert.That(again.Json.GetProperty("counts").GetProperty("added").GetInt64(), Is.EqualTo(rows));
        Assert.That(cli.ScalarRawText("PRAGMA integrity_check"), Is.EqualTo("ok"), "after the rerun");
    }

    [TestCase(WorkbookRows, "q4.xlsx", "report", "quarterly", "--quarter", "2026-Q4", "--out")]
    [TestCase(Rows, "events.csv", "export", "events", "--format", "csv", "--out")]
    public async Task ReportOrExport_KilledPartway_LeavesNoFileUnderItsName_AndRunsAgain(int rows, string name, params string[] command)
    {
        using var cli = await CliRunner.WithLedgerAsync();
        cli.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 29, 0, 0, 0, TimeSpan.Zero));
        var database = cli.DatabasePath;
        Assert.That((await cli.LedgerAsync("import", "sf-elf", LoginFile(cli.Folder, rows))).ExitCode, Is.Zero);
        var target = Path.Combine(cli.Folder, name);

        using (var writer = TestProcess.StartLedger(database, [.. command, target]))
        {
            // Killed while the file is being written under its temporary name.
            WaitUntil(() => Directory.GetFiles(cli.Folder, $".{name}.*.tmp").Any(f => LengthOf(f) > 0), writer);
            writer.Kill(entireProcessTree: true);
            await writer.WaitForExitAsync();
        }

        Assert.That(File.Exists(target), Is.False, "a file appears under its name only once complete");
        var again = await cli.LedgerAsync([.. command, target]);
        Assert.That(again.ExitCode, Is.Zero, again.ToString());
        if (name.EndsWith(".csv", StringComparison.Ordinal))
            Assert.That(File.ReadLines(target).Count(), Is.EqualTo(rows + 1), "every event and the header");
        else
            Assert.That(() => new ClosedXML.Excel.XLWorkbook(target).Dispose(), Throws.Nothing, "the rerun's workbook opens");
    }
}
