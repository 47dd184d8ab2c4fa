using static IntegrationLedger.Application.Tests.Features.Findings.RuleScenario;

namespace IntegrationLedger.Application.Tests.Features.Findings.Rules;

/// <summary>OutsideAllowedNetworkRule: fires when its condition holds and stays quiet when it does not, on a fixed clock.</summary>
public class OutsideAllowedNetworkRuleTests
{
    [Test]
    public async Task OutsideAllowedNetwork_FiresForAnAddressOutsideTheList()
    {
        await using var test = await SharedTokenLedgerAsync();
        await ImportLoginsAsync(test, (Now, "integration.sync@example.com", "192.0.2.10", Success, "AcmeSync/4.2.1"));
        Assert.That(await FindingsOfAsync(test, "outside-allowed-network"), Is.Empty);

        await ImportLoginsAsync(test, (Now, "integration.sync@example.com", "198.51.100.99", Success, "AcmeSync/4.2.1"));

        var finding = (await FindingsOfAsync(test, "outside-allowed-network")).Single();
        Assert.That((finding.Subject, finding.Summary), Is.EqualTo(("Nightly ETL", finding.Summary)));
        Assert.That(finding.Summary, Does.Contain("198.51.100.99"));
    }
}
