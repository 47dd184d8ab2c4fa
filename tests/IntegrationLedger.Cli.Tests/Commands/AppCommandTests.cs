using System.Text.Json;
using IntegrationLedger.Cli.Infrastructure;
using IntegrationLedger.Cli.Tests.Support;

namespace IntegrationLedger.Cli.Tests.Commands;

/// <summary><c>ledger import sf-connected-apps</c> and <c>ledger app list/show/set</c> as a user types them.</summary>
public class AppCommandTests
{
    private static string Sample(string file) => Path.Combine(AppContext.BaseDirectory, "samples", "salesforce", file);

    private static string Inventory(string file) => Path.Combine(AppContext.BaseDirectory, "samples", "inventory", file);

    /// <summary>A ledger the day after the samples, with the sample ConnectedApplication and OauthToken exports imported.</summary>
    private static async Task<CliRunner> LedgerWithAppsAsync()
    {
        var cli = await CliRunner.WithLedgerAsync();
        cli.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 29, 9, 0, 0, TimeSpan.Zero));
        var apps = await cli.LedgerAsync("import", "sf-connected-apps", Sample("connectedapplication.csv"));
        Assert.That(apps.ExitCode, Is.EqualTo(ExitCodes.Success), apps.ToString());
        Assert.That(apps.Out, Does.Contain("connectedapplication.csv as sf-connected-apps").And.Contain("read 7, created 7, updated 0, unchanged 0, rejected 0"));
        var tokens = await cli.LedgerAsync("import", "auto", Sample("oauthtoken.csv"));
        Assert.That(tokens.ExitCode, Is.EqualTo(ExitCodes.Success), tokens.ToString());
        return cli;
    }

    private static JsonElement Named(JsonElement list, string name) => list.EnumerateArray().Single(a => a.GetProperty("name").GetString() == name);

    [Test]
    public async Task AppList_Json_ListsTheAppsWithTheirFields()
    {
        using var cli = await LedgerWithAppsAsync();

        var result = await cli.LedgerAsync("app", "list", "--json");

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), result.ToString());
        var list = result.Json;
        Assert.That(list.GetArrayLength(), Is.EqualTo(8), "the seven exported and Workbench, which only tokens name");
        var loader = Named(list, "Data Loader");
        Assert.That(loader.GetProperty("salesforceId").GetString(), Is.EqualTo("0H4xx0000004Dl9CAE"));
        Assert.That((loader.GetProperty("registered").GetBoolean(), loader.GetProperty("adminApprovedUsersOnly").GetBoolean(),
                loader.GetProperty("refreshTokenValidity").GetInt32(), loader.GetProperty("refreshTokenValidityFromLastUse").GetBoolean(),
                loader.GetProperty("highAssuranceSession").GetBoolean()),
            Is.EqualTo((true, false, 30, true, true)));
        Assert.That((loader.GetProperty("users").GetInt32(), loader.GetProperty("tokens").GetInt32()), Is.EqualTo((1, 1)));
        Assert.That(loader.GetProperty("integration").ValueKind, Is.EqualTo(JsonValueKind.Null));
        var orbit = Named(list, "Orbit BI Extract");
        Assert.That(orbit.GetProperty("refreshTokenValidity").ValueKind, Is.EqualTo(JsonValueKind.Null), "never expires");
        Assert.That(orbit.GetProperty("startUrl").GetString(), Is.EqualTo("https://orbit-bi.example.com/oauth/start"));
        var workbench = Named(list, "Workbench");
        Assert.That((workbench.GetProperty("registered").GetBoolean(), workbench.GetProperty("salesforceId").ValueKind), Is.EqualTo((false, JsonValueKind.Null)));
    }

    [Test]
    public async Task AppShow_PrintsThePolicyAndTheHolders()
    {
        using var cli = await LedgerWithAppsAsync();

        var orbit = await cli.LedgerAsync("app", "show", "Orbit BI Extract");
        var loader = await cli.LedgerAsync("app", "show", "data loader");

        Assert.That(orbit.ExitCode, Is.EqualTo(ExitCodes.Success), orbit.ToString());
        Assert.That(orbit.Out, Does.Contain("Orbit BI Extract  0H4xx0000004Gz7CAE")
            .And.Contain("Permitted users: admin-approved only; refresh tokens: never expire; high-assurance session: not required")
            .And.Contain("OAuth tokens: 1 held by 1 user(s):")
            .And.Contain("005xx000001Uq9kAAC").And.Contain("20,333"));
        Assert.That(loader.ExitCode, Is.EqualTo(ExitCodes.Success), loader.ToString());
        Assert.That(loader.Out, Does.Contain("Permitted users: any user may self-authorise; refresh tokens: 30 from last use (in the unit set in Setup); high-assurance session: required")
            .And.Contain("005xx000001Va1MAAS"));
    }

    [Test]
    public async Task AppShow_UnknownName_ExitsTwoNamingTheCloseMatch()
    {
        using var cli = await LedgerWithAppsAsync();

        var result = await cli.LedgerAsync("app", "show", "Data Loadr");

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.BadInput), result.ToString());
        Assert.That(result.Error, Does.Contain("No connected app named 'Data Loadr'").And.Contain("Did you mean 'Data Loader'?"));
        Assert.That(result.Out, Is.Empty);
    }

    [Test]
    public async Task AppSet_Integration_ThenShowNamesTheIntegration()
    {
        using var cli = await LedgerWithAppsAsync();
        foreach (var template in new[] { "people", "integrations" })
        {
            var imported = await cli.LedgerAsync("import", template, Inventory(template + ".csv"));
            Assert.That(imported.ExitCode, Is.EqualTo(ExitCodes.Success), imported.ToString());
        }

        var set = await cli.LedgerAsync("app", "set", "Orbit BI Extract", "--integration", "Nightly ETL");
        var show = await cli.LedgerAsync("app", "show", "Orbit BI Extract");
        var vendor = await cli.LedgerAsync("app", "list", "--vendor", "acme sync", "--json");

        Assert.That(set.ExitCode, Is.EqualTo(ExitCodes.Success), set.ToString());
        Assert.That(set.Out, Does.Contain("Connected app 'Orbit BI Extract' belongs to 'Nightly ETL'; vendor Acme Sync.").And.Contain("'Nightly ETL' now claims the app by its id"));
        Assert.That(cli.ScalarRaw("SELECT count(*) FROM AttributionRules WHERE Value = '0H4xx0000004Gz7CAE'"), Is.EqualTo(1));
        Assert.That(show.Out, Does.Contain("Integration: Nightly ETL; vendor: Acme Sync"));
        Assert.That(vendor.Json.EnumerateArray().Select(a => a.GetProperty("name").GetString()), Is.EquivalentTo(new[] { "Acme Sync Connector", "Orbit BI Extract" }),
            "the sample's Acme Sync Connector integration claims its app, and Nightly ETL now claims Orbit BI Extract");
    }
}
