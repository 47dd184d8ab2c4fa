using IntegrationLedger.Application.Features.Findings;
using IntegrationLedger.Application.Features.People;
using IntegrationLedger.Application.Features.Settings;
using IntegrationLedger.Application.Features.Tokens;
using IntegrationLedger.Application.Tests.Support;
using IntegrationLedger.Domain.Findings;
using Microsoft.EntityFrameworkCore;
using static IntegrationLedger.Application.Tests.Features.Findings.RuleScenario;

namespace IntegrationLedger.Application.Tests.Features.Findings;

/// <summary>Running the rules: findings are updated, not duplicated, close themselves, and keep what a person decided; settings are checked.</summary>
public class RunRulesTests
{
    [Test]
    public async Task RunningTwice_UpdatesFindingsWithoutDuplicatesAndClosesThoseWhoseConditionIsGone()
    {
        await using var test = await TestLedger.CreateAsync();
        await test.AddPersonAsync("ana@example.com");
        await test.AddTokenAsync("old", "ana@example.com", rotateEvery: 90, lastRotated: Now.AddDays(-100));
        await RunAsync(test);
        test.Clock.Advance(TimeSpan.FromHours(1));

        await RunAsync(test);
        var finding = await test.Ledger.Db.Findings.AsNoTracking().SingleAsync(f => f.RuleId == "rotation-overdue");
        Assert.That((finding.Occurrences, finding.LastSeenAt > finding.FirstSeenAt), Is.EqualTo((2, true)));

        await new ResetTokenHandler(test.Ledger).HandleAsync(new ResetToken("old"));
        var open = await RunAsync(test);
        Assert.That(open.Where(f => f.Rule == "rotation-overdue"), Is.Empty);
        finding = await test.Ledger.Db.Findings.AsNoTracking().SingleAsync(f => f.RuleId == "rotation-overdue");
        Assert.That((finding.Status, finding.ClosedReason), Is.EqualTo((FindingStatus.Resolved, Finding.ConditionCleared)));
        Assert.That(await test.Ledger.Db.Findings.CountAsync(f => f.RuleId == "rotation-overdue"), Is.EqualTo(1));
    }

    [Test]
    public async Task TokenAndIntegrationWithTheSameName_AreSeparateFindings()
    {
        await using var test = await TestLedger.CreateAsync();
        await test.AddPersonAsync("bob@example.com");
        await test.AddIntegrationAsync("crm-sync", "bob@example.com");
        await test.AddTokenAsync("crm-sync", "bob@example.com");
        await new OffboardPersonHandler(test.Ledger).HandleAsync(new OffboardPerson("bob@example.com", DateOnly.FromDateTime(Now)));

        var findings = await FindingsOfAsync(test, "owner-departed");

        Assert.That(findings.Select(f => f.SubjectType), Is.EquivalentTo(new[] { "Token", "Integration" }));
    }

    [Test]
    public async Task ResolvedByAPerson_StaysResolvedWhileTheConditionLasts()
    {
        await using var test = await TestLedger.CreateAsync();
        await test.AddPersonAsync("ana@example.com");
        await test.AddTokenAsync("old", "ana@example.com", rotateEvery: 90, lastRotated: Now.AddDays(-100));
        var id = (await RunAsync(test)).Single(f => f.Rule == "rotation-overdue").Id;
        await new WorkFindingsHandler(test.Ledger).HandleAsync(new WorkFindings(id, FindingAction.Resolve, "Risk accepted until the migration"));

        var open = await RunAsync(test);

        Assert.That(open.Where(f => f.Rule == "rotation-overdue"), Is.Empty);
        var finding = await test.Ledger.Db.Findings.AsNoTracking().SingleAsync(f => f.RuleId == "rotation-overdue");
        Assert.That((finding.Status, finding.Note), Is.EqualTo((FindingStatus.Resolved, "Risk accepted until the migration")));
    }

    [TestCase("stale.days", "0")]
    [TestCase("rotation-overdue.grace-days", "99999999")]
    [TestCase("shadow-integration.min-events", "-1")]
    public async Task Settings_OutOfRange_AreRefused(string name, string value)
    {
        await using var test = await TestLedger.CreateAsync();

        Assert.That(async () => await new SetSettingHandler(test.Ledger).HandleAsync(new SetSetting(name, value)),
            Throws.TypeOf<FluentValidation.ValidationException>());
    }
}
