using IntegrationLedger.Application.Features.Findings;
using IntegrationLedger.Application.Features.Integrations;
using IntegrationLedger.Application.Features.People;
using IntegrationLedger.Application.Features.Settings;
using IntegrationLedger.Application.Features.Tokens;
using IntegrationLedger.Application.Tests.Support;
using IntegrationLedger.Domain.Integrations;
using IntegrationLedger.Domain.Tokens;
using static IntegrationLedger.Application.Tests.Features.Access.AccessScenario;

namespace IntegrationLedger.Application.Tests.Features.Access;

/// <summary>The access rules over the sample exports: each finds what the samples' story holds, explains it, and stays quiet otherwise.</summary>
public class AccessRulesTests
{
    private static async Task<IReadOnlyList<FindingView>> FindingsAsync(TestLedger test, string rule) =>
        (await new RunRulesHandler(test.Ledger).HandleAsync(new RunRules())).Where(f => f.Rule == rule).OrderBy(f => f.Subject, StringComparer.Ordinal).ToList();

    /// <summary>The samples' integrations: Orbit BI on etl.bot, Acme Sync on mulesoft.api, and Nightly ETL and Warehouse Backfill both on integration.sync.</summary>
    private static async Task<TestLedger> StoryAsync()
    {
        var test = await LedgerAsync();
        await test.AddPersonAsync("ivan@example.com", "Ivan Petrov");
        foreach (var (name, account) in new[] { ("Orbit BI", "etl.bot@example.com"), ("Acme Sync", "mulesoft.api@example.com"), ("Nightly ETL", "integration.sync@example.com"), ("Warehouse Backfill", "integration.sync@example.com") })
        {
            await new AddIntegrationHandler(test.Ledger).HandleAsync(new AddIntegration(name, "Vendor", "ivan@example.com", "Moves data", null, NetworkTrust.Untrusted, [],
                [new AttributionRuleSpec(AttributionRuleKind.Account, account)]));
        }
        await ImportAllAsync(test);
        return test;
    }

    [Test]
    public async Task IntegrationOverPrivileged_NamesThePermissionItsSetAndSinceWhen()
    {
        await using var test = await StoryAsync();

        var findings = await FindingsAsync(test, "integration-over-privileged");

        Assert.That(findings.Select(f => f.Subject), Is.EqualTo(new[] { "etl.bot.old@example.com", "etl.bot@example.com", "integration.sync@example.com" }),
            "mulesoft.api is least privileged");
        Assert.That(findings[1].Summary, Does.Contain("etl.bot@example.com (Orbit BI) holds Modify All Data through permission set Orbit_BI_Full_Access since 2026-11-28"));
        Assert.That(findings[2].Summary, Does.Contain("View All Data through profile Integration User"));
        Assert.That((findings[0].Severity, findings[1].Severity), Is.EqualTo((Domain.Findings.Severity.Low, Domain.Findings.Severity.High)),
            "an inactive account's permissions matter only if it is reactivated");
        Assert.That(findings[0].Summary, Does.EndWith("it cannot sign in now (inactive or frozen)."));
    }

    [Test]
    public async Task IntegrationUserNotApiOnly_FindsBrowserCapableIntegrationUsers()
    {
        await using var test = await StoryAsync();

        var findings = await FindingsAsync(test, "integration-user-not-api-only");

        Assert.That(findings.Select(f => f.Subject), Is.EqualTo(new[] { "etl.bot@example.com", "integration.sync@example.com" }), "mulesoft.api has the Integration licence and API Only User");
        Assert.That(findings[1].Summary, Does.Contain("profile Integration User, licence Salesforce, no API Only User permission"));
    }

    [Test]
    public async Task SharedIntegrationAccount_FindsTheAccountTwoIntegrationsUse()
    {
        await using var test = await StoryAsync();

        var finding = (await FindingsAsync(test, "shared-integration-account")).Single();

        Assert.That(finding.Subject, Is.EqualTo("integration.sync@example.com"));
        Assert.That(finding.Summary, Does.Contain("used by 2 integrations: Nightly ETL (attribution rule) and Warehouse Backfill (attribution rule)"));
    }

    [Test]
    public async Task MfaMissing_FindsWeakMethodsTheWaiverAndNoMethod_NotApiOnlyOrFrozenUsers()
    {
        await using var test = await StoryAsync();

        var findings = (await FindingsAsync(test, "mfa-missing")).ToDictionary(f => f.Subject, f => f.Summary);

        Assert.That(findings["admin.ops@example.com"], Does.Contain("registered: email address verified by the user").And.Contain("holds Waive Multi-Factor Authentication through permission set MFA_Waiver_Temp"));
        Assert.That(findings["s.ito@example.com"], Does.Contain("It has a federation id"));
        Assert.That(findings.Keys, Does.Not.Contain("mulesoft.api@example.com"), "API only: no browser sign-in");
        Assert.That(findings.Keys, Does.Not.Contain("d.novak@example.com"), "frozen: cannot sign in");
        Assert.That(findings.Keys, Does.Not.Contain("j.rivera@example.com").And.Not.Contain("k.patel@example.com"), "strong methods");
    }

