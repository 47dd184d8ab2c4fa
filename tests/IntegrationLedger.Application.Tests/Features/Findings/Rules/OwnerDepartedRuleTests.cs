using IntegrationLedger.Application.Features.People;
using IntegrationLedger.Application.Features.Tokens;
using IntegrationLedger.Application.Tests.Support;
using IntegrationLedger.Domain.Tokens;
using Microsoft.EntityFrameworkCore;
using static IntegrationLedger.Application.Tests.Features.Findings.RuleScenario;

namespace IntegrationLedger.Application.Tests.Features.Findings.Rules;

/// <summary>OwnerDepartedRule: fires when its condition holds and stays quiet when it does not, on a fixed clock.</summary>
public class OwnerDepartedRuleTests
{
    [Test]
    public async Task OwnerDeparted_FiresForActiveTokensAndIntegrations_QuietOnceRevokedAndReassigned()
    {
        await using var test = await TestLedger.CreateAsync();
        await test.AddPersonAsync("dana@example.com");
        await test.AddPersonAsync("eli@example.com");
        await test.AddIntegrationAsync("Loader", "dana@example.com");
        await test.AddTokenAsync("dana-token", "dana@example.com");
        await new OffboardPersonHandler(test.Ledger).HandleAsync(new OffboardPerson("dana@example.com", DateOnly.FromDateTime(Now)));

        var findings = await FindingsOfAsync(test, "owner-departed");
        Assert.That(findings.Select(f => (f.SubjectType, f.Subject)), Is.EquivalentTo(new[] { ("Token", "dana-token"), ("Integration", "Loader") }));

        await new RevokeTokenHandler(test.Ledger).HandleAsync(new RevokeToken("dana-token", RevocationReason.Offboarding));
        await using (var change = await test.Ledger.BeginChangeAsync("test.reassign"))
        {
            var eli = await test.Ledger.Db.People.SingleAsync(p => p.Email == "eli@example.com");
            (await test.Ledger.Db.Integrations.SingleAsync()).TransferOwnership(eli);
            await change.CommitAsync();
        }
        Assert.That(await FindingsOfAsync(test, "owner-departed"), Is.Empty);
    }
}
