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

namespace IntegrationLedger.Application.Tests.Findings;

/// <summary>Every rule fires when its condition holds and stays quiet when it does not, on a fixed clock.</summary>
public class RuleTests
{
    private static readonly DateTime Now = TestLedger.Start.UtcDateTime;

    private static async Task<IReadOnlyList<FindingView>> RunAsync(TestLedger test) => await new RunRulesHandler(test.Ledger).HandleAsync(new RunRules());

    private static async Task<IReadOnlyList<FindingView>> FindingsOfAsync(TestLedger test, string rule) =>
        (await RunAsync(test)).Where(f => f.Rule == rule).ToList();

    /// <summary>An Event Monitoring Login file with the given rows, imported.</summary>
    private static async Task ImportLoginsAsync(TestLedger test, params (DateTime At, string User, string Ip, string Status, string Client)[] rows)
    {
        var lines = new List<string> { "EVENT_TYPE,TIMESTAMP,REQUEST_ID,USER_ID,USER_NAME,SOURCE_IP,LOGIN_STATUS,BROWSER_TYPE,API_TYPE" };
        foreach (var (row, i) in rows.Select((r, i) => (r, i)))
        {
            lines.Add(string.Join(",", "Login", row.At.ToString("yyyyMMddHHmmss.fff", CultureInfo.InvariantCulture), $"req-{Guid.NewGuid():N}",
                UserIds.GetValueOrDefault(row.User, "005xx000001Sv7A"), row.User, row.Ip, row.Status, row.Client, "P"));
        }
        var path = Samples.Write(test, $"logins-{Guid.NewGuid():N}.csv", string.Join("\n", lines) + "\n");
        var result = await new ImportUsageFileHandler(test.Ledger).HandleAsync(new ImportUsageFile("sf-elf", path));
        Assert.That(result.Errors, Is.Empty);
    }

    private static readonly Dictionary<string, string> UserIds = new()
    {
        ["integration.sync@example.com"] = "005xx000001Sv7A",
        ["dana@example.com"] = "005xx000001Tb2c",
        ["someone@example.com"] = "005xx000001Va1M",
    };

    private const string Success = "LOGIN_NO_ERROR";
    private const string NeedsToken = "LOGIN_ERROR_MUST_USE_API_TOKEN";

    /// <summary>Ana owns "Nightly ETL" (client AcmeSync) and "Warehouse Backfill" (client backfill-job); both use etl-token of integration.sync.</summary>
    private static async Task<TestLedger> SharedTokenLedgerAsync()
    {
        var test = await TestLedger.CreateAsync();
        await test.AddPersonAsync("ana@example.com", "Ana Lima");
        foreach (var (name, client) in new[] { ("Nightly ETL", "AcmeSync"), ("Warehouse Backfill", "backfill-job") })
        {
            await new AddIntegrationHandler(test.Ledger).HandleAsync(new AddIntegration(name, "Acme", "ana@example.com", "Moves data", null, NetworkTrust.Untrusted,
                ["192.0.2.0/24"], [new(AttributionRuleKind.Account, "integration.sync@example.com"), new(AttributionRuleKind.ClientName, client)]));
            await new VetIntegrationHandler(test.Ledger).HandleAsync(new VetIntegration(name, DateOnly.FromDateTime(Now), "Gus", VettingOutcome.Approved, null, null));
        }
        await new AddTokenHandler(test.Ledger).HandleAsync(new AddToken("etl-token", TokenKind.SalesforceSecurityToken, "ana@example.com",
            Account: "integration.sync@example.com", AccountUserId: "005xx000001Sv7A", RotateEveryDays: 90, IssuedAt: Now.AddDays(-30)));
        await test.UseTokenAsync("etl-token", "Nightly ETL");
        await test.UseTokenAsync("etl-token", "Warehouse Backfill");
        return test;
    }

    [Test]
    public async Task ResetScenario_OneConfirmsTheOtherKeepsFailing_FindsExactlyTheOneThatDidNot()
    {
        await using var test = await SharedTokenLedgerAsync();
        test.Clock.Advance(TimeSpan.FromHours(1));
        var resetAt = test.Clock.GetUtcNow().UtcDateTime;
        await new ResetTokenHandler(test.Ledger).HandleAsync(new ResetToken("etl-token"));
        test.Clock.Advance(TimeSpan.FromMinutes(30));
        await new ConfirmTokenUpdateHandler(test.Ledger).HandleAsync(new ConfirmTokenUpdate("etl-token", "Warehouse Backfill"));
        await ImportLoginsAsync(test,
            (resetAt.AddMinutes(-10), "integration.sync@example.com", "192.0.2.10", Success, "AcmeSync/4.2.1"),
            (resetAt.AddMinutes(5), "integration.sync@example.com", "192.0.2.10", NeedsToken, "AcmeSync/4.2.1"),
            (resetAt.AddMinutes(65), "integration.sync@example.com", "192.0.2.10", NeedsToken, "AcmeSync/4.2.1"),
            (resetAt.AddMinutes(40), "integration.sync@example.com", "192.0.2.11", Success, "backfill-job/1.3"));

        var findings = await FindingsOfAsync(test, "not-updated-after-reset");

        Assert.That(findings.Select(f => f.Subject), Is.EqualTo(new[] { "etl-token / Nightly ETL" }));
        Assert.That(findings[0].Summary, Does.Contain("failed 2 time(s)"));
        Assert.That(findings[0].Severity, Is.EqualTo(Severity.High));
    }