    [Test]
    public async Task PasswordAge_UsesTheSettingAndIncludesIntegrationPasswords()
    {
        await using var test = await StoryAsync();
        await new AddTokenHandler(test.Ledger).HandleAsync(new AddToken("sync-password", TokenKind.IntegrationPassword, "ivan@example.com",
            IssuedAt: test.Ledger.Now.AddDays(-200), RotateEveryDays: 365));

        var findings = (await FindingsAsync(test, "password-age")).ToDictionary(f => f.Subject, f => f.Summary);
        await new SetSettingHandler(test.Ledger).HandleAsync(new SetSetting("password-age.days", "365"));
        var lenient = await FindingsAsync(test, "password-age");

        Assert.That(findings["integration.sync@example.com"], Does.Contain("last changed its password on 2025-10-24, more than 90 days ago"));
        Assert.That(findings["sync-password"], Does.Contain("Integration password 'sync-password'"));
        Assert.That(findings.Keys, Does.Not.Contain("s.ito@example.com"), "changed this month");
        Assert.That(lenient.Select(f => f.Subject), Is.EqualTo(new[] { "a.okafor@example.com", "integration.sync@example.com" }), "over a year, with the setting at 365");
    }

    [Test]
    public async Task DepartedAccountStillActive_FindsADepartedPersonsUnfrozenAccount()
    {
        await using var test = await LedgerAsync();
        await test.AddPersonAsync("k.patel@example.com", "Kiran Patel");
        await test.AddPersonAsync("d.novak@example.com", "Dana Novak");
        await ImportAllAsync(test);
        foreach (var email in new[] { "k.patel@example.com", "d.novak@example.com" })
            await new OffboardPersonHandler(test.Ledger).HandleAsync(new OffboardPerson(email, new DateOnly(2026, 9, 30)));

        var finding = (await FindingsAsync(test, "departed-account-still-active")).Single();

        Assert.That(finding.Subject, Is.EqualTo("k.patel@example.com"), "d.novak is frozen");
        Assert.That(finding.Severity, Is.EqualTo(Domain.Findings.Severity.Critical));
        Assert.That(finding.Summary, Does.Contain("belongs to Kiran Patel, who departed on 2026-09-30, and is still active (User export of 2026-11-28) and not frozen (UserLogin of 2026-11-28)"));
    }

    [Test]
    public async Task AccessGained_FindsThePowerfulPermissionGainedBetweenExports()
    {
        await using var test = await LedgerAsync();
        await ImportSampleAsync(test, "user.csv");
        await ImportSampleAsync(test, "permissionsetassignment-earlier.csv", ExportedAt.AddDays(-7));
        Assert.That(await FindingsAsync(test, "access-gained"), Is.Empty, "one export shows no gain");

        await ImportSampleAsync(test, "permissionsetassignment.csv");
        var finding = (await FindingsAsync(test, "access-gained")).Single();

        Assert.That(finding.Subject, Is.EqualTo("etl.bot@example.com"));
        Assert.That(finding.Summary, Does.Contain("gained Modify All Data through permission set Orbit_BI_Full_Access, between the permission-set exports of 2026-11-21 and 2026-11-28"));
    }

    [Test]
    public async Task TrainingLapsed_FindsOwnersWithoutRecentTraining()
    {
        await using var test = await LedgerAsync();
        foreach (var (email, name) in new[] { ("ana@example.com", "Ana Lima"), ("ben@example.com", "Ben Okafor"), ("cy@example.com", "Cy Owner"), ("dee@example.com", "Dee Nobody") })
            await test.AddPersonAsync(email, name);
        foreach (var (name, owner) in new[] { ("One", "ana@example.com"), ("Two", "ben@example.com"), ("Three", "cy@example.com") })
            await test.AddIntegrationAsync(name, owner);
        await new RecordTrainingHandler(test.Ledger).HandleAsync(new RecordTraining("ana@example.com", new DateOnly(2026, 3, 1)));
        await new RecordTrainingHandler(test.Ledger).HandleAsync(new RecordTraining("ben@example.com", new DateOnly(2025, 6, 1), "Phishing"));

        var findings = (await FindingsAsync(test, "training-lapsed")).ToDictionary(f => f.Subject, f => f.Summary);

        Assert.That(findings.Keys, Is.EquivalentTo(new[] { "ben@example.com", "cy@example.com" }), "Ana trained this year; Dee owns nothing");
        Assert.That(findings["ben@example.com"], Is.EqualTo("Ben Okafor (owner of integration Two) last trained on 2025-06-01 (Phishing), more than 365 days ago."));
        Assert.That(findings["cy@example.com"], Is.EqualTo("Cy Owner (owner of integration Three) has no security training recorded."));
    }

    [Test]
    public async Task AccessRules_WithoutAccessExports_FindNothing()
    {
        await using var test = await RuleScenarioLedgerAsync();

        var findings = await new RunRulesHandler(test.Ledger).HandleAsync(new RunRules());

        Assert.That(findings.Select(f => f.Rule), Has.None.AnyOf("integration-over-privileged", "integration-user-not-api-only", "mfa-missing", "password-age", "departed-account-still-active", "access-gained"),
            "what no export has told is unknown, never a finding");
    }

    private static async Task<TestLedger> RuleScenarioLedgerAsync()
    {
        var test = await LedgerAsync();
        await test.AddPersonAsync("ana@example.com", "Ana Lima");
        await new AddTokenHandler(test.Ledger).HandleAsync(new AddToken("etl-token", TokenKind.SalesforceSecurityToken, "ana@example.com",
            Account: "integration.sync@example.com", AccountUserId: "005xx000001Sv7A", RotateEveryDays: 90));
        return test;
    }
}
