using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using IntegrationLedger.Application.Common;
using IntegrationLedger.Application.Common.Security;
using IntegrationLedger.Application.Features.Findings;
using IntegrationLedger.Application.Features.Scanning;
using IntegrationLedger.Application.Features.Scanning.Reading;
using IntegrationLedger.Application.Features.Tokens;
using IntegrationLedger.Application.Features.Tokens.Secrets;
using IntegrationLedger.Application.Tests.Support;
using IntegrationLedger.Domain.Findings;
using IntegrationLedger.Domain.Tokens;

namespace IntegrationLedger.Application.Tests.Features.Scanning;

/// <summary>The scanner against a real ledger and real files: what it finds, where, and what it leaves alone.</summary>
public class ScanForSecretsTests
{
    /// <summary>A Salesforce security token: 24 characters, so the ledger shows its last four.</summary>
    private const string Token = "hX9vQ2LmT7pR4sW8nK3bZ6cY";
    private const string NextToken = "Pq3rS5tU7vW9xY1zA2bC4dE6";

    private TestLedger _test = null!;
    private string _tree = null!;

    [SetUp]
    public async Task LedgerWithOneToken()
    {
        _test = await TestLedger.CreateAsync();
        await _test.AddPersonAsync("ana@example.com", "Ana Lima");
        await _test.AddIntegrationAsync("Nightly ETL", "ana@example.com");
        await _test.AddTokenAsync("etl-token", "ana@example.com", secret: Token);
        await _test.UseTokenAsync("etl-token", "Nightly ETL");
        _tree = Directory.CreateDirectory(Path.Combine(_test.Folder, "tree")).FullName;
    }

    [TearDown]
    public async Task RemoveLedger() => await _test.DisposeAsync();

    private string Write(string relative, string text) => Write(relative, Encoding.UTF8.GetBytes(text));

