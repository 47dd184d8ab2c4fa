using IntegrationLedger.Application.Features.ConnectedApps;
using IntegrationLedger.Application.Features.Findings;
using IntegrationLedger.Application.Features.Importing;
using IntegrationLedger.Application.Features.Integrations;
using IntegrationLedger.Application.Tests.Support;
using IntegrationLedger.Domain.Accounts;
using IntegrationLedger.Domain.Findings;
using IntegrationLedger.Domain.Integrations;
using static IntegrationLedger.Application.Tests.Features.Findings.RuleScenario;

namespace IntegrationLedger.Application.Tests.Features.ConnectedApps;

/// <summary>The four connected-app rules on the sample exports: whom each finds, whom it leaves alone, and what its text says it saw.</summary>
public class ConnectedAppRuleTests
{
    private const string AcmeId = "0H4xx0000004CmdCAE";
    private const string OrbitId = "0H4xx0000004Gz7CAE";

    /// <summary>
    /// The sample ConnectedApplication, OauthToken and User exports imported (the users name the token holders), with Ana to
    /// own integrations, the day after the samples.
    /// </summary>
    private static async Task<TestLedger> LedgerAsync()
    {
        var test = await TestLedger.CreateAsync();
        test.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero));
        await test.AddPersonAsync("ana@example.com", "Ana Lima");
        Assert.That((await ImportAsync(test, ConnectedAppsExport.FormatName, Samples.Salesforce("connectedapplication.csv"))).Errors, Is.Empty);
        Assert.That((await ImportAsync(test, "sf-oauth-tokens", Samples.Salesforce("oauthtoken.csv"))).Errors, Is.Empty);
        Assert.That((await new ImportFileHandler(test.Ledger).HandleAsync(new ImportFile("sf-users", Samples.Salesforce("user.csv"),
            AsOf: new DateTime(2026, 11, 28, 18, 0, 0, DateTimeKind.Utc)))).Errors, Is.Empty);
        return test;
    }

    private static Task<ImportOutcome> ImportAsync(TestLedger test, string format, string path) =>
        new ImportFileHandler(test.Ledger).HandleAsync(new ImportFile(format, path));

    /// <summary>One more app in a later export, admin-approved with no refresh-token validity, that no token or event names.</summary>
    private static async Task ImportQuietWidgetAsync(TestLedger test)
    {
        var path = Samples.Write(test, "widget.csv", "Id,Name,OptionsAllowAdminApprovedUsersOnly,RefreshTokenValidityPeriod\n0H4xx0000009Wdg,Quiet Widget,true,\n");
        Assert.That((await ImportAsync(test, ConnectedAppsExport.FormatName, path)).Errors, Is.Empty);
    }

    private static Task<IntegrationDetails> AddIntegrationAsync(TestLedger test, string name, params AttributionRuleSpec[] rules) =>
        new AddIntegrationHandler(test.Ledger).HandleAsync(new AddIntegration(name, "Acme Sync", "ana@example.com", "Moves data", null, NetworkTrust.Untrusted, [], rules));

    private static Task<IntegrationDetails> VetAsync(TestLedger test, string integration, DateOnly on) =>
        new VetIntegrationHandler(test.Ledger).HandleAsync(new VetIntegration(integration, on, "Gus Meyer", VettingOutcome.Approved, "SEC-2026-100", null));

    private static FindingView Of(IReadOnlyList<FindingView> findings, string subject) => findings.Single(f => f.Subject == subject);

    [Test]
    public async Task SelfAuthorization_FiresForTheAppsAnyUserMayAuthorise_AndSaysWhoHoldsTheirTokens()
    {
        await using var test = await LedgerAsync();

        var findings = await FindingsOfAsync(test, "app-self-authorization");

        Assert.That(findings.Select(f => f.Subject), Is.EquivalentTo(new[]
        {
            "Orbit BI Extract, Legacy (do not use)", "Data Loader", "Salesforce CLI", "Salesforce for iOS", "Salesforce for Android",
        }), "not the admin-approved Acme Sync Connector and Orbit BI Extract, nor Workbench, whose policy no export gave");
        Assert.That(findings.Select(f => (f.SubjectType, f.Severity)).Distinct(), Is.EqualTo(new[] { ("ConnectedApp", Severity.Medium) }));
        Assert.That(Of(findings, "Data Loader").Summary, Does.Contain("'Data Loader' (0H4xx0000004Dl9CAE) lets any user authorise it (All users may self-authorize)")
            .And.Contain("1 user (admin.ops@example.com) holds 1 OAuth token, last used 2025-12-19"));
        Assert.That(Of(findings, "Orbit BI Extract, Legacy (do not use)").Summary, Does.Contain("1 user (etl.bot@example.com) holds 1 OAuth token, never used"));
    }

    [Test]
    public async Task RefreshNeverExpires_FiresForTheAppsWithNoValidityPeriod_AndSaysWhoHoldsTheirTokens()
    {
        await using var test = await LedgerAsync();
        await ImportQuietWidgetAsync(test);

        var findings = await FindingsOfAsync(test, "app-refresh-never-expires");

        Assert.That(findings.Select(f => f.Subject), Is.EquivalentTo(new[] { "Orbit BI Extract", "Orbit BI Extract, Legacy (do not use)", "Quiet Widget" }),
            "the apps with a period (Data Loader's 30, Acme's 90...) and Workbench, whose policy is unknown, are left alone");
        Assert.That(Of(findings, "Orbit BI Extract").Summary, Does.Contain($"'Orbit BI Extract' ({OrbitId}) sets no refresh-token validity")
            .And.Contain("valid until revoked").And.Contain("1 user (etl.bot@example.com) holds 1 OAuth token, last used 2026-11-28"));
        Assert.That(Of(findings, "Quiet Widget").Summary, Does.Contain("no OAuth token of it is known"));
    }

    [Test]
    public async Task Unregistered_FiresForAppsInUseThatNoIntegrationClaims_NotForTheClaimedOrTheUnused()
    {
        await using var test = await LedgerAsync();
        await ImportQuietWidgetAsync(test);
        await AddIntegrationAsync(test, "Orbit Reports", new AttributionRuleSpec(AttributionRuleKind.ConnectedAppId, OrbitId));
        var stranger = SalesforceId.Normalize("0H4xx0000009Qrs");
        var events = Samples.Write(test, "restapi.csv",
            $"EVENT_TYPE,TIMESTAMP,REQUEST_ID,USER_ID,CONNECTED_APP_ID,CLIENT_IP\nRestApi,20261128060000.000,4ZZstranger,005xx000001Va1MAAS,{stranger},203.0.113.9\n");
        Assert.That((await ImportAsync(test, "sf-elf", events)).Errors, Is.Empty);

        var findings = await FindingsOfAsync(test, "app-unregistered");

        Assert.That(findings.Select(f => f.Subject), Is.EquivalentTo(new[]
        {
            "Acme Sync Connector", "Orbit BI Extract, Legacy (do not use)", "Data Loader", "Salesforce CLI", "Salesforce for iOS", "Salesforce for Android",
            "Workbench", stranger,
        }), "not Orbit BI Extract, which Orbit Reports claims, nor Quiet Widget, which nobody uses");
        Assert.That(Of(findings, "Workbench").Summary, Does.Contain("'Workbench' is in use but no integration claims it: 1 user (admin.ops@example.com) holds 1 OAuth token, last used 2026-09-03")
            .And.Contain("No ConnectedApplication export lists it"));
        Assert.That(Of(findings, "Acme Sync Connector").Summary, Does.Contain($"({AcmeId})").And.Contain("3 users hold 3 OAuth tokens, last used 2026-11-28")
            .And.Not.Contain("No ConnectedApplication export lists it"));
        Assert.That(Of(findings, stranger).Summary, Does.Contain("1 event named it (1 user, 2026-11-28 to 2026-11-28)"));
    }

    [TestCase("2026-11-20", 2, Description = "vetted before both changes")]
    [TestCase("2026-11-25", 1, Description = "vetted between the two")]
    [TestCase("2026-11-29", 0, Description = "vetted after both")]
    public async Task PolicyChanged_FiresForSetupAuditTrailChangesAfterTheVetting_NotBefore(string vettedOn, int changes)
    {
        await using var test = await LedgerAsync();
        await AddIntegrationAsync(test, "Acme Sync Connector", new AttributionRuleSpec(AttributionRuleKind.ConnectedAppId, AcmeId));
        await VetAsync(test, "Acme Sync Connector", DateOnly.Parse(vettedOn, System.Globalization.CultureInfo.InvariantCulture));
        Assert.That((await ImportAsync(test, "auto", Samples.Salesforce("setup-audit-trail.csv"))).Errors, Is.Empty);

        var findings = await FindingsOfAsync(test, "app-policy-changed");

        if (changes == 0)
        {
            Assert.That(findings, Is.Empty);
            return;
        }
        var summary = findings.Single().Summary;
        Assert.That(findings.Single().Subject, Is.EqualTo("Acme Sync Connector"));
        Assert.That(summary, Does.Contain($"Connected app 'Acme Sync Connector' of 'Acme Sync Connector' changed {changes} time{(changes == 1 ? "" : "s")} after its vendor was vetted on {vettedOn} by Gus Meyer"));
        Assert.That(summary, Does.Contain("2026-11-28 23:04 UTC admin.ops@example.com (Setup Audit Trail): Changed OAuth policy \"Permitted Users\" for connected app Acme Sync Connector"),
            "3:04 PM PST is 23:04 UTC");
        Assert.That(summary.Contains("Require secret for Refresh Token Flow", StringComparison.Ordinal), Is.EqualTo(changes == 2), "the change of the 24th only when vetted before it");
    }

    [Test]
    public async Task PolicyChanged_IntegrationNeverVetted_IsLeftAlone()
    {
        await using var test = await LedgerAsync();
        await AddIntegrationAsync(test, "Acme Sync Connector", new AttributionRuleSpec(AttributionRuleKind.ConnectedAppId, AcmeId));
        Assert.That((await ImportAsync(test, "auto", Samples.Salesforce("setup-audit-trail.csv"))).Errors, Is.Empty);

        var history = await new ShowConnectedAppHandler(test.Ledger).HandleAsync("Acme Sync Connector");
        var findings = await FindingsOfAsync(test, "app-policy-changed");

        Assert.That(history.History.Select(c => c.Source), Is.EqualTo(new[] { "Setup Audit Trail", "Setup Audit Trail" }), "the changes are there to see");
        Assert.That(findings, Is.Empty, "vendor-not-vetted speaks for an integration never vetted");
    }

    [Test]
    public async Task PolicyChanged_FiresForALaterExportsChangeAfterTheVetting()
    {
        await using var test = await LedgerAsync();
        await AddIntegrationAsync(test, "Loader Jobs", new AttributionRuleSpec(AttributionRuleKind.Application, "Data Loader"));
        await VetAsync(test, "Loader Jobs", new DateOnly(2026, 11, 29));
        Assert.That(await FindingsOfAsync(test, "app-policy-changed"), Is.Empty);
        test.Clock.Advance(TimeSpan.FromDays(1));
        var later = File.ReadAllText(Samples.Salesforce("connectedapplication.csv")).Replace("Data Loader,2021-03-02T10:15:00.000+0000,false,true,30,true,", "Data Loader,2021-03-02T10:15:00.000+0000,false,true,7,true,");
        Assert.That((await ImportAsync(test, ConnectedAppsExport.FormatName, Samples.Write(test, "later.csv", later))).Inventory!.Counts.Updated, Is.EqualTo(1));

        var findings = await FindingsOfAsync(test, "app-policy-changed");

        Assert.That(findings.Select(f => f.Subject), Is.EqualTo(new[] { "Data Loader" }));
        Assert.That(findings.Single().Summary, Does.Contain("changed 1 time after its vendor was vetted on 2026-11-29 by Gus Meyer")
            .And.Contain("(ConnectedApplication export): RefreshTokenValidity: 30 to 7"));
    }

    [Test]
    public async Task PolicyChanged_AVendorNamedByHand_IsNoChangeToTheApp()
    {
        await using var test = await LedgerAsync();
        await AddIntegrationAsync(test, "Loader Jobs", new AttributionRuleSpec(AttributionRuleKind.Application, "Data Loader"));
        await VetAsync(test, "Loader Jobs", new DateOnly(2026, 11, 29));
        test.Clock.Advance(TimeSpan.FromDays(1));

        await new SetConnectedAppHandler(test.Ledger).HandleAsync(new SetConnectedApp("Data Loader", null, "Salesforce"));

        Assert.That(await FindingsOfAsync(test, "app-policy-changed"), Is.Empty, "the ledger's own note of the vendor changes nothing in Salesforce");
    }
}
