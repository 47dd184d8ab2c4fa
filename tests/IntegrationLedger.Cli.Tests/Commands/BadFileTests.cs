using System.Text;
using IntegrationLedger.Cli.Infrastructure;
using IntegrationLedger.Cli.Tests.Support;

namespace IntegrationLedger.Cli.Tests.Commands;

/// <summary>
/// Files that cannot be imported, and places that cannot be written, each met through the command line
/// as a user would meet them: exit code 2, a message naming the file (and the line and field where there
/// is one), no stack trace, and a ledger exactly as it was.
/// </summary>
public class BadFileTests
{
    private const string ElfHeader = "EVENT_TYPE,TIMESTAMP,REQUEST_ID,USER_ID,USER_NAME,SOURCE_IP,LOGIN_STATUS";
    private const string ElfRow = "Login,20261101000000.000,req-1,005xx000001Sv7A,sync@example.com,192.0.2.10,LOGIN_NO_ERROR";

    private CliRunner _cli = null!;

    [SetUp]
    public async Task CreateLedgerWithSomeHistory()
    {
        _cli = await CliRunner.WithLedgerAsync();
        await _cli.LedgerAsync("person", "add", "--email", "ana@example.com", "--name", "Ana Lima");
        var first = await _cli.LedgerAsync("import", "sf-elf", Write("first.csv", ElfHeader + "\n" + ElfRow + "\n"));
        Assert.That(first.ExitCode, Is.Zero, first.ToString());
    }

    [TearDown]
    public void RemoveLedger() => _cli.Dispose();

    private string Write(string name, string text) => Write(name, Encoding.UTF8.GetBytes(text));

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_cli.Folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>Every table the commands here could touch, counted, with the audit log's length.</summary>
    private string State()
    {
        return _cli.ScalarRawText("SELECT (SELECT count(*) FROM UsageEvents) || '/' || (SELECT count(*) FROM ImportBatches) || '/' || " +
            "(SELECT count(*) FROM People) || '/' || (SELECT count(*) FROM Integrations) || '/' || (SELECT count(*) FROM AuditEntries)")!;
    }

