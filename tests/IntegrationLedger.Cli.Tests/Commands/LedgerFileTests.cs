using System.Diagnostics;
using IntegrationLedger.Cli.Infrastructure;
using IntegrationLedger.Cli.Tests.Support;

namespace IntegrationLedger.Cli.Tests.Commands;

/// <summary>
/// What <c>--db</c> may name, through the real <c>ledger</c> process. Something that is not a regular file, or
/// an empty file, is refused before SQLite opens it (exit 2), and <c>init</c> makes a whole ledger of an empty
/// file. SQLite's own refusals each get one sentence naming the ledger and their exit code: a read-only ledger 2,
/// a damaged page 3 (the integrity failure of the contract). Never a stack trace or an inner exception's text.
/// </summary>
[Category(TestProcess.Category)]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // FIFOs, devices, modes and mount namespaces are Unix's
public class LedgerFileTests
{
    private static readonly TimeSpan TimeAllowed = TimeSpan.FromSeconds(60);

    private CliRunner _cli = null!;

    [SetUp]
    public async Task CreateLedger() => _cli = await CliRunner.WithLedgerAsync();

    [TearDown]
    public void RemoveLedger() => _cli.Dispose();

    private static async Task<ProcessResult> RunAsync(Process process)
    {
        var run = await MeasuredLedger.RunAsync(TimeAllowed, process);
        Assert.That(run.TimedOut, Is.False, run.ToString());
        Assert.That(run.Result.Output, Does.Not.Contain("   at ").And.Not.Contain("Unexpected error").And.Not.Contain("SQLite Error"), run.ToString());
        Assert.That(run.Result.Error.Trim().Split('\n'), Has.Length.EqualTo(1), "one sentence: " + run);
        return run.Result;
    }

    private static Task<ProcessResult> LedgerAsync(string database, params string[] args) =>
        RunAsync(TestProcess.StartLedger(database, args));

    private static async Task<ProcessResult> RefusedAsync(string database, string[] args, int exitCode, params string[] mentioned)
    {
        var result = await LedgerAsync(database, args);
        Assert.That(result.ExitCode, Is.EqualTo(exitCode), result.ToString());
        foreach (var text in mentioned)
            Assert.That(result.Error, Does.Contain(text), result.ToString());
        return result;
    }

    private string EmptyFile()
    {
        var path = Path.Combine(_cli.Folder, "empty.db");
        File.WriteAllBytes(path, []);
        return path;
    }

    [Test]
    public async Task AnEmptyFile_IsRefusedAndLeftEmpty()
    {
        var empty = EmptyFile();

        await RefusedAsync(empty, ["person", "add", "--email", "ana@example.com", "--name", "Ana Lima"], ExitCodes.BadInput,
            $"{empty} is empty: not a ledger", "init");

        Assert.That(new FileInfo(empty).Length, Is.Zero);
        Assert.That(File.Exists(empty + ".key"), Is.False);
    }

    [Test]
    public async Task AnEmptyFile_Init_MakesAWholeLedgerWhoseChainVerifies()
    {
        var empty = EmptyFile();

        var init = await TestProcess.RunLedgerAsync(empty, "init");
        var added = await TestProcess.RunLedgerAsync(empty, "person", "add", "--email", "ana@example.com", "--name", "Ana Lima");
        var verify = await TestProcess.RunLedgerAsync(empty, "audit", "verify");

        Assert.That(init.ExitCode, Is.Zero, init.ToString());
        Assert.That(init.Out, Does.Contain("Created ledger"));
        Assert.That(File.Exists(empty + ".key"), Is.True, "its key");
        Assert.That(added.ExitCode, Is.Zero, added.ToString());
        Assert.That(RawSql.ScalarText(empty, "SELECT Action FROM AuditEntries ORDER BY Sequence LIMIT 1"), Is.EqualTo("ledger.init"));
        Assert.That(verify.ExitCode, Is.Zero, verify.ToString());
    }

    private static readonly string[][] Commands = [["person", "list"], ["init"]];

    [TestCaseSource(nameof(Commands))]
    public async Task DevNull_IsRefusedAsADevice(string[] command) =>
        await RefusedAsync("/dev/null", command, ExitCodes.BadInput, "/dev/null is a character device, not a ledger");

