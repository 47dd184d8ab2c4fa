using System.Diagnostics;
using System.Text.Json;
using IntegrationLedger.Cli.Tests.Support;

namespace IntegrationLedger.Cli.Tests.Commands;

/// <summary>Separate `ledger` processes on one ledger: each command succeeds or says the ledger is busy; nothing is lost.</summary>
[Order(0)] // The longest of the tests that run side by side: started first, so the others fill the time beside it.
public class ConcurrentProcessesTests
{
    private static async Task<(int ExitCode, string Output)> RunProcessAsync(string database, params string[] args)
    {
        var result = await TestProcess.RunLedgerAsync(database, args);
        return (result.ExitCode, result.Output);
    }

    [Test]
    [Category(TestProcess.Category)]
    public async Task FourProcesses_ImportingAndChangingTokens_LoseNothing()
    {
        using var cli = await CliRunner.WithLedgerAsync();
        var database = cli.DatabasePath;
        foreach (var setup in new[]
        {
            new[] { "person", "add", "--email", "ana@example.com", "--name", "Ana" },
            ["integration", "add", "--name", "Nightly ETL", "--owner", "ana@example.com"],
            ["token", "add", "--label", "shared", "--kind", "api-key", "--owner", "ana@example.com"],
            ["token", "use", "shared", "--by", "Nightly ETL", "--purpose", "exports"],
        })
        {
            var result = await cli.LedgerAsync(setup);
            Assert.That(result.ExitCode, Is.Zero, result.ToString());
        }
        var entriesBefore = (await cli.LedgerAsync("audit", "log", "--json")).Json.GetArrayLength();
        string Sample(string file) => Path.Combine(AppContext.BaseDirectory, "samples", "salesforce", file);

        async Task<List<(string Command, int ExitCode, string Output)>> Run(params string[][] commands)
        {
            var results = new List<(string, int, string)>();
            foreach (var command in commands)
            {
                var (exitCode, output) = await RunProcessAsync(database, command);
                results.Add((command[0] + " " + command[1], exitCode, output));
            }
            return results;
        }
        string[] Import(string file) => ["import", "auto", Sample(file), "--time-zone", "UTC", "--json"];

        var all = await Task.WhenAll(
            Run(Import("elf-login.csv"), Import("elf-api.csv"), Import("elf-uri.csv")),
            Run(Import("loginhistory-api-fields.csv"), Import("oauthtoken.csv"), Import("setup-audit-trail.csv")),
            Run([.. Enumerable.Range(0, 4).Select(i => new[] { "token", "add", "--label", $"new-{i}", "--kind", "api-key", "--owner", "ana@example.com" })]),
            // The same token changed again and again while the others write.
            Run([.. Enumerable.Range(0, 3).SelectMany(_ => new[] { new[] { "token", "reset", "shared" }, ["token", "confirm", "shared", "--integration", "Nightly ETL"] })]));

        var results = all.SelectMany(r => r).ToList();
        Assert.That(results.Where(r => r.ExitCode != 0).Select(r => r.Output), Is.All.Contains("The ledger is busy"), "a command that fails says the ledger is busy");
        Assert.That(all, Has.All.Matches<List<(string Command, int ExitCode, string Output)>>(p => p.Any(r => r.ExitCode == 0)), "every process got work done");
        var succeeded = results.Where(r => r.ExitCode == 0).ToList();

        // Every change a command reported is in the ledger, and in the audit log, whose chain holds.
        var added = succeeded.Where(r => r.Command == "import auto").Sum(r => JsonDocument.Parse(r.Output).RootElement.GetProperty("counts").GetProperty("added").GetInt64());
        Assert.That(cli.ScalarRaw("SELECT count(*) FROM UsageEvents"), Is.EqualTo(added));
        Assert.That(cli.ScalarRaw("SELECT count(*) FROM ImportBatches"), Is.EqualTo(succeeded.Count(r => r.Command == "import auto")));
        Assert.That(cli.ScalarRaw("SELECT count(*) FROM Tokens"), Is.EqualTo(1 + succeeded.Count(r => r.Command == "token add")));
        var log = (await cli.LedgerAsync("audit", "log", "--json")).Json.EnumerateArray().Skip(entriesBefore).ToList();
        int Entries(string action, string entityType) => log.Count(e => e.GetProperty("action").GetString() == action && e.GetProperty("entityType").GetString() == entityType);
        Assert.That(Entries("token.add", "Token"), Is.EqualTo(succeeded.Count(r => r.Command == "token add")));
        Assert.That(Entries("token.reset", "Token"), Is.EqualTo(succeeded.Count(r => r.Command == "token reset")));
        Assert.That(Entries("token.confirm", "TokenUsage"), Is.EqualTo(succeeded.Count(r => r.Command == "token confirm")));
        Assert.That(log.Count(e => e.GetProperty("entityType").GetString() == "ImportBatch"), Is.EqualTo(succeeded.Count(r => r.Command == "import auto")));
        var verify = await cli.LedgerAsync("audit", "verify");
        Assert.That(verify.ExitCode, Is.Zero, verify.ToString());
    }


    [Test]
    public async Task AWriterKeptWaitingPastTheTimeout_SaysTheLedgerIsBusyAndChangesNothing()
    {
        using var cli = await CliRunner.WithLedgerAsync();
        Assert.That((await cli.LedgerAsync("person", "add", "--email", "ana@example.com", "--name", "Ana")).ExitCode, Is.Zero);
        cli.Variables["LEDGER_BUSY_TIMEOUT"] = "1";
        string[] addToken = ["token", "add", "--label", "waiting", "--kind", "api-key", "--owner", "ana@example.com"];

        using (var holder = RawSql.Open(cli.DatabasePath))
        {
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
