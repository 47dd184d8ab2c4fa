using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using IntegrationLedger.Cli.Infrastructure;
using IntegrationLedger.Cli.Tests.Support;

namespace IntegrationLedger.Cli.Tests.Commands;

/// <summary>
/// Issue #19: a whole Event Monitoring download in one go. Several files and folders (recursively, compressed
/// files and zips of a download included), each file recognised and imported all or nothing on its own, one
/// table with a line per file and a total; types the ledger does not use set aside and counted by type in the
/// batch; a refused file named while the others are imported; the same text imported once; an empty folder
/// refused.
/// </summary>
public class ImportRunTests
{
    private CliRunner _cli = null!;

    private static string SampleText(string file) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "samples", "salesforce", file));

    [SetUp]
    public async Task CreateLedger() => _cli = await CliRunner.WithLedgerAsync();

    [TearDown]
    public void RemoveLedger() => _cli.Dispose();

    private string Write(string relative, string text) => Write(relative, Encoding.UTF8.GetBytes(text));

    private string Write(string relative, byte[] bytes)
    {
        var path = Path.Combine(_cli.Folder, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>The Login sample with every row's type replaced: a file of a type the ledger does not use.</summary>
    private static string OfType(string type, string sample = "elf-login.csv") =>
        SampleText(sample).Replace("\n\"Login\",", $"\n\"{type}\",", StringComparison.Ordinal);

    private static byte[] Gzip(string text)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
            gzip.Write(Encoding.UTF8.GetBytes(text));
        return buffer.ToArray();
    }

    private static byte[] Zip(params (string Name, string Text)[] members)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, text) in members)
            {
                using var entry = zip.CreateEntry(name).Open();
                entry.Write(Encoding.UTF8.GetBytes(text));
            }
        }
        return buffer.ToArray();
    }

    /// <summary>The output with the console's line wrapping undone.</summary>
    private static string Unwrapped(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ");

    private long Events() => _cli.ScalarRaw("SELECT count(*) FROM UsageEvents");

    private string? SetAsideOf(string fileName) => _cli.ScalarRawText($"SELECT SetAsideTypes FROM ImportBatches WHERE FileName = '{fileName}'");

    private string State() =>
        _cli.ScalarRawText("SELECT (SELECT count(*) FROM UsageEvents) || '/' || (SELECT count(*) FROM ImportBatches) || '/' || (SELECT count(*) FROM AuditEntries)")!;

    /// <summary>
    /// The table's line for a file (found by its first cell, or what wrapped of it): the cells between its box
    /// characters, trimmed, joined with what wrapped onto the lines below (those with no figure in Read).
    /// </summary>
    private static string[] LineOf(CliResult result, string name)
    {
        static string[] Cells(string line) => [.. line.Split('│', StringSplitOptions.TrimEntries).Where((_, i) => i > 0).SkipLast(1)];
        var rows = new List<string[]>();
        foreach (var line in result.Out.Split('\n').Where(l => l.StartsWith('│')).Select(Cells).Where(c => c.Length == 8))
        {
            if (line[2].Length > 0 || rows.Count == 0)
                rows.Add(line);
            else
                rows[^1] = [.. rows[^1].Zip(line, (a, b) => b.Length == 0 ? a : a.EndsWith('/') || a.EndsWith('-') ? a + b : a + " " + b)];
        }
        return rows.FirstOrDefault(r => r[0].Replace(" ", "", StringComparison.Ordinal).Contains(name.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal))
            ?? throw new AssertionException($"no line for {name} in\n{result.Out}");
    }

    [Test]
    public async Task DownloadFolder_EachFileImportedOnItsOwn_UnusedTypesSetAside_OneTableWithATotal()
    {
        Write("download/2026-11-28/Login.csv", SampleText("elf-login.csv"));
        Write("download/2026-11-28/API.csv", SampleText("elf-api.csv"));
        Write("download/2026-11-28/UITracking.csv", OfType("UITracking"));
        Write("download/2026-11-29/RestApi.csv.gz", Gzip(SampleText("elf-restapi.csv")));
        Write("download/2026-11-29/QueuedExecution.csv", OfType("QueuedExecution", "elf-api.csv").Replace("\n\"API\",", "\n\"QueuedExecution\",", StringComparison.Ordinal));

        var result = await _cli.LedgerAsync("import", "auto", Path.Combine(_cli.Folder, "download"));

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        var login = LineOf(result, "Login.csv");
        Assert.That(login[0], Does.EndWith("download/2026-11-28/Login.csv"), "named by the path as given");
        Assert.That(login[1..], Is.EqualTo(new[] { "sf-elf", "12", "12", "0", "0", "0", "" }), result.Out);
        Assert.That(LineOf(result, "UITracking.csv")[2..7], Is.EqualTo(new[] { "12", "0", "0", "12", "0" }), result.Out);
        Assert.That(LineOf(result, "UITracking.csv")[7], Is.EqualTo("set aside: UITracking 12"));
        Assert.That(LineOf(result, "QueuedExecution.csv")[5], Is.EqualTo("10"), "every row set aside");
        Assert.That(LineOf(result, "RestApi.csv.gz")[3], Is.EqualTo("10"), "a gzipped file of the download is read");
        Assert.That(LineOf(result, "total (5 files)")[2..7], Is.EqualTo(new[] { "54", "32", "0", "22", "0" }), result.Out);
        Assert.That(Unwrapped(result.Out), Does.Contain("3 imported, 2 set aside (types the ledger does not use). No file was refused."));
        Assert.That(Events(), Is.EqualTo(32));
        // The auditor sees what was received: a batch per file, the set-aside ones with their types.
        Assert.That(_cli.ScalarRaw("SELECT count(*) FROM ImportBatches"), Is.EqualTo(5));
        Assert.That(SetAsideOf("UITracking.csv"), Is.EqualTo("UITracking 12"));
        Assert.That(SetAsideOf("QueuedExecution.csv"), Is.EqualTo("QueuedExecution 10"));
        Assert.That(_cli.ScalarRaw("SELECT Counts_SetAside FROM ImportBatches WHERE FileName = 'UITracking.csv'"), Is.EqualTo(12));
        var audit = await _cli.LedgerAsync("audit", "log", "--json");
        Assert.That(audit.Out, Does.Contain("UITracking 12"), "the batch's audit entry names the types set aside");
        Assert.That((await _cli.LedgerAsync("audit", "verify")).ExitCode, Is.Zero);

        var again = await _cli.LedgerAsync("import", "auto", Path.Combine(_cli.Folder, "download"));
        Assert.That(again.ExitCode, Is.Zero, again.ToString());
        Assert.That(LineOf(again, "total (5 files)")[2..7], Is.EqualTo(new[] { "54", "0", "32", "22", "0" }), "idempotent: every used row a duplicate");
        Assert.That(Events(), Is.EqualTo(32));
    }

    [Test]
    public async Task MixedFile_KeepsTheRowsItUses_AndCountsTheRestByType()
    {
        var login = SampleText("elf-login.csv").TrimEnd('\n').Split('\n');
        // Two unused rows among the used ones, one of them late, after the fast count would have started.
        var mixed = new[] { login[0], login[1].Replace("\"Login\",", "\"LightningPageView\",", StringComparison.Ordinal) }
            .Concat(login[2..]).Append(login[3].Replace("\"Login\",", "\"ApexExecution\",", StringComparison.Ordinal).Replace("\",\"00Dxx", "x\",\"00Dxx", StringComparison.Ordinal));
        var path = Write("mixed.csv", string.Join('\n', mixed) + "\n");

        var result = await _cli.LedgerAsync("import", "auto", path);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Out, Does.Contain("read 13, added 11, duplicates 0, set aside 2 (ApexExecution 1, LightningPageView 1), rejected 0"));
        Assert.That(Events(), Is.EqualTo(11));
        Assert.That(SetAsideOf("mixed.csv"), Is.EqualTo("ApexExecution 1, LightningPageView 1"));
    }

    [Test]
    public async Task SetAsideFile_HashedAsTheReaderHashesIt_AndCountedThroughCrlfQuotedLineBreaksAndNoFinalNewline()
    {
        // Line breaks inside quotes, CRLF, a BOM and no final line end: the fast count must agree with the rows.
        var text = "\uFEFF\"EVENT_TYPE\",\"TIMESTAMP\",\"REQUEST_ID\",\"PAGE\"\r\n" +
            "\"UITracking\",\"20261128060000.000\",\"r1\",\"a\r\nb\"\r\n" +
            "\"UITracking\",\"20261128060001.000\",\"r2\",\"say \"\"hi\"\"\"\r\n" +
            "UITracking,20261128060002.000,r3,plain";
        var path = Write("ui.csv", text);

        var result = await _cli.LedgerAsync("import", "auto", path);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Out, Does.Contain("read 3, added 0, duplicates 0, set aside 3 (UITracking 3)"), "a file of an unused type needs none of the columns the ledger reads");
        Assert.That(_cli.ScalarRawText("SELECT Sha256 FROM ImportBatches"), Is.EqualTo(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)))));
    }

    [Test]
    public async Task UsedTypeFileWithoutItsColumns_StillRefusedNamingThem()
    {
        var path = Write("login.csv", "\"EVENT_TYPE\",\"TIMESTAMP\",\"REQUEST_ID\"\n\"Login\",\"20261128060000.000\",\"r1\"\n");

        var result = await _cli.LedgerAsync("import", "auto", path);

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.BadInput), result.ToString());
        Assert.That(result.Error, Does.Contain("lacks the required column USER_ID"));
        Assert.That(Events(), Is.Zero);
    }

    [Test]
    public async Task AValueThatIsNoTypeName_IsABadRowNotSetAside()
    {
        var login = SampleText("elf-login.csv").TrimEnd('\n').Split('\n');
        var path = Write("bad.csv", string.Join('\n', login.Take(3).Append(login[3].Replace("\"Login\",", "\"Log in!\",", StringComparison.Ordinal))) + "\n");

        var result = await _cli.LedgerAsync("import", "auto", path);

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.BadInput), result.ToString());
        Assert.That(result.Error, Does.Contain("bad.csv, line 4, EVENT_TYPE: 'Log in!' is not the name of an event type"));
        Assert.That(Events(), Is.Zero);
    }

    [Test]
    public async Task RefusedFiles_AreNamed_AndTheOthersAreStillImported_Exit2()
    {
        Write("run/a-Login.csv", SampleText("elf-login.csv"));
        Write("run/b-notes.csv", "title,body\nhello,world\n");
        File.CreateSymbolicLink(Path.Combine(_cli.Folder, "run", "c-gone.csv"), Path.Combine(_cli.Folder, "nowhere.csv"));
        var login = SampleText("elf-api.csv").TrimEnd('\n').Split('\n');
        Write("run/d-API.csv", string.Join('\n', login.Take(2).Append(login[2].Replace("\"API\",\"2026", "\"API\",\"notatime", StringComparison.Ordinal))) + "\n");
        Write("run/e-UITracking.csv", OfType("UITracking"));
        // Root reads any file whatever its mode; a file whose reads fail stands in for one it may not read.
        File.CreateSymbolicLink(Path.Combine(_cli.Folder, "run", "f-locked.csv"), "/proc/self/mem");

        var result = await _cli.LedgerAsync("import", "auto", Path.Combine(_cli.Folder, "run"));

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.BadInput), result.ToString());
        var verdict = Unwrapped(result.Out[result.Out.IndexOf("Refused, nothing", StringComparison.Ordinal)..]);
        Assert.That(verdict, Does.Contain("b-notes.csv").And.Contain("c-gone.csv").And.Contain("d-API.csv").And.Contain("f-locked.csv").And.Not.Contain("a-Login"));
        Assert.That(verdict, Does.Contain("the others were imported all the same"));
        Assert.That(result.Error, Does.Contain("b-notes.csv: line 1: the header matches none of the formats"));
        Assert.That(result.Error, Does.Contain("c-gone.csv: cannot be read (a symbolic link to nothing)"));
        Assert.That(result.Error, Does.Contain("d-API.csv, line 3, TIMESTAMP: 'notatime"));
        Assert.That(result.Error, Does.Contain("d-API.csv: 1 bad row(s); nothing of it was imported"));
        Assert.That(result.Error, Does.Contain("f-locked.csv: cannot be read"));
        Assert.That(Events(), Is.EqualTo(12), "the Login file went in; nothing of the refused API file did");
        Assert.That(SetAsideOf("e-UITracking.csv"), Is.EqualTo("UITracking 12"));
    }

    [Test]
    public async Task TheSameFileTwice_InOneRun_IsImportedOnce()
    {
        var login = Write("one/Login.csv", SampleText("elf-login.csv"));
        Write("two/Login-copy.csv", SampleText("elf-login.csv"));
        var zipped = Write("Login.csv.gz", Gzip(SampleText("elf-login.csv")));

        var result = await _cli.LedgerAsync("import", "auto", login, login, Path.Combine(_cli.Folder, "two"), zipped);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Out.Split('\n').Count(l => l.Contains("one/Login.csv", StringComparison.Ordinal) && l.Contains("sf-elf", StringComparison.Ordinal)), Is.EqualTo(1), "a path given twice is one file");
        Assert.That(LineOf(result, "Login-copy.csv")[7], Does.StartWith("the same text as ").And.Contain("one/Login.csv"));
        Assert.That(LineOf(result, "Login.csv.gz")[7], Does.StartWith("the same text as "), "compressed, the same text");
        Assert.That(LineOf(result, "Login-copy.csv")[3], Is.EqualTo("0"));
        Assert.That(_cli.ScalarRaw("SELECT count(*) FROM ImportBatches"), Is.EqualTo(1), "imported once");
        Assert.That(Events(), Is.EqualTo(12));
    }

    [Test]
    public async Task TheLedgersOwnFiles_InTheFolderImported_AreLeftAlone()
    {
        Write("Login.csv", SampleText("elf-login.csv"));

        var result = await _cli.LedgerAsync("import", "auto", _cli.Folder);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Out, Does.Contain("total (1 file)"), "the database, its log and its key are not read as exports");
        Assert.That(Events(), Is.EqualTo(12));
    }

    [Test]
    public async Task EmptyFolder_Exit2_SaysSo_ChangesNothing()
    {
        Directory.CreateDirectory(Path.Combine(_cli.Folder, "empty", "nested"));
        var before = State();

        var result = await _cli.LedgerAsync("import", "auto", Path.Combine(_cli.Folder, "empty"));

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.BadInput), result.ToString());
        Assert.That(result.Error, Does.Contain("empty: is a folder with no file to import in it"));
        Assert.That(State(), Is.EqualTo(before));
    }

    [Test]
    public async Task DryRun_ForTheWholeSet_WritesNothing_AndShowsWhatWouldBeAdded()
    {
        Write("dl/Login.csv", SampleText("elf-login.csv"));
        Write("dl/UITracking.csv", OfType("UITracking"));
        var before = State();

        var result = await _cli.LedgerAsync("import", "auto", Path.Combine(_cli.Folder, "dl"), "--dry-run");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Out, Does.StartWith("Dry run, nothing written"));
        Assert.That(LineOf(result, "Login.csv")[3], Is.EqualTo("12"));
        Assert.That(Unwrapped(result.Out), Does.Contain("1 would be imported, 1 set aside"));
        Assert.That(State(), Is.EqualTo(before));
    }

    [Test]
    public async Task ZipOfADownload_EachMemberImportedOnItsOwn()
    {
        var path = Write("download.zip", Zip(
            ("2026-11-28/Login.csv", SampleText("elf-login.csv")),
            ("2026-11-28/API.csv", SampleText("elf-api.csv")),
            ("2026-11-28/UITracking.csv", OfType("UITracking")),
            ("2026-11-28/README.txt", "This download was made on 2026-11-29.\n")));

        var result = await _cli.LedgerAsync("import", "auto", path);

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.BadInput), "the README in the zip is no export: refused, and named");
        Assert.That(LineOf(result, "member 2026-11-28/Login.csv")[3], Is.EqualTo("12"), result.Out);
        Assert.That(LineOf(result, "member 2026-11-28/UITracking.csv")[5], Is.EqualTo("12"));
        Assert.That(result.Error, Does.Contain("download.zip, member 2026-11-28/README.txt"));
        Assert.That(Events(), Is.EqualTo(22));
        Assert.That(_cli.ScalarRawText("SELECT FileName FROM ImportBatches WHERE SetAsideTypes IS NOT NULL"), Is.EqualTo("2026-11-28/UITracking.csv from download.zip"));
    }

    [Test]
    public async Task Json_GivesEachFileItsStatusAndFigures()
    {
        Write("dl/Login.csv", SampleText("elf-login.csv"));
        Write("dl/UITracking.csv", OfType("UITracking"));
        Write("dl/notes.csv", "a,b\n1,2\n");

        var result = await _cli.LedgerAsync("import", "auto", Path.Combine(_cli.Folder, "dl"), "--json");

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.BadInput), result.ToString());
        var files = result.Json.GetProperty("files").EnumerateArray().ToDictionary(f => Path.GetFileName(f.GetProperty("name").GetString()!));
        Assert.That(files["Login.csv"].GetProperty("status").GetString(), Is.EqualTo("Imported"));
        Assert.That(files["Login.csv"].GetProperty("added").GetInt64(), Is.EqualTo(12));
        Assert.That(files["UITracking.csv"].GetProperty("status").GetString(), Is.EqualTo("SetAside"));
        Assert.That(files["UITracking.csv"].GetProperty("setAsideTypes").GetProperty("UITracking").GetInt64(), Is.EqualTo(12));
        Assert.That(files["notes.csv"].GetProperty("status").GetString(), Is.EqualTo("Refused"));
        Assert.That(result.Json.GetProperty("total").GetProperty("read").GetInt64(), Is.EqualTo(24));
    }

    [Test]
    public async Task ErrorsFile_WithSeveralFiles_RefusedWithAdvice()
    {
        var a = Write("a.csv", SampleText("elf-login.csv"));
        var b = Write("b.csv", SampleText("elf-api.csv"));
        var before = State();

        var result = await _cli.LedgerAsync("import", "auto", a, b, "--errors", Path.Combine(_cli.Folder, "errors.csv"));

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.BadInput), result.ToString());
        Assert.That(result.Error, Does.Contain("--errors writes the rejected rows of one file"));
        Assert.That(State(), Is.EqualTo(before));
    }

    [Test]
    public async Task AFileOfAnUnusedTypeAlone_IsSetAside_Exit0()
    {
        var result = await _cli.LedgerAsync("import", "auto", Write("QueuedExecution.csv", OfType("QueuedExecution")));

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Out, Does.Contain("read 12, added 0, duplicates 0, set aside 12 (QueuedExecution 12), rejected 0"));
    }
}
