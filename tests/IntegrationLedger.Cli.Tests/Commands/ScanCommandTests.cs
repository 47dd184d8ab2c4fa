using System.IO.Compression;
using System.Text;
using ClosedXML.Excel;
using IntegrationLedger.Cli.Infrastructure;
using IntegrationLedger.Cli.Tests.Support;

namespace IntegrationLedger.Cli.Tests.Commands;

/// <summary><c>ledger scan</c> as a user runs it: exit codes, what it prints, what it records, and what it never lets out.</summary>
public class ScanCommandTests
{
    private const string Secret = "Xy7kQ2mP9vL4sT8wR3nB6cD1";

    private CliRunner _cli = null!;
    private string _tree = null!;

    [SetUp]
    public async Task LedgerWithARegisteredToken()
    {
        _cli = await CliRunner.WithLedgerAsync();
        await _cli.LedgerAsync("person", "add", "--email", "ana@example.com", "--name", "Ana Lima");
        var added = await _cli.LedgerWithInputAsync(Secret, "token", "add", "--label", "etl-token", "--kind", "salesforce-security-token",
            "--owner", "ana@example.com", "--secret-stdin");
        Assert.That(added.ExitCode, Is.Zero, added.ToString());
        _tree = Directory.CreateDirectory(Path.Combine(_cli.Folder, "repo")).FullName;
        Write("README.md", "# Sync job\nRun it nightly.\n");
    }

    [TearDown]
    public void RemoveLedger() => _cli.Dispose();

    private string Write(string relative, string text)
    {
        var path = Path.Combine(_tree, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    private void PlantSecret() => Write("deploy/prod.env", $"SF_USER=sync@example.com\nSF_PASSWORD=Winter2026!{Secret}\n");

    [Test]
    public async Task CleanTree_ExitsZero_AndCountsWhatItRead()
    {
        var result = await _cli.LedgerAsync("scan", _tree);

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), result.ToString());
        Assert.That(result.Out, Does.Contain("Read 1 file(s)").And.Contain("No registered secret found (the ledger knows 1, current and past)."));
    }

