using IntegrationLedger.Application.Features.ConnectedApps;
using IntegrationLedger.Application.Features.Importing;
using IntegrationLedger.Application.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationLedger.Application.Tests.Features.ConnectedApps;

/// <summary>Activity tied to the connected app it came through: by CONNECTED_APP_ID, by CONNECTED_APP_NAME, by the client's name.</summary>
public class ConnectedAppTiesTests
{
    private const string OrbitId = "0H4xx0000004Gz7CAE";
    private const string LegacyId = "0H4xx0000004Hb2CAE";

    /// <summary>
    /// Six requests: one by the app's id, one by CONNECTED_APP_NAME alone, one by a client name with a version after
    /// the app's name, one by the longer name of the legacy app, one by a client no app is named, one a token snapshot.
    /// </summary>
    private static string Activity(TestLedger test) => Samples.Write(test, "api-total-usage.csv", string.Join("\n",
        "EVENT_TYPE,TIMESTAMP_DERIVED,REQUEST_ID,USER_ID,CONNECTED_APP_ID,CONNECTED_APP_NAME,CLIENT_NAME,CLIENT_IP",
        $"ApiTotalUsage,2026-11-20T10:00:00.000Z,4ZZtie1,005xx000001Uq9kAAC,{OrbitId},Orbit BI Extract,,203.0.113.9",
        "ApiTotalUsage,2026-11-21T10:00:00.000Z,4ZZtie2,005xx000001Uq9kAAC,,orbit bi extract,,203.0.113.9",
        "ApiTotalUsage,2026-11-22T10:00:00.000Z,4ZZtie3,005xx000001Va1MAAS,,,Orbit BI Extract/3.1 (Linux),203.0.113.9",
        "ApiTotalUsage,2026-11-23T10:00:00.000Z,4ZZtie4,005xx000001Va1MAAS,,,\"Orbit BI Extract, Legacy (do not use)/1.0\",203.0.113.9",
        "ApiTotalUsage,2026-11-24T10:00:00.000Z,4ZZtie5,005xx000001Va1MAAS,,,Orbit BI Extractor,203.0.113.9",
        ""));

