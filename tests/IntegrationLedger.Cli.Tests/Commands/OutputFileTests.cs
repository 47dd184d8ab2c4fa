using IntegrationLedger.Cli.Infrastructure;
using IntegrationLedger.Cli.Tests.Support;

namespace IntegrationLedger.Cli.Tests.Commands;

/// <summary>
/// What an export, a workbook or a rejected-rows file may replace, through the real <c>ledger</c> process: a
/// regular file or nothing. A device, a FIFO or a symbolic link at the name is refused before anything is
/// written, and is still there afterwards. New files are readable by their owner only; a replaced file keeps
/// its mode.
/// </summary>
[Category(TestProcess.Category)]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // FIFOs, devices, modes and mount namespaces are Unix's
public class OutputFileTests
{
    private const string ElfHeader = "EVENT_TYPE,TIMESTAMP,REQUEST_ID,USER_ID,USER_NAME,SOURCE_IP,LOGIN_STATUS";
    private const string BadElfRow = "Login,20261101000000.000,req-1,005xx0001,sync@example.com,192.0.2.10,LOGIN_NO_ERROR";

    private static readonly TimeSpan TimeAllowed = TimeSpan.FromSeconds(60);

    private CliRunner _cli = null!;

    [SetUp]
    public async Task CreateLedger() => _cli = await CliRunner.WithLedgerAsync();

    [TearDown]
    public void RemoveLedger() => _cli.Dispose();

    /// <summary>The three commands that write a file for people, each ending with its output option.</summary>
    private static readonly string[][] Outputs =
    [
        ["export", "events", "--format", "csv", "--out"],
        ["report", "quarterly", "--quarter", "2026-Q3", "--out"],
        ["import", "sf-elf", "{bad rows}", "--errors"],
    ];

    private string[] Command(string[] command, string output) =>
        [.. command.Select(a => a == "{bad rows}" ? BadRows() : a), output];

    private string BadRows()
    {
        var path = Path.Combine(_cli.Folder, "bad-rows.csv");
        File.WriteAllText(path, ElfHeader + "\n" + BadElfRow + "\n");
        return path;
    }

    /// <summary>The file type as <c>stat</c> names it ("character special file", "fifo", "regular file"), without following a link.</summary>
    private static async Task<string> TypeOf(string path)
    {
        var stat = await TestProcess.RunAsync("stat", ["-c", "%F", path]);
        Assert.That(stat.ExitCode, Is.Zero, stat.ToString());
        return stat.Out.Trim();
    }

    private async Task<MeasuredRun> RunAsync(string[] args)
    {
        var run = await MeasuredLedger.RunAsync(TimeAllowed, _cli.DatabasePath, args);
        Assert.That(run.TimedOut, Is.False, run.ToString());
        return run;
    }

    private async Task RefusedAsync(string[] command, string output, params string[] mentioned)
    {
        var run = await RunAsync(Command(command, output));
        Assert.That(run.Result.ExitCode, Is.EqualTo(ExitCodes.BadInput), run.ToString());
        Assert.That(run.Result.Error, Does.Contain(output));
        foreach (var text in mentioned)
            Assert.That(run.Result.Error, Does.Contain(text), run.ToString());
        Assert.That(run.Result.Error, Does.Not.Contain("   at "), "no stack trace");
        var folder = Path.GetDirectoryName(Path.GetFullPath(output))!;
        Assert.That(Directory.GetFiles(folder, $".{Path.GetFileName(output)}.*.tmp"), Is.Empty, "no temporary file left behind");
    }

    /// <summary>
    /// /dev/full's twin (character device 1,7) made in the test's folder where root can, so that a regression
    /// replaces the test's own node and not the machine's (root may rename over /dev/full, as the issue found);
    /// elsewhere /dev/full itself, which a user cannot replace.
    /// </summary>
    private async Task<string> CharacterDevice()
    {
        var path = Path.Combine(_cli.Folder, "full");
        var made = await TestProcess.RunAsync("mknod", [path, "c", "1", "7"]);
        return made.ExitCode == 0 ? path : "/dev/full";
    }

    [TestCaseSource(nameof(Outputs))]
    public async Task Output_ACharacterDevice_IsRefusedAndLeftADevice(string[] command)
    {
        var device = await CharacterDevice();

        await RefusedAsync(command, device, "character device");

        Assert.That(await TypeOf(device), Is.EqualTo("character special file"));
    }

    [TestCaseSource(nameof(Outputs))]
    public async Task Output_AFifo_IsRefusedWithoutBlockingAndLeftAFifo(string[] command)
    {
        var fifo = Path.Combine(_cli.Folder, "pipe.out");
        var made = await TestProcess.RunAsync("mkfifo", [fifo]);
        Assert.That(made.ExitCode, Is.Zero, made.ToString());

        await RefusedAsync(command, fifo, "FIFO");

        Assert.That(await TypeOf(fifo), Is.EqualTo("fifo"));
    }

    [Test]
    public async Task Output_ASymbolicLinkToAFile_IsRefusedAndBothAreLeftAsTheyWere()
    {
        var target = Path.Combine(_cli.Folder, "target.csv");
        await File.WriteAllTextAsync(target, "kept\n");
        var link = Path.Combine(_cli.Folder, "link.csv");
        File.CreateSymbolicLink(link, target);

        await RefusedAsync(Outputs[0], link, "symbolic link");

        Assert.That(await TypeOf(link), Is.EqualTo("symbolic link"));
        Assert.That(await File.ReadAllTextAsync(target), Is.EqualTo("kept\n"));
    }

    [TestCaseSource(nameof(Outputs))]
    public async Task Output_ANewFile_IsReadableByItsOwnerOnly(string[] command)
    {
        var output = Path.Combine(_cli.Folder, "new.out");

        var run = await RunAsync(Command(command, output));

        Assert.That(run.Result.Error, Does.Not.Contain("   at "), run.ToString());
        Assert.That(File.Exists(output), Is.True, run.ToString());
        Assert.That(File.GetUnixFileMode(output), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
    }

    private const UnixFileMode ShareableMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    [TestCaseSource(nameof(Outputs))]
    public async Task Output_ReplacingAShareableFile_KeepsItShareable(string[] command) =>
        await ReplacesKeepingModeAsync(command, ShareableMode);

    [Test]
    public async Task Output_ReplacingAnOwnerOnlyFile_KeepsItOwnerOnly() =>
        await ReplacesKeepingModeAsync(Outputs[0], UnixFileMode.UserRead | UnixFileMode.UserWrite);

    private async Task ReplacesKeepingModeAsync(string[] command, UnixFileMode mode)
    {
        var output = Path.Combine(_cli.Folder, "existing.out");
        await File.WriteAllTextAsync(output, "an older export\n");
        File.SetUnixFileMode(output, mode);

        var run = await RunAsync(Command(command, output));

        Assert.That(run.Result.Error, Does.Not.Contain("   at "), run.ToString());
        Assert.That(await File.ReadAllTextAsync(output), Is.Not.EqualTo("an older export\n"), "replaced");
        Assert.That(File.GetUnixFileMode(output), Is.EqualTo(mode));
    }
}
