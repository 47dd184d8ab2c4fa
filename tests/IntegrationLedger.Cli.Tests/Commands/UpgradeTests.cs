using IntegrationLedger.Cli.Tests.Support;

namespace IntegrationLedger.Cli.Tests.Commands;

/// <summary>A ledger written by an earlier build is upgraded by the first command that opens it, which says so and where the copy is.</summary>
public class UpgradeTests
{
    private const string FixtureAnchor = "74:74fdfbf0ff73debf47b7ae77ea142a2cd39ba3a0e07c3c8c1a528b9742a51e43";

    [Test]
    public async Task AnyCommand_OnALedgerFromBeforeFindings_UpgradesItAndSaysWhereTheCopyIs()
    {
        using var cli = new CliRunner();
        var fixture = Path.Combine(AppContext.BaseDirectory, "Fixtures", "ledger-before-findings");
        File.Copy(Path.Combine(fixture, "ledger.db"), cli.DatabasePath);
        File.Copy(Path.Combine(fixture, "ledger.db.key"), cli.DatabasePath + ".key");

        var list = await cli.LedgerAsync("token", "list", "--json");

        Assert.That(list.ExitCode, Is.Zero, list.ToString());
        Assert.That(list.Json.GetArrayLength(), Is.EqualTo(6));
        Assert.That(list.Error, Does.Contain("Upgraded the ledger schema").And.Contain("copied to "));
        var backup = list.Error[(list.Error.IndexOf("copied to ", StringComparison.Ordinal) + "copied to ".Length)..].Trim().TrimEnd('.');
        Assert.That(File.Exists(backup), Is.True, backup);

        var again = await cli.LedgerAsync("audit", "verify", "--anchor", FixtureAnchor);
        Assert.That(again.ExitCode, Is.Zero, again.ToString());
        Assert.That(again.Error, Does.Not.Contain("Upgraded"), "upgraded once");
    }
}
