using System.Net;
using AngleSharp.Dom;
using IntegrationLedger.Web.Tests.Support;

namespace IntegrationLedger.Web.Tests.Pages;

/// <summary>
/// The accounts pages over the four sample access exports, imported through the import handler: the list and
/// its filters, an account's page now and as of a day before the exports, and its CSV; read by an auditor, whose
/// role changes nothing.
/// </summary>
public class AccountsPageTests
{
    private WebLedger _web = null!;
    private HttpClient _auditor = null!;

    [SetUp]
    public async Task Start()
    {
        _web = await WebLedger.StartAsync();
        await AccessSamples.ImportAsync(_web);
        _auditor = await _web.SignedInAsync(WebLedger.Auditor);
    }

    [TearDown]
    public async Task Stop()
    {
        _auditor.Dispose();
        await _web.DisposeAsync();
    }

    /// <summary>Each body row of the accounts table, as its cells' column names (their data-label) and texts.</summary>
    internal static List<Dictionary<string, string>> Rows(string page) =>
        WebLedger.Html(page).QuerySelectorAll("table.accounts tbody tr")
            .Select(row => row.QuerySelectorAll("td").ToDictionary(cell => cell.GetAttribute("data-label")!, cell => cell.TextContent.Trim()))
            .ToList();

    private async Task<List<string>> UsernamesAsync(string address) => Rows(await _auditor.GetStringAsync(address)).Select(r => r["Username"]).ToList();

    [Test]
    public async Task TheList_ShowsEachAccountsAccessLevel()
    {
        var rows = Rows(await _auditor.GetStringAsync("/accounts"));

        Assert.That(rows, Has.Count.EqualTo(12), "every account of the User export");
        var etl = rows.Single(r => r["Username"] == AccessSamples.EtlBot);
        Assert.Multiple(() =>
        {
            Assert.That(etl["Kind"], Is.EqualTo("integration"));
            Assert.That(etl["Used by"], Is.EqualTo(WebLedger.Integration));
            Assert.That(etl["State"], Is.EqualTo("active"));
            Assert.That(etl["Licence and profile"], Is.EqualTo("Salesforce, Integration User"));
            Assert.That(etl["API only"], Is.EqualTo("no"));
            Assert.That(etl["Powerful permissions"], Is.EqualTo("Modify All Data, View All Data"));
            Assert.That(etl["MFA"], Is.EqualTo("none: not strong"));
            // Changed 2026-02-10 11:20; now is 2026-12-01 09:00.
            Assert.That(etl["Password age"], Is.EqualTo("293 days"));
            Assert.That(etl["Last login"], Is.EqualTo("2026-11-28"));
            Assert.That(etl["As of"], Is.EqualTo("2026-11-29"));
        });
        var mule = rows.Single(r => r["Username"] == AccessSamples.MuleSoft);
        Assert.That((mule["API only"], mule["Powerful permissions"]), Is.EqualTo(("yes", "none")));
        var admin = rows.Single(r => r["Username"] == AccessSamples.Owner);
        Assert.That((admin["Owner"], admin["MFA"]), Is.EqualTo((AccessSamples.Owner, "email address verified by the user: not strong; Waive Multi-Factor Authentication")));
        Assert.That(rows.Single(r => r["Username"] == "d.novak@example.com")["State"], Is.EqualTo("frozen"));
        Assert.That(rows.Single(r => r["Username"] == "etl.bot.old@example.com")["State"], Is.EqualTo("inactive"));
        Assert.That(rows.Single(r => r["Username"] == "l.moreau@example.com")["State"], Is.EqualTo("active, password locked"));
    }

    [Test]
    public async Task ThePowerfulFilter_LeavesOutTheLeastPrivilegedAccounts()
    {
        Assert.That(await UsernamesAsync("/accounts?powerful=true"),
            Is.EqualTo(new[] { AccessSamples.Owner, "etl.bot.old@example.com", AccessSamples.EtlBot, "integration.sync@example.com" }));
        Assert.That(await UsernamesAsync("/accounts?powerful=true&integration=true"),
            Is.EqualTo(new[] { "etl.bot.old@example.com", AccessSamples.EtlBot, "integration.sync@example.com" }));
        Assert.That(await UsernamesAsync("/accounts?integration=true"), Does.Contain(AccessSamples.MuleSoft).And.Not.Contain(AccessSamples.Owner));
    }