    [Test]
    public async Task NotUpdatedAfterReset_QuietWhenEveryIntegrationIsConfirmed_AndFiresWhenConfirmationIsLate()
    {
        await using var test = await SharedTokenLedgerAsync();
        await new ResetTokenHandler(test.Ledger).HandleAsync(new ResetToken("etl-token"));
        await new ConfirmTokenUpdateHandler(test.Ledger).HandleAsync(new ConfirmTokenUpdate("etl-token", "Warehouse Backfill"));
        Assert.That(await FindingsOfAsync(test, "not-updated-after-reset"), Is.Empty, "within the days allowed, without failures");

        test.Clock.Advance(TimeSpan.FromDays(8));
        var late = await FindingsOfAsync(test, "not-updated-after-reset");
        Assert.That(late.Single().Subject, Is.EqualTo("etl-token / Nightly ETL"));
        Assert.That(late.Single().Severity, Is.EqualTo(Severity.Medium));

        await new ConfirmTokenUpdateHandler(test.Ledger).HandleAsync(new ConfirmTokenUpdate("etl-token", "Nightly ETL"));
        Assert.That(await FindingsOfAsync(test, "not-updated-after-reset"), Is.Empty);
    }

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

    [Test]
    public async Task UseAfterRevocation_FiresForSuccessAfterTheRevocation_QuietBefore()
    {
        await using var test = await SharedTokenLedgerAsync();
        await ImportLoginsAsync(test, (Now.AddHours(-2), "integration.sync@example.com", "192.0.2.10", Success, "AcmeSync/4.2.1"));
        await new RevokeTokenHandler(test.Ledger).HandleAsync(new RevokeToken("etl-token", RevocationReason.Compromised));
        Assert.That(await FindingsOfAsync(test, "use-after-revocation"), Is.Empty);

        await ImportLoginsAsync(test, (Now.AddHours(1), "integration.sync@example.com", "192.0.2.10", Success, "AcmeSync/4.2.1"));

        var finding = (await FindingsOfAsync(test, "use-after-revocation")).Single();
        Assert.That(finding.Subject, Is.EqualTo("etl-token"));
        Assert.That(finding.Severity, Is.EqualTo(Severity.Critical));
    }

