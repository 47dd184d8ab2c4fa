using System.Text;
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
        using var cli = new CliRunner();
        cli.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero));
        var sample = Path.Combine(AppContext.BaseDirectory, "samples", "salesforce", "oauthtoken.csv");
        var deleteTokens = File.ReadAllLines(sample).Skip(1).Select(l => l.Split("\",\"")[7]).Where(t => t.Length > 20).ToList();
        var brokenCopy = Path.Combine(cli.Folder, "oauth-broken.csv");
        await File.WriteAllLinesAsync(brokenCopy, File.ReadAllLines(sample).Select((l, i) => i == 2 ? l.Replace("\"12\"", "\"twelve\"", StringComparison.Ordinal) : l));

        Assert.That(deleteTokens, Is.Not.Empty, "the sample carries DeleteTokens to look for");

        var output = new StringBuilder();
        async Task Run(string input, params string[] args)
        {
            var result = await cli.LedgerWithInputAsync(input, args);
            output.Append(result.Out).Append(result.Error);
        }
        await Run("", "init");
        // A reader holding a snapshot from the start keeps every page written since in the write-ahead log,
        // so the log is searched as it was written, not after a checkpoint has emptied it.
        using var reader = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={cli.DatabasePath};Pooling=False");
        reader.Open();
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
        await Run("", "import", "auto", brokenCopy, "--errors", Path.Combine(cli.Folder, "rejected.csv"));
        foreach (var table in new[] { "tokens", "events", "audit" })
        {
            await Run("", "export", table, "--format", "csv", "--out", Path.Combine(cli.Folder, table + ".csv"));
            await Run("", "export", table, "--format", "json", "--out", Path.Combine(cli.Folder, table + ".json"));
        }
        await Run("", "report", "quarterly", "--quarter", "2026-Q4", "--out", Path.Combine(cli.Folder, "q4.xlsx"));
        await Run("", "audit", "log", "--json");

        Assert.That(File.Exists(Path.Combine(cli.Folder, "rejected.csv")), Is.True, "the errors file was written");
        Assert.That(File.ReadAllBytes(cli.DatabasePath + "-wal").AsSpan().IndexOf("ana@example.com"u8), Is.Not.EqualTo(-1), "the write-ahead log holds what was written");
        Assert.That(File.Exists(cli.DatabasePath + ".key"), Is.True);
        var secrets = new[] { First, Second }.Concat(deleteTokens).ToList();
        // Every file but the input the test wrote itself.
        foreach (var file in Directory.GetFiles(cli.Folder).Where(f => f != brokenCopy))
        {
            var bytes = await File.ReadAllBytesAsync(file);
            var text = file.EndsWith(".xlsx", StringComparison.Ordinal) ? XlsxText(file) : "";
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
