using IntegrationLedger.Cli.Tests.Support;

namespace IntegrationLedger.Cli.Tests.Commands;

/// <summary>An integration account's access level in <c>ledger review</c>: what its owner is shown, and what attesting it says.</summary>
public class AccessLevelReviewCommandTests
{
    private static string Fixture(string file) => Path.Combine(AppContext.BaseDirectory, "samples", "salesforce", file);

    private static async Task<CliRunner> LedgerWithAccessExportsAsync()
    {
        var cli = await CliRunner.WithLedgerAsync();
        cli.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
        foreach (var args in new[]
        {
            new[] { "person", "add", "--email", "ana@example.com", "--name", "Ana Lima" },
            ["integration", "add", "--name", "Orbit BI Extract", "--owner", "ana@example.com", "--purpose", "BI extracts", "--match-account", "etl.bot@example.com"],
            ["import", "auto", Fixture("user.csv"), Fixture("permissionsetassignment.csv"), Fixture("twofactormethodsinfo.csv"), Fixture("userlogin.csv"), "--as-of", "2026-11-29"],
            ["review", "start", "--quarter", "2026-Q4"],
        })
        {
            var result = await cli.LedgerAsync(args);
            Assert.That(result.ExitCode, Is.Zero, result.ToString());
        }
        return cli;
    }

    [Test]
    public async Task StatusItems_ShowsTheAccessLevelToAttest_AndRevokeSaysWhatToDoInSalesforce()
    {
        using var cli = await LedgerWithAccessExportsAsync();

        var status = await cli.LedgerAsync("review", "status", "--items", "--owner", "ana@example.com");
        var item = (await cli.LedgerAsync("review", "status", "--json")).Json.GetProperty("itemList").EnumerateArray()
            .Single(i => i.GetProperty("subject").GetString() == "etl.bot@example.com access level").GetProperty("id").GetString()!;
        var revoke = await cli.LedgerAsync("review", "attest", item, "--revoke", "--note", "Read access is enough");

        Assert.That(status.ExitCode, Is.Zero, status.ToString());
        Assert.That(status.Out, Does.Contain("access level").And.Contain("Least privilege: keep, change or revoke?")
            .And.Contain($"{item} etl.bot@example.com: holds Modify All Data through permission set Orbit_BI_Full_Access"));
        Assert.That(status.Out, Does.Contain("not API only; no MFA"));
        Assert.That(revoke.ExitCode, Is.Zero, revoke.ToString());
        Assert.That(revoke.Out, Does.Contain("etl.bot@example.com access level: revoke.").And.Not.Contain("Revoked:")
            .And.Contain("Attested as it stands now: holds Modify All Data")
            .And.Contain("unassign permission set Orbit_BI_Full_Access from etl.bot@example.com"));
    }
}