    [Test]
    public async Task TheNoMfaFilter_KeepsBrowserSignInsWithoutAStrongMethodOrWithTheWaiver()
    {
        // admin.ops has only an email code, and the waiver; s.ito an email code and a temporary code; the API-only,
        // frozen and inactive accounts do not sign in through the browser.
        Assert.That(await UsernamesAsync("/accounts?nomfa=true"),
            Is.EqualTo(new[] { AccessSamples.Owner, AccessSamples.EtlBot, "integration.sync@example.com", "p.lindqvist@example.com", "s.ito@example.com" }));
    }

    [Test]
    public async Task ThePasswordAndSearchFilters_Narrow_AndADayOutOfRangeIsIgnoredAndSaidSo()
    {
        Assert.That(await UsernamesAsync("/accounts?passwordolderthan=365"),
            Is.EqualTo(new[] { "a.okafor@example.com", "etl.bot.old@example.com", "integration.sync@example.com" }));
        Assert.That(await UsernamesAsync("/accounts?q=etl"), Is.EqualTo(new[] { "etl.bot.old@example.com", AccessSamples.EtlBot }));
        Assert.That(await UsernamesAsync("/accounts?q=nightly"), Is.EqualTo(new[] { AccessSamples.EtlBot }), "found by the integration that uses it");

        var page = await _auditor.GetStringAsync("/accounts?passwordolderthan=99999");
        Assert.That(Rows(page), Has.Count.EqualTo(12));
        Assert.That(page, Does.Contain("Ignored passwordolderthan=99999 from the address"));
    }

    [Test]
    public async Task TheListAsOfADayBeforeTheExports_KnowsNothingOfTheirAccess()
    {
        var rows = Rows(await _auditor.GetStringAsync($"/accounts?asof={AccessSamples.DayBefore}"));

        Assert.That(rows.Select(r => r["Powerful permissions"]).Distinct(), Is.EqualTo(new[] { "unknown" }));
        Assert.That(rows.Select(r => r["As of"]).Distinct(), Is.EqualTo(new[] { "unknown" }));
        Assert.That(await UsernamesAsync($"/accounts?powerful=true&asof={AccessSamples.DayBefore}"), Is.Empty);
        Assert.That(await UsernamesAsync("/accounts?powerful=true&asof=2026-11-29"), Has.Count.EqualTo(4), "the exports of that day count");
    }

    [Test]
    public async Task TheCsv_HoldsTheFilteredAccounts_WithTheirAccess()
    {
        var response = await _auditor.GetAsync(WebLedger.Link(await _auditor.GetStringAsync("/accounts?powerful=true&integration=true"), "Export all 3"));

        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/csv"));
        var lines = (await response.Content.ReadAsStringAsync()).TrimEnd('\n').Split('\n');
        Assert.That(lines[0], Does.StartWith("username,kind,integrationAccount,owner,usedBy,"));
        Assert.That(lines.Skip(1).Select(l => l.Split(',')[0]), Is.EqualTo(new[] { "etl.bot.old@example.com", AccessSamples.EtlBot, "integration.sync@example.com" }));
        Assert.That(lines[2], Does.Contain("Modify All Data; View All Data").And.Contain(WebLedger.Integration));
    }

