using System.Net;
using IntegrationLedger.Application;
using IntegrationLedger.Application.Features.Importing;
using IntegrationLedger.Application.Features.Integrations;
using IntegrationLedger.Domain.Integrations;
using IntegrationLedger.Web.Tests.Support;

namespace IntegrationLedger.Web.Tests.Pages;

/// <summary>
/// The connected apps pages over the sample ConnectedApplication and OauthToken exports: the list, an app's
/// page, its vendor's page, and an officer claiming an app for an integration (which an auditor cannot).
/// The web ledger's integration (Nightly ETL, vendor Acme) claims Acme Sync Connector by its name.
/// </summary>
public class ConnectedAppPagesTests
{
    private const string Acme = "Acme Sync Connector";
    private const string Orbit = "Orbit BI Extract";

    private WebLedger _web = null!;

    [SetUp]
    public async Task Start()
    {
        _web = await WebLedger.StartAsync();
        await using var ledger = await Ledger.OpenAsync(new LedgerOptions(_web.DatabasePath, "setup", _web.Clock));
        await new ChangeIntegrationHandler(ledger).HandleAsync(new ChangeIntegration(WebLedger.Integration, null, [], [new AttributionRuleSpec(AttributionRuleKind.Application, Acme)]));
        foreach (var file in new[] { "connectedapplication.csv", "oauthtoken.csv" })
        {
            var outcome = await new ImportFileHandler(ledger).HandleAsync(new ImportFile(ImportFormats.Auto, AccessSamples.SamplePath(file)));
            Assert.That(outcome.Committed, Is.True, file);
        }
    }

    [TearDown]
    public async Task Stop() => await _web.DisposeAsync();

    private static List<Dictionary<string, string>> Rows(string page, string caption) =>
        WebLedger.Html(page).QuerySelectorAll("table").Single(t => t.QuerySelector("caption")?.TextContent == caption)
            .QuerySelectorAll("tbody tr")
            .Select(row => row.QuerySelectorAll("td").ToDictionary(cell => cell.GetAttribute("data-label")!, cell => cell.TextContent.Trim()))
            .ToList();

    [Test]
    public async Task TheList_ShowsEachAppsIntegrationPolicyAndHolders()
    {
        using var auditor = await _web.SignedInAsync(WebLedger.Auditor);

        var rows = Rows(await auditor.GetStringAsync("/apps"), "Connected apps");

        Assert.That(rows, Has.Count.EqualTo(8), "the seven of the export and Workbench, which only its OAuth token names");
        var acme = rows.Single(r => r["App"].StartsWith(Acme, StringComparison.Ordinal));
        Assert.Multiple(() =>
        {
            Assert.That(acme["Integration"], Is.EqualTo(WebLedger.Integration));
            Assert.That(acme["Vendor"], Is.EqualTo("Acme"), "the integration's vendor");
            Assert.That(acme["Permitted users"], Is.EqualTo("Admin-approved only"));
            Assert.That(acme["Refresh tokens"], Is.EqualTo("90 from issue (in the unit set in Setup)"));
            Assert.That((acme["Holders"], acme["Tokens"], acme["Last used"]), Is.EqualTo(("3", "3", "2026-11-28")));
        });
        var orbit = rows.Single(r => r["App"].StartsWith(Orbit, StringComparison.Ordinal) && r["App"].EndsWith("0H4xx0000004Gz7CAE", StringComparison.Ordinal));
        Assert.That((orbit["Integration"], orbit["Refresh tokens"]), Is.EqualTo(("None claims it", "Never expire")));
        var workbench = rows.Single(r => r["App"] == "Workbench");
        Assert.That(workbench["Permitted users"], Is.EqualTo("Not in an export"));
        Assert.That(rows.Single(r => r["App"].StartsWith("Data Loader", StringComparison.Ordinal))["Permitted users"], Is.EqualTo("Any user may self-authorise"));
    }

    [Test]
    public async Task AnAppsPage_ShowsItsPolicyAndWhoHoldsItsTokens()
    {
        using var auditor = await _web.SignedInAsync(WebLedger.Auditor);

        var page = await auditor.GetStringAsync($"/apps/{Acme}");

        var holders = Rows(page, "Who holds its OAuth tokens");
        Assert.That(holders.Select(h => h["User id"]), Is.EquivalentTo(new[] { "005xx000001Sv8QAAS", "005xx000001Tb2cAAC", "005xx000001Sv7AAAS" }));
        Assert.That(holders.Single(h => h["User id"] == "005xx000001Sv8QAAS")["Uses"], Is.EqualTo("4,821"));
        Assert.That(page, Does.Contain("Admin-approved only"));
        Assert.That(WebLedger.Html(page).QuerySelector("form[method=post] input[name='Claim.Integration']"), Is.Null, "an auditor changes nothing");
    }

    [Test]
    public async Task TheVendorsPage_ListsItsIntegrationsAppsAndTheirUsers()
    {
        using var auditor = await _web.SignedInAsync(WebLedger.Auditor);

        var page = await auditor.GetStringAsync("/vendors/acme");

        Assert.That(Rows(page, "The vendor's integrations").Select(r => r["Integration"]), Is.EqualTo(new[] { WebLedger.Integration }));
        Assert.That(Rows(page, "The vendor's connected apps").Select(r => r["App"]), Is.EqualTo(new[] { Acme }));
        Assert.That(Rows(page, "Token holders").Select(r => r["Apps"]), Is.EqualTo(new[] { Acme, Acme, Acme }), "each holder with the apps whose tokens they hold");
        Assert.That((await auditor.GetAsync("/vendors/Acme%20Corp")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task AnOfficer_ClaimsAnAppForAnIntegration()
    {
        using var officer = await _web.SignedInAsync(WebLedger.Officer);
        var address = $"/apps/{Orbit}";

        var response = await WebLedger.PostFormAsync(officer, address, address + "?handler=Claim",
            new() { ["Claim.Integration"] = WebLedger.Integration, ["Claim.Vendor"] = "Orbit BI Inc." });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        var page = await officer.GetStringAsync(address);
        Assert.That(page, Does.Contain($">{WebLedger.Integration}</a>").And.Contain(">Orbit BI Inc.</a>"));
        var vendor = await officer.GetStringAsync("/vendors/Orbit BI Inc.");
        Assert.That(Rows(vendor, "The vendor's connected apps").Select(r => r["App"]), Is.EqualTo(new[] { Orbit }));
    }

    [Test]
    public async Task AnUnknownApp_IsNotFound()
    {
        using var auditor = await _web.SignedInAsync(WebLedger.Auditor);

        Assert.That((await auditor.GetAsync("/apps/Orbit BI")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }
}
