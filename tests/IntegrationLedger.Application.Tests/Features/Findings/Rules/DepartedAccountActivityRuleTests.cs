using IntegrationLedger.Application.Features.People;
using IntegrationLedger.Application.Tests.Support;
using IntegrationLedger.Domain.Findings;
using static IntegrationLedger.Application.Tests.Features.Findings.RuleScenario;

namespace IntegrationLedger.Application.Tests.Features.Findings.Rules;

/// <summary>DepartedAccountActivityRule: fires when its condition holds and stays quiet when it does not, on a fixed clock.</summary>
public class DepartedAccountActivityRuleTests
{
    [Test]
    public async Task DepartedAccountActivity_FiresForUseAfterTheDepartureDay()
    {
        await using var test = await TestLedger.CreateAsync();
        await test.AddPersonAsync("dana@example.com", "Dana");
        await new OffboardPersonHandler(test.Ledger).HandleAsync(new OffboardPerson("dana@example.com", DateOnly.FromDateTime(Now.AddDays(-10))));
        await ImportLoginsAsync(test, (Now.AddDays(-10).AddHours(3), "dana@example.com", "203.0.113.5", Success, "Mozilla/5.0"));
        Assert.That(await FindingsOfAsync(test, "departed-account-activity"), Is.Empty, "activity on the last day is expected");

        await ImportLoginsAsync(test, (Now.AddDays(-2), "dana@example.com", "203.0.113.5", Success, "Mozilla/5.0"));

        var finding = (await FindingsOfAsync(test, "departed-account-activity")).Single();
        Assert.That(finding.Subject, Is.EqualTo("dana@example.com"));
        Assert.That(finding.Severity, Is.EqualTo(Severity.Critical));
    }

    [Test]
    public async Task DepartedAccountActivity_IgnoresRefusedLogins()
    {
        await using var test = await TestLedger.CreateAsync();
        await test.AddPersonAsync("dana@example.com", "Dana");
        await new OffboardPersonHandler(test.Ledger).HandleAsync(new OffboardPerson("dana@example.com", DateOnly.FromDateTime(Now.AddDays(-10))));

        await ImportLoginsAsync(test, (Now.AddDays(-2), "dana@example.com", "203.0.113.5", "LOGIN_ERROR_INVALID_PASSWORD", "Mozilla/5.0"));

        Assert.That(await FindingsOfAsync(test, "departed-account-activity"), Is.Empty, "a frozen account refusing logins is the goal");
    }
}
