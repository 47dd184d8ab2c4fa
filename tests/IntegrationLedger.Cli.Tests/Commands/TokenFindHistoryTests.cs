using IntegrationLedger.Cli.Infrastructure;
using IntegrationLedger.Cli.Tests.Support;

namespace IntegrationLedger.Cli.Tests.Commands;

/// <summary>
/// <c>token find</c> after a reset and a revoke: an old value that turns up in a repository or a paste is still
/// named, with whose it was, whether it is live, the integrations that used it and what to do.
/// </summary>
public class TokenFindHistoryTests
{
    private const string First = "hX9vQ2LmT7pR4sW8nK3bZ6cY";
    private const string Second = "Pq3rS5tU7vW9xY1zA2bC4dE6";
    private CliRunner _cli = null!;

    [SetUp]
    public async Task CreateLedger()
    {
        _cli = await CliRunner.WithLedgerAsync();
        await _cli.LedgerAsync("person", "add", "--email", "ana@example.com", "--name", "Ana Lima");
        await _cli.LedgerAsync("integration", "add", "--name", "Nightly ETL", "--owner", "ana@example.com");
        await _cli.LedgerWithInputAsync(First + "\n", "token", "add", "--label", "etl-token", "--kind", "api-key", "--owner", "ana@example.com", "--secret-stdin");
        await _cli.LedgerAsync("token", "use", "etl-token", "--by", "Nightly ETL", "--purpose", "API login");
    }

    [TearDown]
    public void RemoveLedger() => _cli.Dispose();

    [Test]
    public async Task AfterAReset_TheOldValueIsNamedSupersededAndTheNewOneCurrent()
    {
        var reset = await _cli.LedgerWithInputAsync(Second + "\n", "token", "reset", "etl-token", "--secret-stdin");
        Assert.That(reset.ExitCode, Is.EqualTo(ExitCodes.Success), reset.ToString());

        var old = await _cli.LedgerWithInputAsync(First, "token", "find", "--secret-stdin");
        var oldJson = await _cli.LedgerWithInputAsync(First, "token", "find", "--secret-stdin", "--json");
        var current = await _cli.LedgerWithInputAsync(Second, "token", "find", "--secret-stdin");

        Assert.That(old.ExitCode, Is.EqualTo(ExitCodes.Success), old.ToString());
        Assert.That(old.Out, Does.Contain("This secret was token 'etl-token' (api-key, owned by ana@example.com)")
            .And.Contain("superseded by a reset on")
            .And.Contain("Used by: Nightly ETL."));
        var secret = oldJson.Json.GetProperty("secret");
        Assert.That(secret.GetProperty("state").GetString(), Is.EqualTo("superseded"));
        Assert.That(secret.GetProperty("endedAt").GetDateTime(), Is.Not.EqualTo(default(DateTime)));
        Assert.That(oldJson.Json.GetProperty("token").GetProperty("label").GetString(), Is.EqualTo("etl-token"));
        Assert.That(current.Out, Does.Contain("This secret is token 'etl-token'").And.Contain("current since").And.Contain("It is live"));
        var show = await _cli.LedgerAsync("token", "show", "etl-token");
        Assert.That(show.Out, Does.Contain("Ended by").And.Contain("fingerprinted (ends …Z6cY)").And.Contain("reset"));
        AssertNoSecretIn(old, oldJson, current, reset, show);
    }

    [Test]
    public async Task AfterARevoke_TheValueIsNamedRevoked()
    {
        await _cli.LedgerAsync("token", "revoke", "etl-token", "--reason", "compromised", "--note", "pasted in a ticket");

        var found = await _cli.LedgerWithInputAsync(First, "token", "find", "--secret-stdin", "--json");

        Assert.That(found.ExitCode, Is.EqualTo(ExitCodes.Success), found.ToString());
        Assert.That(found.Json.GetProperty("secret").GetProperty("state").GetString(), Is.EqualTo("revoked"));
        Assert.That(found.Json.GetProperty("secret").GetProperty("advice").GetString(), Does.Contain("revoked on"));
        AssertNoSecretIn(found);
    }

    [Test]
    public async Task AResetBackToAnOldValue_IsRefused()
    {
        await _cli.LedgerWithInputAsync(Second + "\n", "token", "reset", "etl-token", "--secret-stdin");

        var back = await _cli.LedgerWithInputAsync(First + "\n", "token", "reset", "etl-token", "--secret-stdin");

        Assert.That(back.ExitCode, Is.EqualTo(ExitCodes.BadInput), back.ToString());
        Assert.That(back.Error, Does.Contain("was this token's value until it was reset on"));
        AssertNoSecretIn(back);
    }

    private static void AssertNoSecretIn(params CliResult[] results)
    {
        foreach (var result in results)
            Assert.That(result.Out + result.Error, Does.Not.Contain(First).And.Not.Contain(Second).And.Not.Contain(First[..12]));
    }
}
