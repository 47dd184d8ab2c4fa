using System.Text;
using IntegrationLedger.Cli.Infrastructure;
using IntegrationLedger.Cli.Tests.Support;

namespace IntegrationLedger.Cli.Tests.Commands;

/// <summary>The inventory part of the worked example in DESIGN.md, with the spellings it uses.</summary>
public class WorkedExampleTests
{
    private const string Secret = "Xy7kQ2mP9vL4sT8wR3nB6cD1";

    private static async Task<CliResult> Succeeds(Task<CliResult> run)
    {
        var result = await run;
        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), result.ToString());
        return result;
    }

    [Test]
    public async Task WorkedExample_EveryStepShowsInListsAndTheAuditLog()
    {
        using var cli = await CliRunner.WithLedgerAsync();

        await Succeeds(cli.LedgerAsync("person", "add", "--email", "ana@example.com", "--name", "Ana Lima", "--department", "Sales"));
        await Succeeds(cli.LedgerAsync("integration", "add", "--name", "Nightly ETL", "--vendor", "Acme Sync", "--owner", "ana@example.com",
            "--purpose", "Sync accounts to the warehouse", "--network", "untrusted", "--allow-cidr", "192.0.2.0/24",
            "--match-account", "integration.sync@example.com", "--match-app", "Acme Sync Connector"));
        await Succeeds(cli.LedgerWithInputAsync(Secret, "token", "add", "--label", "etl-token", "--kind", "salesforce-security-token",
            "--owner", "ana@example.com", "--account", "integration.sync@example.com", "--rotate-every", "90", "--secret-stdin"));
        await Succeeds(cli.LedgerAsync("token", "use", "etl-token", "--by", "Nightly ETL", "--purpose", "API login from the ETL host"));

        var plan = await Succeeds(cli.LedgerAsync("token", "reset-plan", "etl-token"));
        Assert.That(plan.Out, Does.Contain("Nightly ETL").And.Contain("Ana Lima <ana@example.com>"));

        cli.Clock.Advance(TimeSpan.FromDays(1));
        await Succeeds(cli.LedgerAsync("token", "reset", "etl-token"));
        var afterReset = (await Succeeds(cli.LedgerAsync("token", "show", "etl-token", "--json"))).Json;
        Assert.That(afterReset.GetProperty("usages")[0].GetProperty("status").GetString(), Is.EqualTo("pending-update"));
        var due = (await Succeeds(cli.LedgerAsync("token", "list", "--due", "--json"))).Json;
        Assert.That(due[0].GetProperty("pendingUpdates").GetInt32(), Is.EqualTo(1), "list --due shows integrations still waiting");
        Assert.That(due[0].GetProperty("waitingFor")[0].GetString(), Is.EqualTo("Nightly ETL"));

        cli.Clock.Advance(TimeSpan.FromHours(2));
        await Succeeds(cli.LedgerAsync("token", "confirm", "etl-token", "--integration", "Nightly ETL"));
        var afterConfirm = (await Succeeds(cli.LedgerAsync("token", "show", "etl-token", "--json"))).Json;
        Assert.That(afterConfirm.GetProperty("usages")[0].GetProperty("status").GetString(), Is.EqualTo("current"));
        Assert.That(afterConfirm.GetProperty("usages")[0].GetProperty("confirmedAt").GetString(), Is.EqualTo("2026-07-02T11:00:00Z"));

        await Succeeds(cli.LedgerAsync("token", "revoke", "etl-token", "--reason", "unused"));
        var tokens = (await Succeeds(cli.LedgerAsync("token", "list", "--json"))).Json;
        Assert.That(tokens[0].GetProperty("status").GetString(), Is.EqualTo("revoked"));

        var log = (await Succeeds(cli.LedgerAsync("audit", "log", "--json"))).Json;
        var actions = log.EnumerateArray().Select(e => e.GetProperty("action").GetString()).Distinct().ToList();
        Assert.That(actions, Is.EqualTo(new[]
        {
            "ledger.init", "person.add", "integration.add", "token.add", "token.use", "token.reset", "token.confirm", "token.revoke",
        }));
        Assert.That(log.EnumerateArray().Select(e => e.GetProperty("actor").GetString()), Is.All.EqualTo("tester"));

        var verify = await Succeeds(cli.LedgerAsync("audit", "verify"));
        Assert.That(verify.Out, Does.Contain($"{log.GetArrayLength()} entries"));

        var secretBytes = Encoding.UTF8.GetBytes(Secret);
        foreach (var file in Directory.GetFiles(cli.Folder))
            Assert.That(File.ReadAllBytes(file).AsSpan().IndexOf(secretBytes), Is.EqualTo(-1), $"{Path.GetFileName(file)} holds the secret");
    }

    [Test]
    public async Task AuditVerify_AfterARowIsChangedBehindItsBack_ExitsThreeNamingTheEntry()
    {
        using var cli = await CliRunner.WithLedgerAsync();
        await Succeeds(cli.LedgerAsync("person", "add", "--email", "ana@example.com", "--name", "Ana Lima"));
        await Succeeds(cli.LedgerAsync("person", "add", "--email", "ben@example.com", "--name", "Ben Okafor"));

        cli.ExecuteRaw("UPDATE AuditEntries SET Actor = 'someone-else' WHERE Sequence = 2");
        var result = await cli.LedgerAsync("audit", "verify");

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.IntegrityFailure));
        Assert.That(result.Error, Does.Contain("broken at entry 2"));
    }

    [Test]
    public async Task AuditVerify_Anchor_HoldsThroughLaterWorkAndRefusesAnotherHash()
    {
        using var cli = await CliRunner.WithLedgerAsync();
        await Succeeds(cli.LedgerAsync("person", "add", "--email", "ana@example.com", "--name", "Ana Lima"));
        var earlier = (await Succeeds(cli.LedgerAsync("audit", "verify", "--json"))).Json;
        var anchor = $"{earlier.GetProperty("entryCount").GetInt64()}:{earlier.GetProperty("headHash").GetString()}";
        await Succeeds(cli.LedgerAsync("person", "add", "--email", "ben@example.com", "--name", "Ben Okafor"));

        var holds = await cli.LedgerAsync("audit", "verify", "--anchor", anchor);
        var other = await cli.LedgerAsync("audit", "verify", "--anchor", $"{earlier.GetProperty("entryCount").GetInt64()}:{new string('a', 64)}");

        Assert.That(holds.ExitCode, Is.EqualTo(ExitCodes.Success), holds.ToString());
        Assert.That(other.ExitCode, Is.EqualTo(ExitCodes.IntegrityFailure));
        Assert.That(other.Error, Does.Contain($"broken at entry {earlier.GetProperty("entryCount").GetInt64()}"));
    }

    [Test]
    public async Task TokenFind_KnownAndUnknownSecrets()
    {
        using var cli = await CliRunner.WithLedgerAsync();
        await Succeeds(cli.LedgerAsync("person", "add", "--email", "ana@example.com", "--name", "Ana Lima"));
        await Succeeds(cli.LedgerWithInputAsync(Secret + "\n", "token", "add", "--label", "etl-token", "--kind", "api-key", "--owner", "ana@example.com", "--secret-stdin"));

        var found = await cli.LedgerWithInputAsync(Secret, "token", "find", "--secret-stdin");
        var unknown = await cli.LedgerWithInputAsync("SomethingElse12345", "token", "find", "--secret-stdin");

        Assert.That(found.ExitCode, Is.EqualTo(ExitCodes.Success));
        Assert.That(found.Out, Does.Contain("etl-token"));
        Assert.That(unknown.ExitCode, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(unknown.Out, Does.Contain("No registered token"));
        Assert.That(found.Out + found.Error + unknown.Out + unknown.Error, Does.Not.Contain(Secret).And.Not.Contain("SomethingElse12345"));
    }
}