    private static async Task<TestLedger> LedgerAsync()
    {
        var test = await TestLedger.CreateAsync();
        test.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 29, 9, 0, 0, TimeSpan.Zero));
        return test;
    }

    private static async Task ImportAppsAsync(TestLedger test, string? path = null)
    {
        var apps = await test.Ledger.ImportInventoryAsync(new ImportFile(ConnectedAppsExport.FormatName, path ?? Samples.Salesforce("connectedapplication.csv")));
        Assert.That(apps.Errors, Is.Empty);
    }

    private static async Task ImportActivityAsync(TestLedger test)
    {
        var result = await test.Ledger.ImportUsageAsync(new ImportFile("sf-elf", Activity(test)));
        Assert.That(result.Errors, Is.Empty);
    }

    private static async Task<Dictionary<string, string?>> TiesAsync(TestLedger test) =>
        await test.Ledger.Db.UsageEvents.AsNoTracking().ToDictionaryAsync(e => e.NaturalKey.Split(':')[1], e => e.TiedAppId);

    private static async Task<AppEntry> EntryAsync(TestLedger test, string name) =>
        (await ConnectedAppRegister.LoadAsync(test.Ledger.Db, CancellationToken.None)).Single(e => e.Name == name);

    private static readonly Dictionary<string, string?> Expected = new()
    {
        ["4ZZtie1"] = OrbitId, ["4ZZtie2"] = OrbitId, ["4ZZtie3"] = OrbitId, ["4ZZtie4"] = LegacyId, ["4ZZtie5"] = null,
    };

    [Test]
    public async Task Import_AfterTheApps_TiesByIdByAppNameAndByClientName_TheLongestNameWinning()
    {
        await using var test = await LedgerAsync();
        await ImportAppsAsync(test);

        await ImportActivityAsync(test);

        Assert.That(await TiesAsync(test), Is.EquivalentTo(Expected));
        var orbit = await EntryAsync(test, "Orbit BI Extract");
        Assert.That((orbit.Activity.Events, orbit.Activity.Users), Is.EqualTo((3, 2)));
        Assert.That((orbit.Activity.FirstAt, orbit.Activity.LastAt),
            Is.EqualTo(((DateTime?)new DateTime(2026, 11, 20, 10, 0, 0, DateTimeKind.Utc), (DateTime?)new DateTime(2026, 11, 22, 10, 0, 0, DateTimeKind.Utc))));
        Assert.That((await EntryAsync(test, "Orbit BI Extract, Legacy (do not use)")).Activity.Events, Is.EqualTo(1));
    }

    [Test]
    public async Task ImportingTheApps_AfterTheActivity_TiesWhatWasImportedBefore()
    {
        await using var test = await LedgerAsync();
        await ImportActivityAsync(test);
        Assert.That((await TiesAsync(test)).Where(t => t.Value is not null).Select(t => t.Key), Is.EqualTo(new[] { "4ZZtie1" }), "only the id ties before the register");

        await ImportAppsAsync(test);

        Assert.That(await TiesAsync(test), Is.EquivalentTo(Expected));
        Assert.That((await EntryAsync(test, "Orbit BI Extract")).Activity.Events, Is.EqualTo(3));
    }

    [Test]
    public async Task AppRenamed_ItsOldNameNoLongerTies_ButItsIdStill()
    {
        await using var test = await LedgerAsync();
        await ImportAppsAsync(test);
        await ImportActivityAsync(test);

        await ImportAppsAsync(test, Samples.Write(test, "renamed.csv", string.Join("\n",
            "Id,Name,OptionsAllowAdminApprovedUsersOnly", $"{OrbitId},Orbit Insights,true", "")));

        var ties = await TiesAsync(test);
        Assert.That((ties["4ZZtie1"], ties["4ZZtie2"], ties["4ZZtie3"]), Is.EqualTo(((string?)OrbitId, (string?)null, (string?)null)));
        Assert.That(ties["4ZZtie4"], Is.EqualTo(LegacyId), "the other app keeps its name and its ties");
        Assert.That((await EntryAsync(test, "Orbit Insights")).Activity.Events, Is.EqualTo(1));
    }

    [Test]
    public async Task Migrating_ALedgerFromBeforeTies_TiesItsActivityByIdAndByTheExactName()
    {
        var test = await LedgerAsync();
        await ImportAppsAsync(test);
        await ImportActivityAsync(test);
        var migrations = test.Ledger.Db.Database.GetMigrations().ToList();
        var migrator = test.Ledger.Db.GetInfrastructure().GetRequiredService<Microsoft.EntityFrameworkCore.Migrations.IMigrator>();
        await migrator.MigrateAsync(migrations[migrations.FindIndex(m => m.EndsWith("_TiedApps", StringComparison.Ordinal)) - 1]);
        await test.Ledger.DisposeAsync();

        await using (var upgraded = await Ledger.OpenAsync(TestLedger.Options(test.Folder, test.Clock)))
        {
            Assert.That(upgraded.MigrationsApplied, Has.Some.EndsWith("_TiedApps"));
            var ties = await upgraded.Db.UsageEvents.AsNoTracking().ToDictionaryAsync(e => e.NaturalKey.Split(':')[1], e => e.TiedAppId);
            Assert.That(ties, Is.EquivalentTo(new Dictionary<string, string?>
            {
                ["4ZZtie1"] = OrbitId, ["4ZZtie2"] = OrbitId, ["4ZZtie3"] = null, ["4ZZtie4"] = null, ["4ZZtie5"] = null,
            }), "a name with a version after it is tied by the next import of the apps");
        }
        Directory.Delete(test.Folder, true);
    }

    [Test]
    public async Task TwoAppsOfOneName_TieByNameToNeither()
    {
        await using var test = await LedgerAsync();
        await ImportAppsAsync(test);
        await ImportAppsAsync(test, Samples.Write(test, "twin.csv", string.Join("\n",
            "Id,Name,OptionsAllowAdminApprovedUsersOnly", "0H4xx0000004Zz1CAE,Orbit BI Extract,true", "")));

        await ImportActivityAsync(test);

        var ties = await TiesAsync(test);
        Assert.That(ties["4ZZtie1"], Is.EqualTo(OrbitId), "the id still says which");
        Assert.That((ties["4ZZtie2"], ties["4ZZtie3"]), Is.EqualTo(((string?)null, (string?)null)), "the name could be either");
    }

    [Test]
    public async Task TokenSnapshotsAndSetupChanges_AreNeverTied()
    {
        await using var test = await LedgerAsync();
        await ImportAppsAsync(test);

        Assert.That((await test.Ledger.ImportUsageAsync(new ImportFile("sf-oauth-tokens", Samples.Salesforce("oauthtoken.csv")))).Errors, Is.Empty);
        Assert.That((await test.Ledger.ImportUsageAsync(new ImportFile("sf-setup-audit-trail", Samples.Salesforce("setup-audit-trail.csv")))).Errors, Is.Empty);

        Assert.That(await test.Ledger.Db.UsageEvents.CountAsync(e => e.TiedAppId != null), Is.Zero);
        Assert.That(await test.Ledger.Db.UsageEvents.CountAsync(e => e.Application == "Acme Sync Connector"), Is.Positive, "the token snapshots name an app");
    }
}
