using static IntegrationLedger.Application.Tests.Features.Findings.RuleScenario;

namespace IntegrationLedger.Application.Tests.Features.Findings.Rules;

/// <summary>StaleRule: fires when its condition holds and stays quiet when it does not, on a fixed clock.</summary>
public class StaleRuleTests
{
    [Test]
    public async Task Stale_FiresOnlyWhereTheDataCoversTheWindow()
    {
        await using var test = await SharedTokenLedgerAsync();
        await ImportLoginsAsync(test, (Now.AddDays(-20), "integration.sync@example.com", "192.0.2.10", Success, "AcmeSync/4.2.1"));
        test.Clock.Advance(TimeSpan.FromDays(200));
        Assert.That(await FindingsOfAsync(test, "stale"), Is.Empty, "20 days of data say nothing about 90");

        await ImportLoginsAsync(test, (Now.AddDays(150), "integration.sync@example.com", "192.0.2.10", Success, "AcmeSync/4.2.1"));

        var stale = await FindingsOfAsync(test, "stale");
        Assert.That(stale.Select(f => f.Subject), Is.EqualTo(new[] { "Warehouse Backfill" }), "Nightly ETL and its token were active");
    }

    [Test]
    public async Task Stale_JudgesIntegrationsRecordedAfterTheFact_AndTokensThroughTheIntegrationsThatUseThem()
    {
        await using var test = await SharedTokenLedgerAsync();
        await test.AddTokenAsync("api-key-without-account", "ana@example.com", lastRotated: Now.AddDays(-300));
        await test.UseTokenAsync("api-key-without-account", "Nightly ETL");
        // The data is old: it covers 120 days that ended long before the integrations were recorded.
        await ImportLoginsAsync(test,
            (Now.AddDays(-250), "integration.sync@example.com", "192.0.2.10", Success, "AcmeSync/4.2.1"),
            (Now.AddDays(-130), "integration.sync@example.com", "192.0.2.10", Success, "AcmeSync/4.2.1"));

        var stale = await FindingsOfAsync(test, "stale");

        Assert.That(stale.Select(f => f.Subject), Is.EqualTo(new[] { "Warehouse Backfill" }),
            "the key without an account was in use through Nightly ETL");
    }
}
