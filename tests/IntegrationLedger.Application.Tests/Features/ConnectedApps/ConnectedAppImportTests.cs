using IntegrationLedger.Application.Features.ConnectedApps;
using IntegrationLedger.Application.Features.Importing;
using IntegrationLedger.Application.Tests.Support;
using IntegrationLedger.Domain.ConnectedApps;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Tests.Features.ConnectedApps;

/// <summary>sf-connected-apps: the ConnectedApplication export read as a template is, all or nothing, every restatement audited.</summary>
public class ConnectedAppImportTests
{
    private const string Header =
        "Id,Name,CreatedDate,LastModifiedDate,OptionsAllowAdminApprovedUsersOnly,OptionsRefreshTokenValidityMetric,RefreshTokenValidityPeriod,OptionsHasSessionLevelPolicy,StartUrl";

    private static async Task<TestLedger> LedgerAsync()
    {
        var test = await TestLedger.CreateAsync();
        test.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 29, 9, 0, 0, TimeSpan.Zero));
        return test;
    }

    private static Task<InventoryImportResult> ImportAppsAsync(TestLedger test, string path) =>
        test.Ledger.ImportInventoryAsync(new ImportFile(ConnectedAppsExport.FormatName, path));

    private static Task<ConnectedApp> AppAsync(TestLedger test, string name) =>
        test.Ledger.Db.ConnectedApps.AsNoTracking().SingleAsync(a => a.Name == name);

    private static Task<int> AppAuditEntriesAsync(TestLedger test) =>
        test.Ledger.Db.AuditEntries.CountAsync(e => e.EntityType == nameof(ConnectedApp));

    [Test]
    public async Task Import_Sample_CreatesEachAppWithItsPolicy()
    {
        await using var test = await LedgerAsync();

        var result = await ImportAppsAsync(test, Samples.Salesforce("connectedapplication.csv"));

        Assert.That(result.Errors, Is.Empty);
        Assert.That((result.Counts.Read, result.Counts.Created, result.Counts.Updated, result.Counts.Unchanged, result.Committed), Is.EqualTo((7L, 7L, 0L, 0L, true)));
        Assert.That(await test.Ledger.Db.ConnectedApps.CountAsync(), Is.EqualTo(7));
        var orbit = await AppAsync(test, "Orbit BI Extract");
        Assert.That(orbit.SalesforceId, Is.EqualTo("0H4xx0000004Gz7CAE"));
        Assert.That(orbit.Policy, Is.EqualTo(new ConnectedAppPolicy(true, null, false, false, "https://orbit-bi.example.com/oauth/start")));
        Assert.That((orbit.Policy.LetsUsersSelfAuthorize, orbit.Policy.RefreshTokensNeverExpire), Is.EqualTo((false, true)), "admin-approved, and an empty period is until revoked");
        Assert.That(orbit.CreatedInSalesforceAt, Is.EqualTo(new DateTime(2024, 10, 20, 9, 12, 0, DateTimeKind.Utc)));
        Assert.That(orbit.ModifiedInSalesforceAt, Is.Null, "the sample has no LastModifiedDate column");
        var legacy = await AppAsync(test, "Orbit BI Extract, Legacy (do not use)");
        Assert.That((legacy.SalesforceId, legacy.Policy.LetsUsersSelfAuthorize, legacy.Policy.RefreshTokensNeverExpire), Is.EqualTo(("0H4xx0000004Hb2CAE", true, true)),
            "the quoted name with a comma is kept whole");
        var loader = await AppAsync(test, "Data Loader");
        Assert.That(loader.Policy, Is.EqualTo(new ConnectedAppPolicy(false, 30, true, true, null)));
        var acme = await AppAsync(test, "Acme Sync Connector");
        Assert.That(acme.Policy, Is.EqualTo(new ConnectedAppPolicy(true, 90, false, false, null)), "an empty StartUrl is none");
        Assert.That((await AppAsync(test, "Salesforce CLI")).StartUrl, Is.EqualTo("http://localhost:1717/OauthRedirect"));
        Assert.That(await AppAuditEntriesAsync(test), Is.EqualTo(7), "each new app is in the audit log");
    }

    [Test]
    public async Task Import_FifteenCharacterId_IsKeptInItsEighteenCharacterForm()
    {
        await using var test = await LedgerAsync();
        var path = Samples.Write(test, "apps15.csv", "Id,Name,OptionsAllowAdminApprovedUsersOnly,RefreshTokenValidityPeriod\n0H4xx0000004Cmd,Acme Sync Connector,true,90\n");

        var first = await ImportAppsAsync(test, path);
        var sample = await ImportAppsAsync(test, Samples.Salesforce("connectedapplication.csv"));

        Assert.That(first.Counts.Created, Is.EqualTo(1));
        Assert.That((await AppAsync(test, "Acme Sync Connector")).SalesforceId, Is.EqualTo("0H4xx0000004CmdCAE"));
        Assert.That((sample.Counts.Created, sample.Counts.Updated), Is.EqualTo((6L, 1L)), "the sample's 18-character id is the same app");
        Assert.That(await test.Ledger.Db.ConnectedApps.CountAsync(), Is.EqualTo(7));
    }

    [Test]
    public async Task Auto_RecognisesTheConnectedApplicationExport()
    {
        await using var test = await LedgerAsync();

        var outcome = await new ImportFileHandler(test.Ledger).HandleAsync(new ImportFile("auto", Samples.Salesforce("connectedapplication.csv")));

        Assert.That((outcome.Format, outcome.FormatDetected, outcome.Committed), Is.EqualTo(("sf-connected-apps", true, true)));
        Assert.That(outcome.Inventory?.Counts.Created, Is.EqualTo(7));
        Assert.That(ImportSummary.Of(outcome).Heading, Does.Contain("as sf-connected-apps (recognised from the header)"));
    }

    [Test]
    public async Task Import_TheSameExportAgain_LeavesEveryAppUnchanged()
    {
        await using var test = await LedgerAsync();
        await ImportAppsAsync(test, Samples.Salesforce("connectedapplication.csv"));
        var entries = await test.Ledger.Db.AuditEntries.CountAsync();

        var again = await ImportAppsAsync(test, Samples.Salesforce("connectedapplication.csv"));

        Assert.That((again.Counts.Created, again.Counts.Updated, again.Counts.Unchanged), Is.EqualTo((0L, 0L, 7L)));
        Assert.That(await test.Ledger.Db.AuditEntries.CountAsync(), Is.EqualTo(entries), "nothing changed, so nothing is audited");
    }

    [Test]
    public async Task Import_LaterExportWithAChangedPolicy_UpdatesThatAppOnlyAndItsHistoryShowsTheChange()
    {
        await using var test = await LedgerAsync();
        await ImportAppsAsync(test, Samples.Salesforce("connectedapplication.csv"));
        var later = File.ReadAllText(Samples.Salesforce("connectedapplication.csv"))
            .Replace("Orbit BI Extract,2024-10-20T09:12:00.000+0000,true,false,,false,", "Orbit BI Extract,2024-10-20T09:12:00.000+0000,true,true,90,false,");
        Assert.That(later, Does.Contain("true,true,90,false"), "the test changed the row");
        test.Clock.Advance(TimeSpan.FromDays(1));

        var result = await ImportAppsAsync(test, Samples.Write(test, "connectedapplication-later.csv", later));

        Assert.That((result.Counts.Created, result.Counts.Updated, result.Counts.Unchanged), Is.EqualTo((0L, 1L, 6L)));
        var orbit = await AppAsync(test, "Orbit BI Extract");
        Assert.That((orbit.RefreshTokenValidity, orbit.RefreshTokenValidityFromLastUse), Is.EqualTo(((int?)90, (bool?)true)));
        var restated = await test.Ledger.Db.AuditEntries.Where(e => e.EntityType == nameof(ConnectedApp) && e.Before != null).ToListAsync();
        Assert.That(restated.Select(e => (e.Action, e.EntityId)), Is.EqualTo(new[] { ("import.sf-connected-apps", orbit.Id.ToString()) }), "one audited restatement, of that app");
        var details = await new ShowConnectedAppHandler(test.Ledger).HandleAsync("Orbit BI Extract");
        var change = details.History.Single();
        Assert.That((change.Source, change.Who, change.At), Is.EqualTo(("ConnectedApplication export", "tester", test.Ledger.Now)));
        Assert.That(change.What, Does.Contain("RefreshTokenValidity: (none) to 90").And.Contain("RefreshTokenValidityFromLastUse: False to True"));
        Assert.That((await new ShowConnectedAppHandler(test.Ledger).HandleAsync("Data Loader")).History, Is.Empty, "the other apps did not change");
    }

    [Test]
    public async Task Import_BadRows_AreEachRefusedNamingLineAndFieldAndNothingIsWritten()
    {
        await using var test = await LedgerAsync();
        var entries = await test.Ledger.Db.AuditEntries.CountAsync();
        var path = Samples.Write(test, "bad-apps.csv", string.Join("\n",
            Header,
            "0H4xx0000004CmdCAE,Acme Sync Connector,2025-03-03T16:40:11.000+0000,2025-03-04T10:00:00.000+0000,true,false,90,false,",
            "001xx000003DGb2AAG,An Account,2025-03-03T16:40:11.000+0000,,true,false,90,false,",
            "0H4xx0000004Gz7CAE,Orbit BI Extract,2024-10-20T09:12:00.000+0000,,true,false,ninety,false,",
            "0H4xx0000004Hb2CAE,Orbit Legacy,2023-05-08T14:02:37.000+0000,,maybe,false,,false,",
            "0H4xx0000004Dl9CAE,Data Loader,2021-03-02T10:15:00.000+0000,2020-01-01T00:00:00.000+0000,false,true,30,true,",
            ""));

        var result = await ImportAppsAsync(test, path);

        Assert.That((result.Rejected, result.Committed), Is.EqualTo((true, false)));
        Assert.That(result.Errors.Select(e => (e.Line, e.Field)), Is.EqualTo(new[]
        {
            (3L, "Id"), (4L, "RefreshTokenValidityPeriod"), (5L, "OptionsAllowAdminApprovedUsersOnly"), (6L, "LastModifiedDate"),
        }));
        Assert.That(result.Errors[0].Reason, Does.Contain("'001xx000003DGb2AAG'").And.Contain("0H4"));
        Assert.That(result.Errors[1].Reason, Does.Contain("'ninety'").And.Contain("whole number"));
        Assert.That(result.Errors[2].Reason, Does.Contain("'maybe'"));
        Assert.That(result.Errors[3].Reason, Does.Contain("before CreatedDate"));
        Assert.That(await test.Ledger.Db.ConnectedApps.CountAsync(), Is.Zero, "the good row is not imported either");
        Assert.That(await test.Ledger.Db.AuditEntries.CountAsync(), Is.EqualTo(entries));
    }

    [Test]
    public async Task Import_FileWithoutANameColumn_IsRefusedWhole()
    {
        await using var test = await LedgerAsync();
        var path = Samples.Write(test, "nameless.csv", "Id,OptionsAllowAdminApprovedUsersOnly,RefreshTokenValidityPeriod\n0H4xx0000004CmdCAE,true,90\n");

        Assert.That(async () => await ImportAppsAsync(test, path),
            Throws.TypeOf<ImportFileException>().With.Message.Contains("sf-connected-apps").And.Message.Contains("needs the column Name"));
        Assert.That(await test.Ledger.Db.ConnectedApps.CountAsync(), Is.Zero);
    }
}