    [Test]
    public async Task Stale_FiresOnlyWhereTheDataCoversTheWindow()
    {
        await using var test = await SharedTokenLedgerAsync();
        await ImportLoginsAsync(test, (Now.AddDays(-20), "integration.sync@example.com", "192.0.2.10", Success, "AcmeSync/4.2.1"));
        test.Clock.Advance(TimeSpan.FromDays(200));
        Assert.That(await FindingsOfAsync(test, "stale"), Is.Empty, "20 days of data say nothing about 90");

        await ImportLoginsAsync(test, (Now.AddDays(150), "integration.sync@example.com", "192.0.2.10", Success, "AcmeSync/4.2.1"));

        var stale = await FindingsOfAsync(test, "stale");
        Assert.That(stale.Select(f => f.Subject), Is.EqualTo(new[] { "Warehouse Backfill" }), "Nightly ETL and its token were active");
    }

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
    public async Task AckAndResolve_AreAuditedWithTheirNotes()
    {
        await using var test = await TestLedger.CreateAsync();
        await test.AddPersonAsync("ana@example.com");
        await test.AddTokenAsync("old", "ana@example.com", rotateEvery: 90, lastRotated: Now.AddDays(-100));
        var id = (await RunAsync(test)).Single(f => f.Rule == "rotation-overdue").Id;

        await new WorkFindingHandler(test.Ledger).HandleAsync(new WorkFinding(id, FindingAction.Acknowledge, "Reset planned for Friday"));
        var resolved = await new WorkFindingHandler(test.Ledger).HandleAsync(new WorkFinding(id, FindingAction.Resolve, "Token retired"));

        Assert.That((resolved.Status, resolved.Note, resolved.ActedBy), Is.EqualTo((FindingStatus.Resolved, "Token retired", "tester")));
        var actions = await test.Ledger.Db.AuditEntries.Where(e => e.EntityType == "Finding").Select(e => e.Action).ToListAsync();
        Assert.That(actions, Is.EqualTo(new[] { "findings.run", "finding.ack", "finding.resolve" }));
        Assert.That(async () => await new WorkFindingHandler(test.Ledger).HandleAsync(new WorkFinding("nope", FindingAction.Resolve, "x")),
            Throws.TypeOf<Common.NotFoundException>());
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
    public async Task Stale_JudgesIntegrationsRecordedAfterTheFact_AndTokensThroughTheIntegrationsThatUseThem()
    {
        await using var test = await SharedTokenLedgerAsync();
        await test.AddTokenAsync("api-key-without-account", "ana@example.com", lastRotated: Now.AddDays(-300));
        await test.UseTokenAsync("api-key-without-account", "Nightly ETL");
        // The data is old: it covers 120 days that ended long before the integrations were recorded.
        await ImportLoginsAsync(test,
            (Now.AddDays(-250), "integration.sync@example.com", "192.0.2.10", Success, "AcmeSync/4.2.1"),
            (Now.AddDays(-130), "integration.sync@example.com", "192.0.2.10", Success, "AcmeSync/4.2.1"));

        var stale = await FindingsOfAsync(test, "stale");

        Assert.That(stale.Select(f => f.Subject), Is.EqualTo(new[] { "Warehouse Backfill" }),
            "the key without an account was in use through Nightly ETL");
    }

    [Test]
    public async Task NotUpdatedAfterReset_AConfirmationTheFailuresContradict_IsStillAFinding()
    {
        await using var test = await SharedTokenLedgerAsync();
        await new ResetTokenHandler(test.Ledger).HandleAsync(new ResetToken("etl-token"));
        test.Clock.Advance(TimeSpan.FromMinutes(10));
        await new ConfirmTokenUpdateHandler(test.Ledger).HandleAsync(new ConfirmTokenUpdate("etl-token", "Nightly ETL"));
        await new ConfirmTokenUpdateHandler(test.Ledger).HandleAsync(new ConfirmTokenUpdate("etl-token", "Warehouse Backfill"));

        await ImportLoginsAsync(test, (Now.AddMinutes(30), "integration.sync@example.com", "192.0.2.10", NeedsToken, "AcmeSync/4.2.1"));

        var finding = (await FindingsOfAsync(test, "not-updated-after-reset")).Single();
        Assert.That(finding.Subject, Is.EqualTo("etl-token / Nightly ETL"));
        Assert.That(finding.Summary, Does.Contain("was confirmed as updated"));
    }

    [Test]
    public async Task NotUpdatedAfterReset_RecognisesFailuresWhateverTheirCase()
    {
        await using var test = await SharedTokenLedgerAsync();
        await new ResetTokenHandler(test.Ledger).HandleAsync(new ResetToken("etl-token"));
        var path = Samples.Write(test, "lh.csv",
            "Login Time,Username,Source IP,Status,Application\n" +
            $"{Now.AddMinutes(30):yyyy-MM-dd HH:mm:ss},integration.sync@example.com,192.0.2.10,Invalid Password,AcmeSync/4.2.1\n");
        await new ImportUsageFileHandler(test.Ledger).HandleAsync(new ImportUsageFile("sf-login-history", path, "UTC"));

        var findings = await FindingsOfAsync(test, "not-updated-after-reset");

        Assert.That(findings.Select(f => f.Subject), Is.EqualTo(new[] { "etl-token / Nightly ETL" }));
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

    [Test]
    public async Task UseAfterRevocation_ASuccessBeforeTheReplacementWasIssued_IsStillFound()
    {
        await using var test = await SharedTokenLedgerAsync();
        await new RevokeTokenHandler(test.Ledger).HandleAsync(new RevokeToken("etl-token", RevocationReason.Compromised));
        test.Clock.Advance(TimeSpan.FromHours(2));
        await new AddTokenHandler(test.Ledger).HandleAsync(new AddToken("etl-token-2", TokenKind.SalesforceSecurityToken, "ana@example.com",
            Account: "integration.sync@example.com"));

        await ImportLoginsAsync(test,
            (Now.AddHours(1), "integration.sync@example.com", "192.0.2.10", Success, "AcmeSync/4.2.1"),
            (Now.AddHours(3), "integration.sync@example.com", "192.0.2.10", Success, "AcmeSync/4.2.1"));

        var finding = (await FindingsOfAsync(test, "use-after-revocation")).Single();
        Assert.That(finding.Summary, Does.Contain("1 successful event(s)"), "the later login is explained by the new token");
    }

    [Test]
    public async Task ResolvedByAPerson_StaysResolvedWhileTheConditionLasts()
    {
        await using var test = await TestLedger.CreateAsync();
        await test.AddPersonAsync("ana@example.com");
        await test.AddTokenAsync("old", "ana@example.com", rotateEvery: 90, lastRotated: Now.AddDays(-100));
        var id = (await RunAsync(test)).Single(f => f.Rule == "rotation-overdue").Id;
        await new WorkFindingHandler(test.Ledger).HandleAsync(new WorkFinding(id, FindingAction.Resolve, "Risk accepted until the migration"));

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