    private string Write(string relative, byte[] bytes)
    {
        var path = Path.Combine(_tree, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private Task<ScanReport> ScanAsync(long largest = ScanForSecrets.DefaultLargestFile, bool record = false, params string[] paths) =>
        new ScanForSecretsHandler(_test.Ledger).HandleAsync(new ScanForSecrets(paths.Length == 0 ? [_tree] : paths, largest, record));

    private static byte[] Gzip(string text)
    {
        using var memory = new MemoryStream();
        using (var gzip = new GZipStream(memory, CompressionLevel.Fastest))
            gzip.Write(Encoding.UTF8.GetBytes(text));
        return memory.ToArray();
    }

    [Test]
    public async Task PlantedSecret_IsFoundAtItsLineAndColumnInCharacters()
    {
        // The column counts characters, not bytes: "ключ" is eight bytes and four characters.
        Write("config/app.properties", $"# settings\nname = sync\nключ={Token}\n");

        var report = await ScanAsync();

        var found = report.Found.Single();
        Assert.That((found.File, found.Line, found.Column), Is.EqualTo((Path.Combine(_tree, "config", "app.properties"), 3L, 6L)));
        Assert.That(found.Match.Token.Label, Is.EqualTo("etl-token"));
        Assert.That(found.Match.State, Is.EqualTo(SecretState.Current));
        Assert.That(found.Match.Integrations, Is.EqualTo(new[] { "Nightly ETL" }));
        Assert.That(report.Counts.FilesRead, Is.EqualTo(1));
    }

    [Test]
    public async Task SecretAppendedToAPassword_IsFoundInsideTheLongerValue()
    {
        // Salesforce's API login takes the password with the security token appended, as one value.
        Write(".env", $"SF_USERNAME=sync@example.com\nSF_PASSWORD=\"hunter2-Winter!{Token}\"\n");

        var found = (await ScanAsync()).Found.Single();

        Assert.That((found.Line, found.Column), Is.EqualTo((2L, 29L)));
    }

    [Test]
    public async Task SecretInAZipMemberAGzipAndATarGz_IsFoundAndNamedByArchiveAndMember()
    {
        using (var zip = ZipFile.Open(Path.Combine(_tree, "backup.zip"), ZipArchiveMode.Create))
        {
            using var writer = new StreamWriter(zip.CreateEntry("deploy/settings.json").Open());
            writer.Write($"{{\n  \"token\": \"{Token}\"\n}}\n");
        }
        Write("logs/job.log.gz", Gzip($"started\nlogin with {Token}\n"));
        using (var file = File.Create(Path.Combine(_tree, "etc.tar.gz")))
        using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
        using (var tar = new TarWriter(gzip))
        {
            var entry = new PaxTarEntry(TarEntryType.RegularFile, "etc/sync.yaml") { DataStream = new MemoryStream(Encoding.UTF8.GetBytes($"sync:\n  secret: {Token}\n")) };
            tar.WriteEntry(entry);
        }

        var report = await ScanAsync();

        Assert.That(report.Found.Select(f => (Path.GetRelativePath(_tree, f.File), f.Member, f.Line, f.Column)), Is.EquivalentTo(new[]
        {
            ("backup.zip", (string?)"deploy/settings.json", (long?)2L, (long?)13L),
            ("etc.tar.gz", "etc/sync.yaml", 2L, 11L),
            (Path.Combine("logs", "job.log.gz"), null, 2L, 12L),
        }));
        Assert.That(report.Found.Single(f => f.Member == "deploy/settings.json").Location, Does.EndWith("backup.zip!deploy/settings.json"));
        Assert.That(report.Counts.ArchivesOpened, Is.EqualTo(4), "the zip, the gzip, and the tar inside the second gzip");
    }

    [Test]
    public async Task BinaryFile_IsSkippedAndCounted_EvenWithTheSecretInIt()
    {
        Write("tool.bin", [0x7F, (byte)'E', (byte)'L', (byte)'F', 0, 0, .. Encoding.UTF8.GetBytes(Token)]);
        Write("readme.txt", "nothing here\n");

        var report = await ScanAsync();

        Assert.That(report.Found, Is.Empty);
        Assert.That(report.Counts.SkippedBinary, Is.EqualTo(1));
        Assert.That(report.Counts.FilesRead, Is.EqualTo(1));
        Assert.That(report.Skipped.Single().Location, Does.EndWith("tool.bin"));
    }

    [Test]
    public async Task FileOverTheLimit_IsSkippedAndCounted_AndReadWhenTheLimitAllows()
    {
        Write("huge.log", new string('x', 5000) + "\n" + Token + "\n");

        var limited = await ScanAsync(largest: 4096);
        var allowed = await ScanAsync(largest: 8192);

        Assert.That(limited.Found, Is.Empty);
        Assert.That(limited.Counts.SkippedTooLarge, Is.EqualTo(1));
        Assert.That(limited.Skipped.Single().Reason, Is.EqualTo(SkipReason.TooLarge));
        Assert.That(allowed.Found.Single().Line, Is.EqualTo(2));
    }

    [Test]
    public async Task CompressedContentThatGrowsPastTheLimit_IsCountedTooLarge()
    {
        Write("dump.gz", Gzip(new string('y', 600_000) + Token));

        var report = await ScanAsync(largest: 300_000);

        Assert.That(report.Counts.SkippedTooLarge, Is.EqualTo(1));
        Assert.That(report.Skipped.Single().Detail, Does.Contain("once uncompressed"));
    }

    [Test]
    public async Task NearMissWithTheSameEndingAndLength_IsNoHit()
    {
        // Same last four, same length, one character different: the ending lets it through, the fingerprint does not.
        var nearMiss = "hX9vQ2LmT7pR4sW8nK3bZ6cY".Replace('Q', 'q');
        Write("near.txt", $"value={nearMiss}\n{Token[1..]}\nx{Token[..^1]}\n");

        var report = await ScanAsync();

        Assert.That(report.Found, Is.Empty);
    }

    [Test]
    public async Task SecretAcrossTheEdgeOfARead_IsFoundWhole()
    {
        // The scanner reads 256 KiB at a time; this secret starts 10 bytes before the first buffer ends.
        const int bufferEdge = 256 * 1024;
        var filler = new string('a', 79) + "\n";
        var text = new StringBuilder();
        while (text.Length < bufferEdge - 10 - 81)
            text.Append(filler);
        text.Append(new string('b', bufferEdge - 10 - text.Length - 1)).Append(' ');
        var line = text.ToString().Count(c => c == '\n') + 1;
        var column = text.Length - text.ToString().LastIndexOf('\n');
        text.Append(Token).Append('\n');
        Write("long.txt", text.ToString());

        var found = (await ScanAsync()).Found.Single();

        Assert.That((found.Line, found.Column), Is.EqualTo(((long)line, (long)column)));
    }

    [Test]
    public async Task PastSecret_IsNamedSupersededWithTheReset_AndTheCurrentOneCurrent()
    {
        _test.Clock.Advance(TimeSpan.FromDays(10));
        var resetAt = _test.Clock.GetUtcNow().UtcDateTime;
        await new ResetTokenHandler(_test.Ledger).HandleAsync(new ResetToken("etl-token", Secret.Parse(NextToken)));
        Write("old.env", $"TOKEN={Token}\n");
        Write("new.env", $"TOKEN={NextToken}\n");

        var report = await ScanAsync();

        var old = report.Found.Single(f => f.File.EndsWith("old.env", StringComparison.Ordinal)).Match;
        var current = report.Found.Single(f => f.File.EndsWith("new.env", StringComparison.Ordinal)).Match;
        Assert.That((old.State, old.EndedAt, old.Ending), Is.EqualTo((SecretState.Superseded, (DateTime?)resetAt, "Z6cY")));
        Assert.That(old.Standing, Does.StartWith("superseded by a reset on"));
        Assert.That(current.State, Is.EqualTo(SecretState.Current));
    }

    [Test]
    public async Task RevokedTokensSecret_IsNamedRevoked()
    {
        await new RevokeTokenHandler(_test.Ledger).HandleAsync(new RevokeToken("etl-token", RevocationReason.Compromised, "pasted in a ticket"));
        Write("ticket.txt", $"here is the token {Token} thanks\n");

        var found = (await ScanAsync()).Found.Single();

        Assert.That(found.Match.State, Is.EqualTo(SecretState.Revoked));
    }

    [Test]
    public async Task ShortSecrets_TwoCharacterEndingsInsideValues_AndNoEndingAsWholeValues()
    {
        // 13 characters: the ledger shows two, enough to find it inside a longer value.
        await _test.AddTokenAsync("ftp-password", "ana@example.com", secret: "Tr0ub4dor&3x!");
        // 10 characters: the ledger shows none, so only a whole value between delimiters can be recognised.
        await _test.AddTokenAsync("legacy-pin", "ana@example.com", secret: "k9#Lm2$pQz");
        Write("a.ini", "login=adminTr0ub4dor&3x!\npin: 'k9#Lm2$pQz'\n");
        Write("b.txt", "xk9#Lm2$pQz\n");

        var report = await ScanAsync();

        Assert.That(report.Found.Select(f => (Path.GetFileName(f.File), f.Match.Token.Label, f.Line, f.Column)), Is.EqualTo(new[]
        {
            ("a.ini", "ftp-password", (long?)1L, (long?)12L),
            ("a.ini", "legacy-pin", 2L, 7L),
        }), "inside a longer word the unshown end cannot be looked for");
    }

    [Test]
    public async Task SecretRegisteredBeforeLengthsWereKept_IsFoundByTryingEveryLength()
    {
        _test.ExecuteRaw("UPDATE Tokens SET SecretUtf8Length = NULL");
        Write("legacy.cfg", $"key={Token};\n");

        var found = (await ScanAsync()).Found.Single();

        Assert.That((found.Line, found.Column), Is.EqualTo((1L, 5L)));
    }

    [Test]
    public async Task LinkToAParentFolder_IsNotWalkedRoundInCircles()
    {
        Write("sub/app.env", $"T={Token}\n");
        File.CreateSymbolicLink(Path.Combine(_tree, "sub", "up"), "..");
        File.CreateSymbolicLink(Path.Combine(_tree, "same.env"), Path.Combine(_tree, "sub", "app.env"));

        var report = await ScanAsync();

        Assert.That(report.Found.Select(f => Path.GetFileName(f.File)), Is.EquivalentTo(new[] { "app.env", "same.env" }),
            "the link to the file is read as a file of its own, the link to the folder not at all");
        Assert.That(report.Counts.FilesRead, Is.EqualTo(2));
    }

    [Test]
    public async Task DamagedArchive_IsCountedUnreadable_AndTheScanGoesOn()
    {
        Write("broken.zip", [.. "PK\x03\x04"u8, .. new byte[200]]);
        Write("ok.txt", Token);

        var report = await ScanAsync();

        Assert.That(report.Counts.SkippedUnreadable, Is.EqualTo(1));
        Assert.That(report.Found.Single().File, Does.EndWith("ok.txt"));
    }

    [Test]
    public async Task MissingPath_IsRefusedByName()
    {
        var missing = Path.Combine(_tree, "nowhere");

        Assert.That(async () => await ScanAsync(paths: [_tree, missing]),
            Throws.TypeOf<NotFoundException>().With.Message.Contains(missing));
    }

    [Test]
    public async Task Record_OpensOneCriticalFinding_ThatAScanAgainAndARunOfTheRulesLeaveAsItIs()
    {
        Write("app.env", $"T={Token}\n");

        var first = await ScanAsync(record: true);
        _test.Clock.Advance(TimeSpan.FromDays(1));
        var again = await ScanAsync(record: true);
        await new RunRulesHandler(_test.Ledger).HandleAsync(new RunRules());

        Assert.That(first.Recorded, Is.EqualTo(new RecordedFindings(1, 0, 0)));
        Assert.That(again.Recorded, Is.EqualTo(new RecordedFindings(0, 1, 0)));
        Assert.That(again.Found.Single().FindingId, Is.EqualTo(first.Found.Single().FindingId));
        var finding = _test.Ledger.Db.Findings.Single(f => f.RuleId == "secret-exposed");
        Assert.That((finding.Severity, finding.Status, finding.Occurrences), Is.EqualTo((Severity.Critical, FindingStatus.Open, 2)));
        Assert.That(finding.SubjectKey, Is.EqualTo($"etl-token @ {Path.Combine(_tree, "app.env")}:1:3"));
        Assert.That(finding.Summary, Does.Contain("line 1, column 3").And.Contain("…Z6cY").And.Contain("current").And.Not.Contain(Token[..20]));
        Assert.That(_test.ScalarRaw("SELECT count(*) FROM AuditEntries WHERE Action = 'scan.record'"), Is.EqualTo(1),
            "seen again unchanged, the finding's summary is the same: only its last-seen time moves, which the log does not record");
        Assert.That(finding.LastSeenAt, Is.EqualTo(_test.Clock.GetUtcNow().UtcDateTime));
    }
}
