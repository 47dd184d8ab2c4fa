using System.Text;
using IntegrationLedger.Cli.Infrastructure;
using IntegrationLedger.Cli.Tests.Support;

namespace IntegrationLedger.Cli.Tests.Commands;

/// <summary>
/// After secrets have passed through every door the ledger has (token registration and reset, an OauthToken
/// export carrying DeleteTokens, exports, the workbook, the errors file), none of them is in any file the
/// ledger wrote, nor in anything it printed.
/// </summary>
public class SecretsNeverKeptTests
{
    private const string First = "Xy7kQ2mP9vL4sT8wR3nB6cD1";
    private const string Second = "Zq4wE8rT1yU6iO3pA9sD2fG7";

    [Test]
    public async Task NoSecret_InTheDatabaseItsWalTheKeyFileAnyReportOrExportOrAnyOutput()
    {
        using var cli = await CliRunner.WithLedgerAsync();
        cli.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero));
        var sample = Path.Combine(AppContext.BaseDirectory, "samples", "salesforce", "oauthtoken.csv");
        var deleteTokens = File.ReadAllLines(sample).Skip(1).Select(l => l.Split("\",\"")[7]).Where(t => t.Length > 20).ToList();
        var brokenCopy = Path.Combine(cli.Folder, "oauth-broken.csv");
        await File.WriteAllLinesAsync(brokenCopy, File.ReadAllLines(sample).Select((l, i) => i == 2 ? l.Replace("\"12\"", "\"twelve\"", StringComparison.Ordinal) : l));

        Assert.That(deleteTokens, Is.Not.Empty, "the sample carries DeleteTokens to look for");

        var output = new StringBuilder();
        // Every command must do what it was run for: one that failed would leave nothing of the secret to search for.
        async Task RunExpecting(int exitCode, string input, params string[] args)
        {
            var result = await cli.LedgerWithInputAsync(input, args);
            output.Append(result.Out).Append(result.Error);
            Assert.That(result.ExitCode, Is.EqualTo(exitCode), $"ledger {string.Join(' ', args)}\n{result}");
        }
        Task Run(string input, params string[] args) => RunExpecting(ExitCodes.Success, input, args);
        // A reader holding a snapshot from the start keeps every page written since in the write-ahead log,
        // so the log is searched as it was written, not after a checkpoint has emptied it.
        using var reader = RawSql.Open(cli.DatabasePath);
        using (var snapshot = reader.CreateCommand())
        {
            snapshot.CommandText = "BEGIN; SELECT count(*) FROM AuditEntries;";
            snapshot.ExecuteScalar();
        }
        await Run("", "person", "add", "--email", "ana@example.com", "--name", "Ana");
        await Run(First, "token", "add", "--label", "etl", "--kind", "salesforce-security-token", "--owner", "ana@example.com", "--secret-stdin");
        await Run(Second, "token", "reset", "etl", "--secret-stdin");
        await Run(Second, "token", "find", "--secret-stdin");
        await Run("", "import", "auto", sample);
        // The damaged copy is refused whole, its bad row (with its DeleteToken) written to the errors file.
        await RunExpecting(ExitCodes.BadInput, "", "import", "auto", brokenCopy, "--errors", Path.Combine(cli.Folder, "rejected.csv"));
        foreach (var table in new[] { "tokens", "events", "audit" })
        {
            await Run("", "export", table, "--format", "csv", "--out", Path.Combine(cli.Folder, table + ".csv"));
            await Run("", "export", table, "--format", "json", "--out", Path.Combine(cli.Folder, table + ".json"));
        }
        await Run("", "report", "quarterly", "--quarter", "2026-Q4", "--out", Path.Combine(cli.Folder, "q4.xlsx"));
        await Run("", "audit", "log", "--json");

        // What the ledger wrote, each there and not empty: a missing or empty file would hide a secret by holding nothing.
        var written = new[] { cli.DatabasePath, cli.DatabasePath + "-wal", cli.DatabasePath + ".key", Path.Combine(cli.Folder, "rejected.csv"), Path.Combine(cli.Folder, "q4.xlsx") }
            .Concat(new[] { "tokens", "events", "audit" }.SelectMany(t => new[] { Path.Combine(cli.Folder, t + ".csv"), Path.Combine(cli.Folder, t + ".json") }))
            .ToList();
        // Every file but the input the test wrote itself.
        var searched = Directory.GetFiles(cli.Folder).Where(f => f != brokenCopy).ToList();
        Assert.That(searched, Is.SupersetOf(written), "every file the commands wrote is searched");
        foreach (var file in searched)
            Assert.That(new FileInfo(file).Length, Is.GreaterThan(0), $"{Path.GetFileName(file)} is empty");
        Assert.That(File.ReadAllText(Path.Combine(cli.Folder, "rejected.csv")), Does.Contain("UseCount"), "the errors file holds the rejected row");
        Assert.That(File.ReadAllBytes(cli.DatabasePath + "-wal").AsSpan().IndexOf("ana@example.com"u8), Is.Not.EqualTo(-1), "the write-ahead log holds what was written");
        var secrets = new[] { First, Second }.Concat(deleteTokens).ToList();
        foreach (var file in searched)
        {
            var bytes = await File.ReadAllBytesAsync(file);
            var text = file.EndsWith(".xlsx", StringComparison.Ordinal) ? XlsxText(file) : "";
            if (file.EndsWith(".xlsx", StringComparison.Ordinal))
                Assert.That(text, Does.Contain("etl"), $"{Path.GetFileName(file)} unpacked holds the ledger's records");
            foreach (var secret in secrets)
            {
                Assert.That(bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret)), Is.EqualTo(-1), $"{Path.GetFileName(file)} holds a secret");
                Assert.That(bytes.AsSpan().IndexOf(Encoding.Unicode.GetBytes(secret)), Is.EqualTo(-1), $"{Path.GetFileName(file)} holds a secret in UTF-16");
                Assert.That(text, Does.Not.Contain(secret), $"{Path.GetFileName(file)} holds a secret inside its zip");
            }
        }
        foreach (var secret in secrets)
            Assert.That(output.ToString(), Does.Not.Contain(secret));
    }

    /// <summary>Workbooks are zips: their text is only readable unpacked.</summary>
    private static string XlsxText(string path)
    {
        using var zip = System.IO.Compression.ZipFile.OpenRead(path);
        var text = new StringBuilder();
        foreach (var entry in zip.Entries)
        {
            using var reader = new StreamReader(entry.Open());
            text.Append(reader.ReadToEnd());
        }
        return text.ToString();
    }
}
