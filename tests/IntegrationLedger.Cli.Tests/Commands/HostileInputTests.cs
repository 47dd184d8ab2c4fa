using System.Text;
using IntegrationLedger.Cli.Infrastructure;
using IntegrationLedger.Cli.Tests.Support;

namespace IntegrationLedger.Cli.Tests.Commands;

/// <summary>
/// Input built to exhaust the importer, given to the real <c>ledger</c> process: a header of a million columns,
/// an endless device, a sparse file of zeros, a FIFO. Each is refused with exit code 2 and one sentence naming
/// the file, within seconds, and with the process' peak memory bounded. Before the limits, the million-column
/// header took 21 s and 3.4 GB, /dev/zero 25 s and 4.3 GB, and the FIFO waited for ever.
/// </summary>
[Category(TestProcess.Category)]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // FIFOs, devices, modes and mount namespaces are Unix's
public class HostileInputTests
{
    /// <summary>A start of the runtime and a refusal (about 90 MB measured); far below the gigabytes the input once cost.</summary>
    private const long PeakBytesAllowed = 300L * 1024 * 1024;

    private static readonly TimeSpan TimeAllowed = TimeSpan.FromSeconds(60);

    private CliRunner _cli = null!;

    [SetUp]
    public async Task CreateLedger() => _cli = await CliRunner.WithLedgerAsync();

    [TearDown]
    public void RemoveLedger() => _cli.Dispose();

    private async Task<MeasuredRun> RefusedAsync(string file, params string[] mentioned)
    {
        var run = await MeasuredLedger.RunAsync(TimeAllowed, _cli.DatabasePath, "import", "auto", file);
        TestContext.Out.WriteLine(run);
        Assert.That(run.TimedOut, Is.False, $"refused within {TimeAllowed.TotalSeconds} s (a loaded machine's margin; it takes about two): {run}");
        Assert.That(run.Result.ExitCode, Is.EqualTo(ExitCodes.BadInput), run.ToString());
        Assert.That(run.Result.Error, Does.Contain(file));
        foreach (var text in mentioned)
            Assert.That(run.Result.Error, Does.Contain(text), run.ToString());
        Assert.That(run.Result.Error.Trim().Split('\n'), Has.Length.EqualTo(1), "one sentence, no stack trace");
        Assert.That(run.PeakBytes, Is.LessThan(PeakBytesAllowed), run.ToString());
        Assert.That(_cli.ScalarRaw("SELECT count(*) FROM ImportBatches"), Is.Zero);
        return run;
    }

    [Test]
    public async Task Import_AMillionColumnHeader_IsRefusedQuicklyInBoundedMemory()
    {
        var path = Path.Combine(_cli.Folder, "wide.csv");
        var header = new StringBuilder("EVENT_TYPE,TIMESTAMP,REQUEST_ID,USER_ID");
        for (var i = 0; i < 1_000_000; i++)
            header.Append(",Col").Append(i);
        await File.WriteAllTextAsync(path, header + "\nLogin,20261101000000.000,req-1,005xx000001Sv7A\n");
        Assert.That(new FileInfo(path).Length, Is.GreaterThan(8_000_000), "the issue's 8.9 MB file, near enough");

        await RefusedAsync(path, "line 1", "header");
    }

    [Test]
    public async Task Import_DevZero_IsRefusedAsADevice() =>
        await RefusedAsync("/dev/zero", "character device");

    [Test]
    public async Task Import_ASparseTwoGigabyteFile_IsRefusedAtItsFirstNulByte()
    {
        var path = Path.Combine(_cli.Folder, "sparse.csv");
        using (var file = File.Create(path))
            file.SetLength(2L << 30);

        await RefusedAsync(path, "line 1", "NUL");
    }

    [Test]
    public async Task Import_AFifo_IsRefusedWithoutWaitingForAWriter()
    {
        var path = Path.Combine(_cli.Folder, "pipe.csv");
        var made = await TestProcess.RunAsync("mkfifo", [path]);
        Assert.That(made.ExitCode, Is.Zero, made.ToString());

        await RefusedAsync(path, "FIFO");
    }
}