    [TestCaseSource(nameof(Commands))]
    public async Task AFifo_IsRefusedWithoutOpeningIt(string[] command)
    {
        var fifo = Path.Combine(_cli.Folder, "pipe.db");
        var made = await TestProcess.RunAsync("mkfifo", [fifo]);
        Assert.That(made.ExitCode, Is.Zero, made.ToString());

        await RefusedAsync(fifo, command, ExitCodes.BadInput, $"{fifo} is a FIFO (named pipe), not a ledger");

        Assert.That(File.Exists(fifo + ".key"), Is.False, "no key made for it");
    }

    [TestCaseSource(nameof(Commands))]
    public async Task AFolder_IsRefusedSayingSo(string[] command)
    {
        var folder = Directory.CreateDirectory(Path.Combine(_cli.Folder, "ledgers")).FullName;

        await RefusedAsync(folder, command, ExitCodes.BadInput, $"{folder} is a folder, not a ledger");

        Assert.That(File.Exists(folder + ".key"), Is.False, "no key made for it");
    }

    [Test]
    public async Task ADamagedPage_ExitsThreeSayingTheLedgerIsDamaged()
    {
        var added = await _cli.LedgerAsync("person", "add", "--email", "ana@example.com", "--name", "Ana Lima");
        Assert.That(added.ExitCode, Is.Zero, added.ToString());
        Assert.That(File.Exists(_cli.DatabasePath + "-wal"), Is.False, "everything is in the file itself");
        OverwritePagesAfterTheFirst(_cli.DatabasePath);

        foreach (var command in new[] { new[] { "person", "list" }, ["audit", "verify"] })
            await RefusedAsync(_cli.DatabasePath, command, ExitCodes.IntegrityFailure, $"The ledger {_cli.DatabasePath} is damaged", "integrity_check");
    }

    /// <summary>Every page but the first (the header and the schema) filled with noise, as a failing disk might leave them.</summary>
    private static void OverwritePagesAfterTheFirst(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
        var header = new byte[18];
        file.ReadExactly(header);
        var pageSize = (header[16] << 8) | header[17];
        if (pageSize == 1)
            pageSize = 65536;
        var noise = new byte[file.Length - pageSize];
        new Random(11).NextBytes(noise);
        file.Position = pageSize;
        file.Write(noise);
    }

    /// <summary>
    /// Runs the ledger with <paramref name="path"/> (its file or its folder) read-only. Root writes whatever the
    /// mode bits say, so as root the path is bind-mounted read-only in a mount namespace of the process's own;
    /// otherwise its write permission is taken away for the run.
    /// </summary>
    private async Task<ProcessResult> ReadOnlyAsync(string path, params string[] args)
    {
        if (Environment.UserName == "root")
        {
            return await RunAsync(TestProcess.Start("unshare",
                ["--mount", "--propagation", "private", "sh", "-c", "mount --bind -o ro \"$0\" \"$0\" && exec \"$@\"", path,
                 "dotnet", TestProcess.LedgerDll, "--db", _cli.DatabasePath, .. args]));
        }
        var mode = File.GetUnixFileMode(path);
        File.SetUnixFileMode(path, mode & ~(UnixFileMode.UserWrite | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite));
        try
        {
            return await LedgerAsync(_cli.DatabasePath, args);
        }
        finally
        {
            File.SetUnixFileMode(path, mode);
        }
    }

    [Test]
    public async Task AReadOnlyLedgerFile_AChange_ExitsTwoAndChangesNothing()
    {
        var result = await ReadOnlyAsync(_cli.DatabasePath, "person", "add", "--email", "ana@example.com", "--name", "Ana Lima");

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.BadInput), result.ToString());
        Assert.That(result.Error, Does.Contain($"Cannot change the ledger {_cli.DatabasePath}: the file or its folder is read-only"));
        Assert.That(_cli.ScalarRaw("SELECT count(*) FROM People"), Is.Zero);
    }

    [Test]
    public async Task AReadOnlyFolder_ExitsTwoSayingTheLedgerCannotBeOpened()
    {
        var result = await ReadOnlyAsync(_cli.Folder, "person", "add", "--email", "ana@example.com", "--name", "Ana Lima");

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.BadInput), result.ToString());
        Assert.That(result.Error, Does.Contain($"the ledger {_cli.DatabasePath}"));
        Assert.That(result.Error, Does.Contain("read-only").Or.Contain("is the folder writable"));
        Assert.That(_cli.ScalarRaw("SELECT count(*) FROM People"), Is.Zero);
    }
}
