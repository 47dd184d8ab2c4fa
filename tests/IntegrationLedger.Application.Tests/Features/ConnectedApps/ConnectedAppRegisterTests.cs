using FluentValidation;
using IntegrationLedger.Application.Common;
using IntegrationLedger.Application.Features.ConnectedApps;
using IntegrationLedger.Application.Features.Importing;
using IntegrationLedger.Application.Features.Integrations;
using IntegrationLedger.Application.Tests.Support;
using IntegrationLedger.Domain.Accounts;
using IntegrationLedger.Domain.ConnectedApps;
using IntegrationLedger.Domain.Integrations;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Tests.Features.ConnectedApps;

/// <summary>The register: apps from the exports and from OAuth tokens, the integration that claims each, its vendor; show, list and set.</summary>
public class ConnectedAppRegisterTests
{
    private const string AcmeId = "0H4xx0000004CmdCAE";
    private const string OrbitId = "0H4xx0000004Gz7CAE";

    /// <summary>The sample ConnectedApplication export imported, with Ana to own integrations, the day after the samples.</summary>
    private static async Task<TestLedger> LedgerAsync(bool withTokens = true)
    {
        var test = await TestLedger.CreateAsync();
        test.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 29, 9, 0, 0, TimeSpan.Zero));
        await test.AddPersonAsync("ana@example.com", "Ana Lima");
        var apps = await test.Ledger.ImportInventoryAsync(new ImportFile(ConnectedAppsExport.FormatName, Samples.Salesforce("connectedapplication.csv")));
        Assert.That(apps.Errors, Is.Empty);
        if (withTokens)
        {
            var tokens = await test.Ledger.ImportUsageAsync(new ImportFile("sf-oauth-tokens", Samples.Salesforce("oauthtoken.csv")));
            Assert.That(tokens.Errors, Is.Empty);
        }
        return test;
    }

    private static Task<IntegrationDetails> AddIntegrationAsync(TestLedger test, string name, string vendor, params AttributionRuleSpec[] rules) =>
        new AddIntegrationHandler(test.Ledger).HandleAsync(new AddIntegration(name, vendor, "ana@example.com", "Moves data", null, NetworkTrust.Untrusted, [], rules));

    private static async Task<AppEntry> EntryAsync(TestLedger test, string name) =>
        (await ConnectedAppRegister.LoadAsync(test.Ledger.Db, CancellationToken.None)).Single(e => e.Name == name);

    private static Task<SetConnectedAppResult> SetAsync(TestLedger test, string app, string? integration, string? vendor) =>
        new SetConnectedAppHandler(test.Ledger).HandleAsync(new SetConnectedApp(app, integration, vendor));

    [Test]
    public async Task Register_OAuthTokens_AreTiedToTheirAppByNameInAnyCaseAndWithSurroundingSpaces()
    {
        await using var test = await LedgerAsync(withTokens: false);
        var path = Samples.Write(test, "tokens.csv", string.Join("\n",
            "AppName,UserId,UseCount,LastUsedDate,CreatedDate",
            "Orbit BI Extract,005xx000001Uq9kAAC,5,2026-11-20T10:00:00.000Z,2026-01-01T00:00:00.000Z",
            "\"  ORBIT bi EXTRACT \",005xx000001Va1MAAS,3,2026-11-25T10:00:00.000Z,2026-02-01T00:00:00.000Z",
            ""));
        Assert.That((await test.Ledger.ImportUsageAsync(new ImportFile("sf-oauth-tokens", path))).Errors, Is.Empty);

        var register = await ConnectedAppRegister.LoadAsync(test.Ledger.Db, CancellationToken.None);

        var orbit = register.Single(e => e.Name == "Orbit BI Extract");
        Assert.That(orbit.Holders.Select(h => h.UserId), Is.EquivalentTo(new[] { "005xx000001Uq9kAAC", "005xx000001Va1MAAS" }));
        Assert.That((orbit.TokenCount, orbit.LastUsedAt), Is.EqualTo((2, (DateTime?)new DateTime(2026, 11, 25, 10, 0, 0, DateTimeKind.Utc))));
        Assert.That(register, Has.Count.EqualTo(7), "no unregistered app for the differently written name");
        Assert.That(register.Where(e => e.Name != "Orbit BI Extract").SelectMany(e => e.Holders), Is.Empty);
    }

    [Test]
    public async Task List_AnAppOnlyOAuthTokensName_IsListedAsNotRegistered()
    {
        await using var test = await LedgerAsync();

        var apps = await new ListConnectedAppsHandler(test.Ledger).HandleAsync();

        Assert.That(apps, Has.Count.EqualTo(8));
        var workbench = apps.Single(a => a.Name == "Workbench");
        Assert.That((workbench.Registered, workbench.SalesforceId, workbench.AdminApprovedUsersOnly, workbench.Users, workbench.Tokens),
            Is.EqualTo((false, (string?)null, (bool?)null, 1, 1)));
        Assert.That(workbench.LastUsedAt, Is.EqualTo(new DateTime(2026, 9, 3, 13, 9, 41, DateTimeKind.Utc)));
        Assert.That(apps.Where(a => a.Name != "Workbench").Select(a => a.Registered), Is.All.True);
        var acme = apps.Single(a => a.Name == "Acme Sync Connector");
        Assert.That((acme.Users, acme.Tokens, acme.LastUsedAt), Is.EqualTo((3, 3, (DateTime?)new DateTime(2026, 11, 28, 11, 14, 2, DateTimeKind.Utc))));
    }

    [Test]
    public async Task Register_ApplicationRuleOnTheAppsName_ClaimsIt_AndGivesItTheIntegrationsVendor()
    {
        await using var test = await LedgerAsync();
        await AddIntegrationAsync(test, "Loader Jobs", "Salesforce", new AttributionRuleSpec(AttributionRuleKind.Application, "data loader"));

        var loader = await EntryAsync(test, "Data Loader");
        var cli = await EntryAsync(test, "Salesforce CLI");

        Assert.That((loader.Integration?.Name, loader.Vendor), Is.EqualTo(("Loader Jobs", "Salesforce")));
        Assert.That((cli.Integration, cli.Vendor), Is.EqualTo(((Integration?)null, (string?)null)), "another app is not claimed");
    }

    [TestCase(AcmeId, Description = "the 18-character id")]
    [TestCase("0H4xx0000004Cmd", Description = "the 15-character id, as the integrations template and the sample write it")]
    public async Task Register_ConnectedAppIdRule_ClaimsTheAppAndBeatsANameRule(string id)
    {
        await using var test = await LedgerAsync();
        await AddIntegrationAsync(test, "Acme By Name", "Acme Sync", new AttributionRuleSpec(AttributionRuleKind.Application, "Acme Sync Connector"));
        await AddIntegrationAsync(test, "Zeta By Id", "Zeta", new AttributionRuleSpec(AttributionRuleKind.ConnectedAppId, id));

        var acme = await EntryAsync(test, "Acme Sync Connector");

        Assert.That((acme.Integration?.Name, acme.Vendor), Is.EqualTo(("Zeta By Id", "Zeta")), "an id says more than a name, whichever sorts first");
    }

    [Test]
    public async Task Register_VendorNamedByHand_WinsOverTheIntegrations()
    {
        await using var test = await LedgerAsync();
        await AddIntegrationAsync(test, "Acme Sync Connector", "Acme Sync", new AttributionRuleSpec(AttributionRuleKind.Application, "Acme Sync Connector"));
        Assert.That((await EntryAsync(test, "Acme Sync Connector")).Vendor, Is.EqualTo("Acme Sync"));

        var result = await SetAsync(test, "Acme Sync Connector", null, "Acme Reseller Ltd");

        Assert.That((result.Integration, result.Vendor, result.VendorChanged, result.RuleAdded), Is.EqualTo(("Acme Sync Connector", "Acme Reseller Ltd", true, false)));
        Assert.That((await EntryAsync(test, "Acme Sync Connector")).Vendor, Is.EqualTo("Acme Reseller Ltd"));
        var list = new ListConnectedAppsHandler(test.Ledger);
        Assert.That((await list.HandleAsync("acme reseller ltd")).Select(a => a.Name), Is.EqualTo(new[] { "Acme Sync Connector" }));
        Assert.That(await list.HandleAsync("Acme Sync"), Is.Empty, "the integration's vendor no longer stands for the app's");
    }

    [Test]
    public async Task Show_TwoAppsOfOneName_AreFoundByIdAndTheNameAsksForTheId()
    {
        await using var test = await LedgerAsync(withTokens: false);
        var path = Samples.Write(test, "twins.csv", "Id,Name,OptionsAllowAdminApprovedUsersOnly\n0H4xx0000005AbC,Report Sync,true\n0H4xx0000005XyZ,Report Sync,false\n");
        Assert.That((await test.Ledger.ImportInventoryAsync(new ImportFile(ConnectedAppsExport.FormatName, path))).Counts.Created, Is.EqualTo(2));
        var (first, second) = (SalesforceId.Normalize("0H4xx0000005AbC"), SalesforceId.Normalize("0H4xx0000005XyZ"));
        var show = new ShowConnectedAppHandler(test.Ledger);

        var bySecondId = await show.HandleAsync(second);
        var byFirstShortId = await show.HandleAsync("0H4xx0000005AbC");

        Assert.That((bySecondId.App.SalesforceId, bySecondId.App.AdminApprovedUsersOnly), Is.EqualTo((second, (bool?)false)));
        Assert.That((byFirstShortId.App.SalesforceId, byFirstShortId.App.AdminApprovedUsersOnly), Is.EqualTo((first, (bool?)true)));
        Assert.That(async () => await show.HandleAsync("report sync"), Throws.TypeOf<NotFoundException>()
            .With.Message.Contains("2 connected apps are named 'report sync'").And.Message.Contains("by its id")
            .And.Message.Contains(first).And.Message.Contains(second));
    }

    [Test]
    public async Task Show_ByNameInAnyCase_FindsTheApp()
    {
        await using var test = await LedgerAsync();

        var details = await new ShowConnectedAppHandler(test.Ledger).HandleAsync("  data LOADER ");

        Assert.That((details.App.Name, details.App.SalesforceId, details.App.RefreshTokenValidity), Is.EqualTo(("Data Loader", "0H4xx0000004Dl9CAE", (int?)30)));
        Assert.That(details.Holders.Single().UserId, Is.EqualTo("005xx000001Va1MAAS"));
    }

    [Test]
    public async Task Show_UnknownName_IsRefusedNamingTheCloseMatches()
    {
        await using var test = await LedgerAsync();

        Assert.That(async () => await new ShowConnectedAppHandler(test.Ledger).HandleAsync("Data Loadr"), Throws.TypeOf<NotFoundException>()
            .With.Message.Contains("No connected app named 'Data Loadr'").And.Message.Contains("Did you mean 'Data Loader'?"));
    }

    [Test]
    public async Task Set_Integration_AddsAConnectedAppIdRule_SoEventsImportedAfterwardsAreAttributed()
    {
        await using var test = await LedgerAsync();
        await test.AddIntegrationAsync("Orbit Reports");

        var result = await SetAsync(test, "orbit bi extract", "Orbit Reports", null);
        var again = await SetAsync(test, "Orbit BI Extract", "Orbit Reports", null);

        Assert.That((result.App, result.Integration, result.RuleAdded), Is.EqualTo(("Orbit BI Extract", "Orbit Reports", true)));
        Assert.That(result.Vendor, Is.EqualTo("Acme Sync"), "the vendor of the integration it now belongs to");
        Assert.That(again.RuleAdded, Is.False, "the rule is there already");
        var integration = await test.Ledger.Db.Integrations.AsNoTracking().Include(i => i.AttributionRules).SingleAsync(i => i.Name == "Orbit Reports");
        Assert.That(integration.AttributionRules.Where(r => r.Kind == AttributionRuleKind.ConnectedAppId).Select(r => r.Value), Is.EqualTo(new[] { OrbitId }));
        Assert.That(await test.Ledger.Db.AuditEntries.CountAsync(e => e.Action == "app.set" && e.EntityType == nameof(AttributionRule)), Is.EqualTo(1));
        Assert.That((await EntryAsync(test, "Orbit BI Extract")).Integration?.Name, Is.EqualTo("Orbit Reports"));

        var path = Samples.Write(test, "restapi.csv", string.Join("\n",
            "EVENT_TYPE,TIMESTAMP,REQUEST_ID,USER_ID,CONNECTED_APP_ID,CLIENT_IP",
            $"RestApi,20261128060000.000,4ZZorbit1,005xx000001Uq9kAAC,{OrbitId},203.0.113.9",
            "RestApi,20261128060100.000,4ZZother1,005xx000001Va1MAAS,0H4xx0000004Ef3CAE,203.0.113.9",
            ""));
        Assert.That((await test.Ledger.ImportUsageAsync(new ImportFile("sf-elf", path))).Errors, Is.Empty);

        var attributed = await test.Ledger.Db.UsageEvents.AsNoTracking().Where(e => e.ConnectedAppId != null)
            .ToDictionaryAsync(e => e.ConnectedAppId!, e => e.IntegrationId);
        Assert.That(attributed[OrbitId], Is.EqualTo(integration.Id));
        Assert.That(attributed["0H4xx0000004Ef3CAE"], Is.Null, "another app's events are not");
    }

    [Test]
    public async Task Set_Vendor_NamesItAndIsAuditedAsAppSet()
    {
        await using var test = await LedgerAsync();

        var result = await SetAsync(test, "Data Loader", null, "Salesforce");

        Assert.That((result.Vendor, result.VendorChanged, result.Integration), Is.EqualTo(("Salesforce", true, (string?)null)));
        Assert.That((await test.Ledger.Db.ConnectedApps.AsNoTracking().SingleAsync(a => a.Name == "Data Loader")).Vendor, Is.EqualTo("Salesforce"));
        var audited = await test.Ledger.Db.AuditEntries.Where(e => e.Action == "app.set").ToListAsync();
        Assert.That(audited.Select(e => e.EntityType), Is.EqualTo(new[] { nameof(ConnectedApp) }));
        Assert.That(audited.Single().After, Does.Contain("Salesforce"));
        Assert.That((await new ShowConnectedAppHandler(test.Ledger).HandleAsync("Data Loader")).History, Is.Empty,
            "a vendor named by hand is no change a ConnectedApplication export brought");
    }

    [Test]
    public async Task Set_AnAppOnlyTokensName_IsRefused()
    {
        await using var test = await LedgerAsync();
        await test.AddIntegrationAsync("Orbit Reports");
        var entries = await test.Ledger.Db.AuditEntries.CountAsync();

        var refusal = Assert.ThrowsAsync<ValidationException>(() => SetAsync(test, "Workbench", "Orbit Reports", null));

        Assert.That(refusal!.Errors.Single().ErrorMessage, Does.Contain("'Workbench' is known only from OAuth tokens").And.Contain("ledger import sf-connected-apps"));
        Assert.That(await test.Ledger.Db.Set<AttributionRule>().CountAsync(r => r.Kind == AttributionRuleKind.ConnectedAppId), Is.Zero);
        Assert.That(await test.Ledger.Db.AuditEntries.CountAsync(), Is.EqualTo(entries), "nothing changed");
    }

    [Test]
    public async Task Set_WithNeitherIntegrationNorVendor_IsRefused()
    {
        await using var test = await LedgerAsync();

        var refusal = Assert.ThrowsAsync<ValidationException>(() => SetAsync(test, "Data Loader", null, null));

        Assert.That(refusal!.Errors.Single().ErrorMessage, Does.Contain("--integration, --vendor or both"));
    }
}
