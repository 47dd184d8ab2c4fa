using IntegrationLedger.Application.Features.Integrations;
using IntegrationLedger.Application.Tests.Support;
using IntegrationLedger.Domain.Integrations;
using static IntegrationLedger.Application.Tests.Features.Findings.RuleScenario;

namespace IntegrationLedger.Application.Tests.Features.Findings.Rules;

/// <summary>IntegrationWithoutOwnerOrPurposeRule: fires when its condition holds and stays quiet when it does not, on a fixed clock.</summary>
public class IntegrationWithoutOwnerOrPurposeRuleTests
{
    [Test]
    public async Task IntegrationUndocumented_FiresWithoutOwnerOrPurpose()
    {
        await using var test = await TestLedger.CreateAsync();
        await test.AddPersonAsync("ana@example.com");
        await test.AddIntegrationAsync("Documented", "ana@example.com");
        await new AddIntegrationHandler(test.Ledger).HandleAsync(new AddIntegration("Mystery", null, null, null, null, NetworkTrust.Untrusted, [], []));

        var findings = await FindingsOfAsync(test, "integration-undocumented");

        Assert.That(findings.Single().Subject, Is.EqualTo("Mystery"));
        Assert.That(findings.Single().Summary, Does.Contain("neither an owner nor a purpose"));
    }
}
