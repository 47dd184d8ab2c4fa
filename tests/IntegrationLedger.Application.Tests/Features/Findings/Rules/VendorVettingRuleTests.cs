using static IntegrationLedger.Application.Tests.Features.Findings.RuleScenario;

namespace IntegrationLedger.Application.Tests.Features.Findings.Rules;

/// <summary>VendorVettingRule: fires when its condition holds and stays quiet when it does not, on a fixed clock.</summary>
public class VendorVettingRuleTests
{
    [Test]
    public async Task VendorNotVetted_FiresWhenNeverVettedOrExpired_QuietWhileCurrent()
    {
        await using var test = await SharedTokenLedgerAsync();
        Assert.That(await FindingsOfAsync(test, "vendor-not-vetted"), Is.Empty);

        await test.AddIntegrationAsync("Unvetted");
        test.Clock.Advance(TimeSpan.FromDays(400));

        var subjects = (await FindingsOfAsync(test, "vendor-not-vetted")).Select(f => f.Subject);
        Assert.That(subjects, Is.EquivalentTo(new[] { "Nightly ETL", "Warehouse Backfill", "Unvetted" }), "a year's vetting has run out");
    }
}