    [Test]
    public async Task PlantedSecret_ExitsFour_NamingFileLineColumnTokenAndWhatToDo()
    {
        PlantSecret();

        var result = await _cli.LedgerAsync("scan", _tree);

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.SecretFound), result.ToString());
        var place = Path.Combine(_tree, "deploy", "prod.env") + ":2:24: ";
        var line = result.Out.Split('\n').Single(l => l.StartsWith(place, StringComparison.Ordinal));
        Assert.That(line, Does.Contain("token 'etl-token' (salesforce-security-token, owned by ana@example.com, active); value ending …6cD1").And.Contain("current"));
        Assert.That(result.Out, Does.Contain("It is live: reset it now"));
        Assert.That(result.Out, Does.Contain("Found 1 registered secret(s)."));
    }

    [Test]
    public async Task Json_GivesTheHitsAndTheCountsInAStableShape()
    {
        PlantSecret();
        File.WriteAllBytes(Path.Combine(_tree, "tool.bin"), [1, 0, 2, 0]);

        var result = await _cli.LedgerAsync("scan", _tree, "--json");

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.SecretFound), result.ToString());
        var json = result.Json;
        var hit = json.GetProperty("found")[0];
        Assert.That(hit.GetProperty("file").GetString(), Is.EqualTo(Path.Combine(_tree, "deploy", "prod.env")));
        Assert.That((hit.GetProperty("line").GetInt64(), hit.GetProperty("column").GetInt64()), Is.EqualTo((2L, 24L)));
        Assert.That(hit.GetProperty("member").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null));
        Assert.That(hit.GetProperty("token").GetProperty("label").GetString(), Is.EqualTo("etl-token"));
        Assert.That(hit.GetProperty("token").GetProperty("kind").GetString(), Is.EqualTo("salesforce-security-token"));
        Assert.That(hit.GetProperty("secret").GetProperty("state").GetString(), Is.EqualTo("current"));
        Assert.That(hit.GetProperty("secret").GetProperty("ending").GetString(), Is.EqualTo("6cD1"));
        Assert.That(hit.GetProperty("advice").GetString(), Does.StartWith("It is live"));
        var counts = json.GetProperty("counts");
        Assert.That(counts.GetProperty("filesRead").GetInt64(), Is.EqualTo(2));
        Assert.That(counts.GetProperty("skippedBinary").GetInt32(), Is.EqualTo(1));
        Assert.That(counts.GetProperty("found").GetInt32(), Is.EqualTo(1));
        Assert.That(json.GetProperty("skipped")[0].GetProperty("reason").GetString(), Is.EqualTo("binary"));
    }

    [Test]
    public async Task SecretInsideAZip_IsNamedByArchiveAndMember()
    {
        using (var zip = ZipFile.Open(Path.Combine(_tree, "config.zip"), ZipArchiveMode.Create))
        {
            using var writer = new StreamWriter(zip.CreateEntry("app/settings.yaml").Open());
            writer.Write($"salesforce:\n  token: {Secret}\n");
        }

        var result = await _cli.LedgerAsync("scan", _tree);

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.SecretFound), result.ToString());
        Assert.That(result.Out, Does.Contain(Path.Combine(_tree, "config.zip") + "!app/settings.yaml:2:10: token 'etl-token'"));
    }

    [Test]
    public async Task Record_OpensOneCriticalFinding_ListedByFindingsAndInTheWorkbook_AndAScanAgainDoesNotDuplicateIt()
    {
        PlantSecret();

        var first = await _cli.LedgerAsync("scan", _tree, "--record");
        var again = await _cli.LedgerAsync("scan", _tree, "--record");
        var findings = await _cli.LedgerAsync("findings", "--rule", "secret-exposed", "--json");
        var workbook = Path.Combine(_cli.Folder, "q3.xlsx");
        var report = await _cli.LedgerAsync("report", "quarterly", "--quarter", "2026-Q3", "--out", workbook);

        Assert.That(first.ExitCode, Is.EqualTo(ExitCodes.SecretFound), first.ToString());
        Assert.That(first.Out, Does.Contain("Recorded: 1 secret-exposed finding(s) opened, 0 already open"));
        Assert.That(again.Out, Does.Contain("Recorded: 0 secret-exposed finding(s) opened, 1 already open"));
        Assert.That(findings.ExitCode, Is.Zero, findings.ToString());
        var finding = findings.Json.EnumerateArray().Single();
        Assert.That(finding.GetProperty("severity").GetString(), Is.EqualTo("critical"));
        Assert.That(finding.GetProperty("status").GetString(), Is.EqualTo("open"), "running the rules leaves a recorded finding open");
        Assert.That(finding.GetProperty("subject").GetString(), Is.EqualTo($"etl-token @ {Path.Combine(_tree, "deploy", "prod.env")}:2:24"));
        Assert.That(finding.GetProperty("summary").GetString(), Does.Contain("line 2, column 24").And.Contain("its current value (ends …6cD1)"));
        Assert.That(first.Out, Does.Contain("finding " + finding.GetProperty("id").GetString()));
        Assert.That(_cli.ScalarRaw("SELECT count(*) FROM AuditEntries WHERE Action = 'scan.record'"), Is.EqualTo(1), "the second scan changed nothing");

        Assert.That(report.ExitCode, Is.Zero, report.ToString());
        using var book = new XLWorkbook(workbook);
        var rows = book.Worksheet("Findings").RowsUsed().Select(r => string.Join("|", r.Cells().Select(c => c.GetString()))).ToList();
        Assert.That(rows.Count(r => r.Contains("secret-exposed", StringComparison.Ordinal) && r.Contains("etl-token @", StringComparison.Ordinal)), Is.EqualTo(1));
    }

    [Test]
    public async Task NothingOfTheSecretBeyondItsShownEnd_InOutputTheDatabaseOrTheWorkbook()
    {
        PlantSecret();
        using (var zip = ZipFile.Open(Path.Combine(_tree, "backup.zip"), ZipArchiveMode.Create))
        {
            using var writer = new StreamWriter(zip.CreateEntry("prod.env").Open());
            writer.Write(Secret);
        }
        var output = new StringBuilder();
        foreach (var args in new[] { new[] { "scan", _tree, "--record" }, ["scan", _tree, "--json"], ["findings", "--all"], ["findings", "--json"], ["audit", "log", "--json"],
                     ["report", "quarterly", "--quarter", "2026-Q3", "--out", Path.Combine(_cli.Folder, "q3.xlsx")] })
        {
            var result = await _cli.LedgerAsync(args);
            Assert.That(result.ExitCode, Is.AnyOf(ExitCodes.Success, ExitCodes.SecretFound), result.ToString());
            output.Append(result.Out).Append(result.Error);
        }

        // Every stretch of eight characters of the secret holds some of what the ledger never shows.
        var pieces = Enumerable.Range(0, Secret.Length - 7).Select(i => Secret.Substring(i, 8)).ToList();
        var database = File.ReadAllBytes(_cli.DatabasePath).Concat(File.Exists(_cli.DatabasePath + "-wal") ? File.ReadAllBytes(_cli.DatabasePath + "-wal") : []).ToArray();
        var workbook = XlsxText(Path.Combine(_cli.Folder, "q3.xlsx"));
        Assert.That(output.ToString(), Does.Contain("…6cD1"), "the shown end is there");
        Assert.That(workbook, Does.Contain("secret-exposed"), "the workbook holds the findings");
        foreach (var piece in pieces)
        {
            Assert.That(output.ToString(), Does.Not.Contain(piece));
            Assert.That(database.AsSpan().IndexOf(Encoding.UTF8.GetBytes(piece)), Is.EqualTo(-1), "the database file holds part of the secret");
            Assert.That(workbook, Does.Not.Contain(piece));
        }
    }

    [Test]
    public async Task MissingPath_IsBadInput_NamedInOneSentence()
    {
        var missing = Path.Combine(_cli.Folder, "no-such-folder");

        var result = await _cli.LedgerAsync("scan", _tree, missing);

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.BadInput), result.ToString());
        Assert.That(result.Error.Trim().Split('\n'), Has.Length.EqualTo(1));
        Assert.That(result.Error, Does.Contain(missing).And.Contain("no such file or folder"));
        Assert.That(result.Out, Is.Empty);
    }

    [Test]
    public async Task FileNameWithEscapeSequences_IsShownNotObeyed()
    {
        Write("evil\u001b]0;pwned\u0007.env", Secret);

        var result = await _cli.LedgerAsync("scan", _tree);

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.SecretFound), result.ToString());
        // Ordinal: culture-aware comparison ignores control characters and would find them anywhere.
        Assert.That(result.Out.IndexOfAny(['\u001b', '\u0007']), Is.EqualTo(-1));
        Assert.That(result.Out, Does.Contain("evil\\u001B]0;pwned\\u0007.env:1:1: token 'etl-token'"));
    }

    [Test]
    public async Task MaxSize_SkipsLargerFiles_AndABadSizeIsRefused()
    {
        Write("big.log", new string('x', 3000) + Secret);

        var limited = await _cli.LedgerAsync("scan", _tree, "--max-size", "2K");
        var bad = await _cli.LedgerAsync("scan", _tree, "--max-size", "lots");

        Assert.That(limited.ExitCode, Is.EqualTo(ExitCodes.Success), limited.ToString());
        Assert.That(limited.Out, Does.Contain("Not read: " + Path.Combine(_tree, "big.log") + ": 3 KiB, over the limit of 2 KiB.").And.Contain("1 over 2 KiB"));
        Assert.That(bad.ExitCode, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(bad.Error, Does.Contain("--max-size 'lots' is not a size"));
    }

    [Test, Category(TestProcess.Category)]
    public async Task RealProcess_ExitsFourOnAHit_AndZeroOnACleanTree()
    {
        var clean = await TestProcess.RunLedgerAsync(_cli.DatabasePath, "scan", _tree);
        PlantSecret();
        var dirty = await TestProcess.RunLedgerAsync(_cli.DatabasePath, "scan", _tree);

        Assert.That(clean.ExitCode, Is.EqualTo(0), clean.ToString());
        Assert.That(dirty.ExitCode, Is.EqualTo(4), dirty.ToString());
    }

    private static string XlsxText(string path)
    {
        using var zip = ZipFile.OpenRead(path);
        var text = new StringBuilder();
        foreach (var entry in zip.Entries)
        {
            using var reader = new StreamReader(entry.Open());
            text.Append(reader.ReadToEnd());
        }
        return text.ToString();
    }
}
