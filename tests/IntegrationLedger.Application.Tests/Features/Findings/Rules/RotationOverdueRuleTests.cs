using IntegrationLedger.Application.Features.Settings;
using IntegrationLedger.Application.Tests.Support;
using static IntegrationLedger.Application.Tests.Features.Findings.RuleScenario;

namespace IntegrationLedger.Application.Tests.Features.Findings.Rules;

/// <summary>RotationOverdueRule: fires when its condition holds and stays quiet when it does not, on a fixed clock.</summary>
public class RotationOverdueRuleTests
{
    [Test]
    public async Task RotationOverdue_FiresPastDueAndHonoursTheGraceSetting()
    {
        await using var test = await TestLedger.CreateAsync();
        await test.AddPersonAsync("ana@example.com");
        await test.AddTokenAsync("old", "ana@example.com", rotateEvery: 90, lastRotated: Now.AddDays(-100));
        await test.AddTokenAsync("fresh", "ana@example.com", rotateEvery: 90, lastRotated: Now.AddDays(-10));

        Assert.That((await FindingsOfAsync(test, "rotation-overdue")).Select(f => f.Subject), Is.EqualTo(new[] { "old" }));

        await new SetSettingHandler(test.Ledger).HandleAsync(new SetSetting("rotation-overdue.grace-days", "20"));
        Assert.That(await FindingsOfAsync(test, "rotation-overdue"), Is.Empty, "10 days late is within 20 days of grace");
    }
}
