using static IntegrationLedger.Application.Tests.Features.Findings.RuleScenario;

namespace IntegrationLedger.Application.Tests.Features.Findings.Rules;

/// <summary>ShadowIntegrationRule: fires when its condition holds and stays quiet when it does not, on a fixed clock.</summary>
public class ShadowIntegrationRuleTests
{
    [Test]
    public async Task ShadowIntegration_FiresForUnmatchedApiActivity_QuietForMatchedAndBrowserActivity()
    {
        await using var test = await SharedTokenLedgerAsync();
        await ImportLoginsAsync(test,
            (Now, "integration.sync@example.com", "192.0.2.10", Success, "AcmeSync/4.2.1"),
            (Now, "someone@example.com", "203.0.113.5", Success, "Mozilla/5.0 (Windows NT 10.0)"));
        Assert.That(await FindingsOfAsync(test, "shadow-integration"), Is.Empty);

        await ImportLoginsAsync(test, (Now, "someone@example.com", "203.0.113.5", Success, "python-requests/2.32.3"));

        Assert.That((await FindingsOfAsync(test, "shadow-integration")).Single().Subject, Is.EqualTo("someone@example.com | python-requests/2.32.3"));
    }
}