    [Test]
    public async Task TheAccountsPage_ShowsItsPermissionSetsHistoryAndOpenFindings()
    {
        var page = await _auditor.GetStringAsync($"/accounts/{AccessSamples.EtlBot}");
        var html = WebLedger.Html(page);

        Assert.That(html.QuerySelector("h1")!.TextContent, Is.EqualTo($"Account {AccessSamples.EtlBot}"));
        var sets = WebLedger.TableRows(page, "Permission sets");
        Assert.That(sets.Select(s => s[0]), Is.EqualTo(new[] { "profile Integration User", "Orbit_BI_Full_Access" }));
        Assert.That(sets[1][1], Is.EqualTo("Orbit BI Extract, full access"));
        Assert.That(sets[1][2], Is.EqualTo("API Enabled, Modify All Data, View All Data"));
        Assert.That(html.QuerySelectorAll("table.list span.bad").Select(s => s.TextContent), Does.Contain("Modify All Data"), "the powerful ones stand out");

        var history = WebLedger.TableRows(page, "History");
        Assert.That(history.Select(h => (h[0], h[1], h[2])), Is.EquivalentTo(new[]
        {
            ("2026-11-29 06:00 UTC", "users", "user.csv"), ("2026-11-29 06:00 UTC", "permission set assignments", "permissionsetassignment.csv"),
            ("2026-11-29 06:00 UTC", "verification methods", "twofactormethodsinfo.csv"), ("2026-11-29 06:00 UTC", "user logins", "userlogin.csv"),
        }));
        Assert.That(history.Single(h => h[1] == "permission set assignments")[3], Does.Contain("Orbit_BI_Full_Access"));

        var findings = html.QuerySelectorAll("main li").Where(li => li.QuerySelector("span.severity") is not null).Select(li => li.TextContent).ToList();
        Assert.That(findings, Has.Some.Contains("integration-over-privileged").And.Some.Contains("mfa-missing"));
        Assert.That(WebLedger.Link(page, "Work them on the findings page"), Is.EqualTo("/findings?status=Unresolved&subject=Account&q=etl.bot%40example.com"));
        var worked = WebLedger.Html(await _auditor.GetStringAsync(WebLedger.Link(page, "Work them on the findings page")));
        Assert.That(worked.QuerySelectorAll("table.findings tbody tr"), Has.Length.EqualTo(findings.Count), "the same findings, there to be worked");
    }

    [Test]
    public async Task TheAccountsPage_AsOfADayBeforeItsSnapshots_SaysNothingIsKnown_ButKeepsItsHistory()
    {
        var page = await _auditor.GetStringAsync($"/accounts/{AccessSamples.EtlBot}?asof={AccessSamples.DayBefore}");

        Assert.That(WebLedger.Html(page).QuerySelector("main")!.TextContent, Does.Contain($"Nothing is known of this account's access as of {AccessSamples.DayBefore}"));
        Assert.That(WebLedger.Html(page).QuerySelectorAll("caption").Select(c => c.TextContent), Does.Not.Contain("Permission sets"));
        Assert.That(WebLedger.TableRows(page, "History"), Has.Count.EqualTo(4));
        Assert.That(WebLedger.Field(page, "asof"), Is.EqualTo(AccessSamples.DayBefore), "the form shows the day asked for");
    }

    [Test]
    public async Task AnAccountTheLedgerDoesNotHold_Is404()
    {
        var response = await _auditor.GetAsync("/accounts/nobody@example.com");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task TheListLinksEachAccount_ToItsPage_AsOfTheSameDay()
    {
        var now = await _auditor.GetStringAsync("/accounts");
        var before = await _auditor.GetStringAsync($"/accounts?asof={AccessSamples.DayBefore}");

        Assert.That(WebLedger.Link(now, AccessSamples.EtlBot), Is.EqualTo($"/accounts/{AccessSamples.EtlBot}"));
        Assert.That(WebLedger.Link(before, AccessSamples.EtlBot), Is.EqualTo($"/accounts/{AccessSamples.EtlBot}?asof={AccessSamples.DayBefore}"));
        Assert.That((await _auditor.GetAsync(WebLedger.Link(now, AccessSamples.EtlBot))).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task AnAccountFinding_LinksToTheAccountsPage()
    {
        var findings = WebLedger.Html(await _auditor.GetStringAsync("/findings?rule=integration-over-privileged&q=etl.bot%40"));

        var links = findings.QuerySelectorAll("td[data-label=Subject] a").Select(a => a.GetAttribute("href")).ToList();
        Assert.That(links, Does.Contain($"/accounts/{AccessSamples.EtlBot}"));
    }

    [Test]
    public async Task TheNavigation_HasAccounts_MarkedOnItsPages()
    {
        IElement? Marked(string page) => WebLedger.Html(page).QuerySelectorAll("nav[aria-label=Main] a[aria-current]").SingleOrDefault();

        Assert.That(Marked(await _auditor.GetStringAsync("/accounts")) is { } list ? (list.TextContent, list.GetAttribute("aria-current")) : default, Is.EqualTo(("Accounts", "page")));
        Assert.That(Marked(await _auditor.GetStringAsync($"/accounts/{AccessSamples.EtlBot}")) is { } one ? (one.TextContent, one.GetAttribute("aria-current")) : default, Is.EqualTo(("Accounts", "true")));
    }
}
