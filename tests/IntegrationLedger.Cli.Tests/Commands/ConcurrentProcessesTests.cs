using System.Diagnostics;
using IntegrationLedger.Cli.Tests.Support;

namespace IntegrationLedger.Cli.Tests.Commands;

/// <summary>Separate `ledger` processes on one ledger: each command succeeds or says the ledger is busy; nothing is lost.</summary>
public class ConcurrentProcessesTests
{
    private static readonly string Ledger = Path.Combine(AppContext.BaseDirectory, "ledger.dll");

    private static async Task<(int ExitCode, string Output)> RunProcessAsync(string database, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { Ledger, "--db", database }.Concat(args))
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }

    [Test]
    public async Task FourProcesses_ImportingAndChangingTokens_LoseNothing()
    {
        using var cli = new CliRunner();
        var database = cli.DatabasePath;
        Assert.That((await RunProcessAsync(database, "init")).ExitCode, Is.Zero);
        Assert.That((await RunProcessAsync(database, "person", "add", "--email", "ana@example.com", "--name", "Ana")).ExitCode, Is.Zero);
        string Sample(string file) => Path.Combine(AppContext.BaseDirectory, "samples", "salesforce", file);

        async Task<List<(int, string)>> Importer(params string[] files)
        {
            var results = new List<(int, string)>();
            foreach (var file in files)
                results.Add(await RunProcessAsync(database, "import", "auto", Sample(file), "--time-zone", "UTC"));
            return results;
        }
        async Task<List<(int, string)>> TokenWriter(string prefix)
        {
            var results = new List<(int, string)>();
            for (var i = 0; i < 4; i++)
                results.Add(await RunProcessAsync(database, "token", "add", "--label", $"{prefix}-{i}", "--kind", "api-key", "--owner", "ana@example.com"));
            return results;
        }

        var all = await Task.WhenAll(
            Importer("elf-login.csv", "elf-api.csv", "elf-uri.csv"),
            Importer("loginhistory-api-fields.csv", "oauthtoken.csv", "setup-audit-trail.csv"),
            TokenWriter("a"),
            TokenWriter("b"));

        var results = all.SelectMany(r => r).ToList();
        Assert.That(results.Where(r => r.Item1 != 0).Select(r => r.Item2), Is.All.Contains("busy"), "a command that fails says the ledger is busy");
        var tokensAdded = results.Count(r => r.Item1 == 0 && r.Item2.StartsWith("Added token", StringComparison.Ordinal));
        var tokens = (await cli.LedgerAsync("token", "list", "--json")).Json.GetArrayLength();
        Assert.That(tokens, Is.EqualTo(tokensAdded), "every token a command reported added is there");
        var verify = await cli.LedgerAsync("audit", "verify");
        Assert.That(verify.ExitCode, Is.Zero, verify.ToString());
        var batches = (await cli.LedgerAsync("audit", "log", "--json")).Json.EnumerateArray().Count(e => e.GetProperty("entityType").GetString() == "ImportBatch");
        Assert.That(batches, Is.EqualTo(results.Count(r => r.Item1 == 0 && r.Item2.StartsWith("Imported", StringComparison.Ordinal))));
    }

    [Test]
    public async Task AWriterKeptWaitingPastTheTimeout_SaysTheLedgerIsBusyAndChangesNothing()
    {
        using var cli = new CliRunner();
        Assert.That((await cli.LedgerAsync("init")).ExitCode, Is.Zero);
        Assert.That((await cli.LedgerAsync("person", "add", "--email", "ana@example.com", "--name", "Ana")).ExitCode, Is.Zero);
        cli.Variables["LEDGER_BUSY_TIMEOUT"] = "1";
        string[] addToken = ["token", "add", "--label", "waiting", "--kind", "api-key", "--owner", "ana@example.com"];

        using (var holder = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={cli.DatabasePath};Pooling=False"))
        {
            holder.Open();
            using var begin = holder.CreateCommand();
            begin.CommandText = "BEGIN IMMEDIATE";
            begin.ExecuteNonQuery();

            var watch = Stopwatch.StartNew();
            var blocked = await cli.LedgerAsync(addToken);

            Assert.That(blocked.ExitCode, Is.EqualTo(Infrastructure.ExitCodes.Unexpected), blocked.ToString());
            Assert.That(blocked.Error, Does.Contain("The ledger is busy").And.Contain("Nothing was changed"));
            Assert.That(blocked.Error, Does.Not.Contain("   at "));
            Assert.That(watch.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(0.9)).And.LessThan(TimeSpan.FromSeconds(10)), "it waited for the timeout, then gave up");
        }

        Assert.That((await cli.LedgerAsync("token", "list", "--json")).Json.GetArrayLength(), Is.Zero, "nothing was changed");
        var again = await cli.LedgerAsync(addToken);
        Assert.That(again.ExitCode, Is.Zero, again.ToString());
        Assert.That((await cli.LedgerAsync("audit", "verify")).ExitCode, Is.Zero);
    }

    [Test]
    public async Task BusyTimeout_OutOfRange_IsRefused()
    {
        using var cli = new CliRunner();
        cli.Variables["LEDGER_BUSY_TIMEOUT"] = "forever";

        var result = await cli.LedgerAsync("init");

        Assert.That(result.ExitCode, Is.EqualTo(Infrastructure.ExitCodes.BadInput));
        Assert.That(result.Error, Does.Contain("LEDGER_BUSY_TIMEOUT"));
    }
}
