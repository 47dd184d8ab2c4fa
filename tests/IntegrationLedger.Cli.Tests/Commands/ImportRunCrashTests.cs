using System.Diagnostics;
using System.Globalization;
using System.Text;
using IntegrationLedger.Cli.Tests.Support;

namespace IntegrationLedger.Cli.Tests.Commands;

/// <summary>
/// Issue #19: a run of many files killed part-way. Each file is all or nothing on its own, so the files
/// committed before the kill are whole (every batch holds exactly the events it counts, the chain verifies),
/// the file in hand left nothing, and the same command then imports the rest, adding each event once.
/// </summary>
[Category(TestProcess.Category)]
public class ImportRunCrashTests
{
    private const int Files = 60;
    private const int RowsPerFile = 2_000;

    private static void WriteDownload(string folder)
    {
        var start = new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var f = 0; f < Files; f++)
        {
            var text = new StringBuilder("EVENT_TYPE,TIMESTAMP,REQUEST_ID,USER_ID,USER_NAME,SOURCE_IP,LOGIN_STATUS\n");
            for (var i = 0; i < RowsPerFile; i++)
            {
                var n = f * RowsPerFile + i;
                text.Append(CultureInfo.InvariantCulture, $"Login,{start.AddSeconds(n):yyyyMMddHHmmss}.000,req-{n},005xx000001Sv7A,sync@example.com,192.0.2.10,LOGIN_NO_ERROR\n");
            }
            File.WriteAllText(Path.Combine(folder, $"Login-{f:D3}.csv"), text.ToString());
        }
    }

    [Test]
    public async Task RunKilledPartway_KeepsTheFilesCommitted_Whole_AndTheSameCommandImportsTheRest()
    {
        using var cli = await CliRunner.WithLedgerAsync();
        var download = Directory.CreateDirectory(Path.Combine(cli.Folder, "download")).FullName;
        WriteDownload(download);

        using (var import = TestProcess.StartLedger(cli.DatabasePath, "import", "auto", download))
        {
            // Killed once some files are in: their batches are committed, one by one, as the run goes.
            var watch = Stopwatch.StartNew();
            while (cli.ScalarRaw("SELECT count(*) FROM ImportBatches") < 5)
            {
                if (import.HasExited)
                    Assert.Fail($"the run finished (exit {import.ExitCode}) before it could be interrupted");
                Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromMinutes(1)));
                Thread.Sleep(1);
            }
            import.Kill(entireProcessTree: true);
            await import.WaitForExitAsync();
        }

        Assert.That(cli.ScalarRawText("PRAGMA integrity_check"), Is.EqualTo("ok"));
        var batches = cli.ScalarRaw("SELECT count(*) FROM ImportBatches");
        Assert.That(batches, Is.InRange(5, Files - 1), "killed part-way");
        Assert.That(cli.ScalarRaw("SELECT count(*) FROM UsageEvents"), Is.EqualTo(batches * RowsPerFile), "every committed file whole, nothing of the one in hand");
        Assert.That((await cli.LedgerAsync("audit", "verify")).ExitCode, Is.Zero, "each batch holds the events its audit entry counts");

        var again = await cli.LedgerAsync("import", "auto", download);
        Assert.That(again.ExitCode, Is.Zero, again.ToString());
        Assert.That(cli.ScalarRaw("SELECT count(*) FROM UsageEvents"), Is.EqualTo(Files * RowsPerFile), "the rest imported, each event once");
        Assert.That((await cli.LedgerAsync("audit", "verify")).ExitCode, Is.Zero);
    }
}
