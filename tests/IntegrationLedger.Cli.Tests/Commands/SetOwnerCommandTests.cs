using IntegrationLedger.Cli.Infrastructure;
using IntegrationLedger.Cli.Tests.Support;

namespace IntegrationLedger.Cli.Tests.Commands;

/// <summary>
/// <c>token set-owner</c> and <c>integration set-owner</c>: the way out of "decide later" at an offboarding.
/// The new owner must be a person in the ledger who has not departed; every change is audited.
/// </summary>
public class SetOwnerCommandTests
{
    private CliRunner _cli = null!;

    [SetUp]
    public async Task CreateLedger()
    {
        _cli = await CliRunner.WithLedgerAsync();
        await _cli.LedgerAsync("person", "add", "--email", "ana@example.com", "--name", "Ana Lima");
        await _cli.LedgerAsync("person", "add", "--email", "gus@example.com", "--name", "Gus Reyes");
        await _cli.LedgerAsync("person", "add", "--email", "lee@example.com", "--name", "Lee Park");
        await _cli.LedgerAsync("integration", "add", "--name", "Nightly ETL", "--owner", "ana@example.com");
        await _cli.LedgerAsync("token", "add", "--label", "etl-token", "--kind", "api-key", "--owner", "ana@example.com");
        await _cli.LedgerAsync("person", "offboard", "lee@example.com", "--on", "2026-06-30");
    }

    [TearDown]
    public void RemoveLedger() => _cli.Dispose();

    [Test]
    public async Task TokenSetOwner_HandsTheTokenOver_AndIsAudited()
    {
        var result = await _cli.LedgerAsync("token", "set-owner", "etl-token", "--owner", "Gus@Example.com");

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), result.ToString());
        Assert.That(result.Out, Does.Contain("Token 'etl-token' is now owned by gus@example.com."));
        Assert.That((await _cli.LedgerAsync("token", "show", "etl-token", "--json")).Json.GetProperty("token").GetProperty("ownerEmail").GetString(), Is.EqualTo("gus@example.com"));
        var log = await _cli.LedgerAsync("audit", "log", "--json");
        Assert.That(log.Json.EnumerateArray().Count(e => e.GetProperty("action").GetString() == "token.owner"), Is.EqualTo(1));
    }

    [Test]
    public async Task IntegrationSetOwner_GivesItANewOwner_AndIsAudited()
    {
        var result = await _cli.LedgerAsync("integration", "set-owner", "Nightly ETL", "--owner", "gus@example.com", "--json");

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), result.ToString());
        Assert.That(result.Json.GetProperty("ownerEmail").GetString(), Is.EqualTo("gus@example.com"));
        var log = await _cli.LedgerAsync("audit", "log", "--json");
        Assert.That(log.Json.EnumerateArray().Count(e => e.GetProperty("action").GetString() == "integration.owner"), Is.EqualTo(1));
    }

    [TestCase("token", "etl-token", "lee@example.com", "departed on 2026-06-30")]
    [TestCase("integration", "Nightly ETL", "lee@example.com", "has departed")]
    [TestCase("token", "etl-token", "nobody@example.com", "No person with email 'nobody@example.com'")]
    [TestCase("integration", "Nightly ETL", "nobody@example.com", "No person with email 'nobody@example.com'")]
    [TestCase("token", "etl-token", "ana@example.com", "already owned by ana@example.com")]
    [TestCase("integration", "No Such ETL", "gus@example.com", "No Such ETL")]
    [TestCase("token", "etl-token", "not-an-email", "email")]
    public async Task SetOwner_ToSomeoneWhoCannotTakeItOver_ExitsTwoWithOneSentence_AndChangesNothing(string noun, string name, string owner, string mentioned)
    {
        var entriesBefore = (await _cli.LedgerAsync("audit", "log", "--json")).Json.GetArrayLength();

        var result = await _cli.LedgerAsync(noun, "set-owner", name, "--owner", owner);

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.BadInput), result.ToString());
        Assert.That(result.Error, Does.Contain(mentioned));
        Assert.That(result.Error.Trim().Split('\n'), Has.Length.EqualTo(1), "one sentence, no stack trace");
        Assert.That((await _cli.LedgerAsync("audit", "log", "--json")).Json.GetArrayLength(), Is.EqualTo(entriesBefore));
    }

    [Test]
    public async Task TokenShow_SaysWhoRevokedIt()
    {
        await _cli.LedgerAsync("token", "revoke", "etl-token", "--reason", "unused");

        var shown = await _cli.LedgerAsync("token", "show", "etl-token");

        Assert.That(shown.Out, Does.Contain("Status: revoked on").And.Contain("by tester (unused)"));
        Assert.That((await _cli.LedgerAsync("token", "show", "etl-token", "--json")).Json.GetProperty("revokedBy").GetString(), Is.EqualTo("tester"));
    }

    [Test]
    public async Task SetOwner_IsListedInTheHelpOfBothGroups()
    {
        var token = await _cli.RunAsync(["token", "--help"]);
        var integration = await _cli.RunAsync(["integration", "--help"]);

        Assert.That(token.Out, Does.Contain("set-owner"));
        Assert.That(integration.Out, Does.Contain("set-owner"));
    }
}
