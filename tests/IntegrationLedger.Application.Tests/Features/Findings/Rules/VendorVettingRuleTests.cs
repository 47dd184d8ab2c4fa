using System.Globalization;
using IntegrationLedger.Application.Features.Findings;
using IntegrationLedger.Application.Features.Importing;
using IntegrationLedger.Application.Features.Integrations;
using IntegrationLedger.Application.Features.People;
using IntegrationLedger.Application.Features.Settings;
using IntegrationLedger.Application.Features.Tokens;
using IntegrationLedger.Application.Tests.Support;
using IntegrationLedger.Domain.Findings;
using IntegrationLedger.Domain.Integrations;
using IntegrationLedger.Domain.Tokens;
using Microsoft.EntityFrameworkCore;
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