    private async Task<CliResult> RefusedAsync(string[] args, params string[] mentioned)
    {
        var before = State();
        var result = await _cli.LedgerAsync(args);
        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.BadInput), result.ToString());
        foreach (var text in mentioned)
            Assert.That(result.Error, Does.Contain(text), result.ToString());
        Assert.That(result.Error, Does.Not.Contain("   at ").And.Not.Contain("Unexpected"), "a plain message, not a crash");
        // One message: the problem, and for a bad row the summary line that follows it.
        Assert.That(result.Error.Trim().Split('\n'), Has.Length.LessThanOrEqualTo(2), result.Error);
        Assert.That(State(), Is.EqualTo(before), "the ledger is unchanged");
        Assert.That(Directory.GetFiles(_cli.Folder, "*.tmp"), Is.Empty, "no temporary file left behind");
        return result;
    }

    [Test]
    public async Task EmptyFile() =>
        await RefusedAsync(["import", "sf-elf", Write("empty.csv", "")], "empty.csv", "empty");

    [Test]
    public async Task HeaderOnly() =>
        await RefusedAsync(["import", "sf-elf", Write("header.csv", ElfHeader + "\n")], "header.csv, line 2", "no rows");

    [Test]
    public async Task HeaderOnly_InventoryTemplate() =>
        await RefusedAsync(["import", "people", Write("people.csv", "email,name,department,departed_on\n")], "people.csv, line 2", "no rows");

    [Test]
    public async Task WrongFormatForTheCommand() =>
        await RefusedAsync(["import", "sf-oauth-tokens", Write("elf.csv", ElfHeader + "\n" + ElfRow + "\n")], "elf.csv, line 1", "AppName");

    [Test]
    public async Task TruncatedLastLine() =>
        await RefusedAsync(["import", "sf-elf", Write("cut.csv", ElfHeader + "\n" + ElfRow + "\nLogin,20261101000001.000,req-2,005xx")], "cut.csv, line 3, row", "truncated");

    [Test]
    public async Task UnclosedQuote() =>
        await RefusedAsync(["import", "sf-elf", Write("quote.csv", ElfHeader + "\n" + ElfRow + "\nLogin,20261101000001.000,req-2,005xx000001Sv7A,\"sync@example.com,192.0.2.10,LOGIN_NO_ERROR\n")],
            "quote.csv, line 3, row", "never closed");

    [Test]
    public async Task BinaryGarbage()
    {
        var bytes = new byte[4096];
        new Random(6).NextBytes(bytes);
        var result = await RefusedAsync(["import", "auto", Write("garbage.bin", bytes)], "garbage.bin");
        Assert.That(result.Error.Trim().Split('\n'), Has.Length.EqualTo(1), "one line, not a screen of bytes");
        Assert.That(result.Error.Any(c => char.IsControl(c) && c != '\n' && c != '\r'), Is.False);
    }

    [Test]
    public async Task Latin1Text() =>
        await RefusedAsync(["import", "sf-elf", Write("latin1.csv", Encoding.Latin1.GetBytes(ElfHeader + "\n" + ElfRow.Replace("sync@", "jos\u00e9@", StringComparison.Ordinal) + "\n"))],
            "latin1.csv, line 2, USER_NAME", "UTF-8");

    [Test]
    public async Task AValueOverTheLimitInAColumnTheLedgerKeeps() =>
        await RefusedAsync(["import", "sf-elf", Write("huge.csv", ElfHeader + "\n" + ElfRow.Replace("sync@example.com", new string('x', 100 << 10), StringComparison.Ordinal) + "\n")],
            "huge.csv, line 2, USER_NAME", "102,400 bytes");

    [Test]
    public async Task TenMegabyteRecord() =>
        await RefusedAsync(["import", "sf-elf", Write("huge.csv", ElfHeader + "\n" + ElfRow + "\n" + ElfRow.Replace("sync@example.com", new string('x', 10 << 20), StringComparison.Ordinal) + "\n")],
            "huge.csv, line 3", "longer than 1,048,576 bytes");

    [Test]
    public async Task ANulByteInARecord() =>
        await RefusedAsync(["import", "sf-elf", Write("nul.csv", ElfHeader + "\n" + ElfRow + "\n" + ElfRow.Replace("req-1", "req-\0", StringComparison.Ordinal) + "\n")],
            "nul.csv, line 3", "NUL byte");

    [Test]
    public async Task ANulByteInTheHeader() =>
        await RefusedAsync(["import", "auto", Write("nul.csv", ElfHeader.Replace("USER_ID", "USER\0ID", StringComparison.Ordinal) + "\n" + ElfRow + "\n")],
            "nul.csv, line 1", "NUL byte");

    [Test]
    public async Task MoreColumnsThanTheLimit() =>
        await RefusedAsync(["import", "sf-elf", Write("wide.csv", ElfHeader + string.Concat(Enumerable.Range(1, 994).Select(i => $",X{i}")) + "\n" + ElfRow + "\n")],
            "wide.csv, line 1", "1,001 columns", "at most 1,000");

    [Test]
    public async Task AHeaderOverItsByteLimit() =>
        await RefusedAsync(["import", "sf-elf", Write("long.csv", ElfHeader + "," + new string('X', 70_000) + "\n" + ElfRow + ",\n")],
            "long.csv, line 1", "70,073 bytes", "at most 65,536");

    [Test]
    public async Task DuplicateHeaders() =>
        await RefusedAsync(["import", "sf-elf", Write("twice.csv", ElfHeader + ",USER_ID\n" + ElfRow + ",005xx000001Sv7A\n")], "twice.csv, line 1, column USER_ID", "more than once");

    [Test]
    public async Task DateInTheWrongFormat() =>
        await RefusedAsync(["import", "sf-elf", Write("date.csv", ElfHeader + "\n" + ElfRow.Replace("20261101000000.000", "01/11/2026 00:00", StringComparison.Ordinal) + "\n")],
            "date.csv, line 2, TIMESTAMP", "01/11/2026 00:00");

    [Test]
    public async Task TimeWithoutItsZone() =>
        await RefusedAsync(["import", "sf-login-history", Write("setup.csv", "Username,Login Time,Source IP,Status,Application\nsync@example.com,11/28/2026 6:00 AM,192.0.2.10,Success,AcmeSync\n")],
            "setup.csv, line 2, Login Time", "--time-zone");

    [Test]
    public async Task UnknownZone() =>
        await RefusedAsync(["import", "sf-elf", Write("zone.csv", ElfHeader + "\n" + ElfRow + "\n"), "--time-zone", "Mars/Olympus"], "Mars/Olympus");

    [Test]
    public async Task IdOfTheWrongLength() =>
        await RefusedAsync(["import", "sf-elf", Write("id.csv", ElfHeader + "\n" + ElfRow.Replace("005xx000001Sv7A", "005xx0001", StringComparison.Ordinal) + "\n")],
            "id.csv, line 2, USER_ID", "005xx0001");

    [Test]
    public async Task FormulaInATextField() =>
        await RefusedAsync(["import", "integrations", Write("integrations.csv", "name,vendor,owner,purpose\nNightly ETL,\"=HYPERLINK(\"\"http://example.com\"\",\"\"x\"\")\",ana@example.com,exports\n")],
            "integrations.csv, line 2, vendor", "formula");

    [Test]
    public async Task MissingFile() =>
        await RefusedAsync(["import", "sf-elf", Path.Combine(_cli.Folder, "nowhere.csv")], "nowhere.csv");

    [Test]
    public async Task AFolderWithNothingToImport()
    {
        // A folder is a run of the files in it (ImportRunTests); one holding none is refused.
        var folder = Directory.CreateDirectory(Path.Combine(_cli.Folder, "nothing-here")).FullName;
        await RefusedAsync(["import", "sf-elf", folder], folder, "folder");
    }

    [Test]
    public async Task UnreadableFile()
    {
        var path = Write("locked.csv", ElfHeader + "\n" + ElfRow + "\n");
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, UnixFileMode.None);
        // Root reads any file whatever its mode; a file whose reads fail stands in for it there.
        var target = Environment.UserName == "root" ? "/proc/self/mem" : path;
        await RefusedAsync(["import", "sf-elf", target], target);
    }

    private static readonly string[][] Outputs =
    [
        ["export", "events", "--format", "csv", "--out"],
        ["report", "quarterly", "--quarter", "2026-Q3", "--out"],
        ["import", "sf-elf", "{input}", "--errors"],
    ];

    [TestCaseSource(nameof(Outputs))]
    public async Task OutputInAMissingFolder(string[] command)
    {
        var missing = Path.Combine(_cli.Folder, "no-such-folder", "out.file");
        await RefusedAsync(WithInput([.. command, missing]), missing, "does not exist");
    }

    [TestCaseSource(nameof(Outputs))]
    public async Task OutputInAnUnwritableFolder(string[] command)
    {
        // /proc refuses new files even to root, where a folder's permission bits would not.
        const string unwritable = "/proc/out.file";
        await RefusedAsync(WithInput([.. command, unwritable]), unwritable, "cannot write");
    }

    private string[] WithInput(string[] args) =>
        [.. args.Select(a => a == "{input}" ? Write("bad-rows.csv", ElfHeader + "\n" + ElfRow.Replace("005xx000001Sv7A", "005xx0001", StringComparison.Ordinal) + "\n") : a)];

    [Test]
    public async Task ARowWiderThanItsHeader() =>
        await RefusedAsync(["import", "sf-elf", Write("wide-row.csv", ElfHeader + "\n" + ElfRow + ",surplus\n")], "wide-row.csv, line 2, row", "8 fields where the header has 7");

    [Test]
    public async Task AsManyColumnsAsTheLimit_TheKnownOnesAreRead()
    {
        var extra = Enumerable.Range(1, 993).ToList();
        var path = Write("wide.csv", ElfHeader + "," + string.Join(",", extra.Select(i => $"X{i}")) + "\n"
            + ElfRow.Replace("req-1", "req-wide", StringComparison.Ordinal) + "," + string.Join(",", extra.Select(i => i % 2 == 0 ? "" : "x")) + "\n");

        var result = await _cli.LedgerAsync("import", "sf-elf", path, "--json");

        Assert.That(result.ExitCode, Is.Zero, result.Error);
        Assert.That(result.Json.GetProperty("counts").GetProperty("added").GetInt64(), Is.EqualTo(1));
    }

    [Test]
    public async Task Utf16WithoutAByteOrderMark_IsReadLikeUtf8()
    {
        var path = Write("utf16.csv", Encoding.Unicode.GetBytes(ElfHeader + "\n" + ElfRow.Replace("req-1", "req-2", StringComparison.Ordinal) + "\n"));

        var result = await _cli.LedgerAsync("import", "sf-elf", path, "--json");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Json.GetProperty("counts").GetProperty("added").GetInt64(), Is.EqualTo(1));
    }
}
