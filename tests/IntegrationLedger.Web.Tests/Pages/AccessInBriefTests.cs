using IntegrationLedger.Web.Tests.Support;

namespace IntegrationLedger.Web.Tests.Pages;

/// <summary>
/// Access levels beyond the accounts pages, over the sample access exports: in brief on the person's and the
/// integration's pages, the dashboard's figures (each leading to the list it counts), and a long list in pages.
/// </summary>
public class AccessInBriefTests
{
    private WebLedger _web = null!;

    [SetUp]
    public async Task Start()
    {
        _web = await WebLedger.StartAsync();
        await AccessSamples.ImportAsync(_web);
    }

    [TearDown]
    public async Task Stop() => await _web.DisposeAsync();

    [Test]
    public async Task ThePersonsPage_ShowsTheAccessOfEachAccountTheyOwn_InBrief()
    {
        var auditor = await _web.SignedInAsync(WebLedger.Auditor);

        var page = await auditor.GetStringAsync($"/people/{AccessSamples.Owner}");

        var rows = WebLedger.TableRows(page, "Access level of each account");
        Assert.That(rows, Is.EqualTo(new[]
        {
            new[]
            {
                $"{AccessSamples.Owner} (personal)", "active", "Modify All Data, View All Data, Author Apex, Manage Users, Customize Application",
                // Changed 2026-09-14 08:02; now is 2026-12-01 09:00.
                "email address verified by the user: not strong; Waive Multi-Factor Authentication", "78 days",
            },
        }));
        Assert.That(WebLedger.Link(page, AccessSamples.Owner), Is.EqualTo($"/accounts/{AccessSamples.Owner}"));
    }

    [Test]
    public async Task TheIntegrationsPage_ShowsTheAccessOfTheAccountsItUses_InBrief()
    {
        var auditor = await _web.SignedInAsync(WebLedger.Auditor);

        var page = await auditor.GetStringAsync("/integrations/Nightly%20ETL");

        var rows = WebLedger.TableRows(page, "Access level of each account");
        Assert.That(rows.Select(r => r[0]), Is.EqualTo(new[] { $"{AccessSamples.EtlBot} (integration)" }), "the account its attribution rule names");
        Assert.That(rows[0][1..], Is.EqualTo(new[] { "active", "Modify All Data, View All Data", "none: not strong", "293 days" }));
        Assert.That(WebLedger.Link(page, AccessSamples.EtlBot), Is.EqualTo($"/accounts/{AccessSamples.EtlBot}"));
    }

    [Test]
    public async Task TheDashboard_CountsPowerfulIntegrationAccounts_WeakMfa_AndOldPasswords_EachLinkingToItsList()
    {
        var auditor = await _web.SignedInAsync(WebLedger.Auditor);

        var cards = WebLedger.Html(await auditor.GetStringAsync("/")).QuerySelectorAll("a.card")
            .ToDictionary(c => c.QuerySelector("span")!.TextContent, c => (Count: c.QuerySelector("strong")!.TextContent, Href: c.GetAttribute("href")!));

        // integration.sync's profile grants View All Data; etl.bot.old cannot sign in but still holds its sets.
        Assert.That(cards["Integration accounts with powerful permissions"], Is.EqualTo(("3", "/accounts?integration=true&powerful=true")));
        Assert.That(cards["Browser sign-ins without strong MFA"], Is.EqualTo(("5", "/accounts?nomfa=true")));
        // The password-age rule's 90 days: every password changed before 2026-09-02.
        Assert.That(cards["Passwords unchanged for more than 90 days"], Is.EqualTo(("9", "/accounts?passwordolderthan=90")));
        foreach (var (count, href) in cards.Where(c => c.Value.Href.StartsWith("/accounts", StringComparison.Ordinal)).Select(c => c.Value))
        {
            var list = WebLedger.Html(await auditor.GetStringAsync(href));
            Assert.That(list.QuerySelector(".list-summary [role=status]")!.TextContent, Does.StartWith($"Showing 1–{count} of {count} accounts."), href);
        }
    }

    [Test]
    public async Task TheDashboardsPasswordFigure_FollowsTheRulesSetting()
    {
        var admin = await _web.SignedInAsync(WebLedger.Admin);
        await using (var ledger = await IntegrationLedger.Application.Ledger.OpenAsync(new IntegrationLedger.Application.LedgerOptions(_web.DatabasePath, "setup", _web.Clock)))
            await new IntegrationLedger.Application.Features.Settings.SetSettingHandler(ledger).HandleAsync(new("password-age.days", "365"));

        var cards = WebLedger.Html(await admin.GetStringAsync("/")).QuerySelectorAll("a.card").Select(c => (c.QuerySelector("span")!.TextContent, c.QuerySelector("strong")!.TextContent));

        Assert.That(cards, Does.Contain(("Passwords unchanged for more than 365 days", "3")));
    }

    [Test]
    public async Task ALongList_IsShownAHundredAccountsToAPage_AndItsCsvHoldsThemAll()
    {
        await AccessSamples.ImportManyUsersAsync(_web, 130);
        var auditor = await _web.SignedInAsync(WebLedger.Auditor);

        var first = await auditor.GetStringAsync("/accounts");
        Assert.That(AccountsPageTests.Rows(first), Has.Count.EqualTo(100));
        Assert.That(WebLedger.Html(first).QuerySelector(".list-summary [role=status]")!.TextContent, Does.StartWith("Showing 1–100 of 142 accounts."));

        var second = await auditor.GetStringAsync(WebLedger.Link(first, "Next"));
        var rows = AccountsPageTests.Rows(second);
        Assert.That(rows, Has.Count.EqualTo(42));
        Assert.That(rows[^1]["Username"], Is.EqualTo("s.ito@example.com"), "in username order");
        Assert.That(rows.Select(r => r["Username"]), Does.Not.Contain(AccessSamples.Bulk(1)), "no row on both pages");

        var oldest = AccountsPageTests.Rows(await auditor.GetStringAsync("/accounts?sort=password-age&size=25"));
        Assert.That(oldest[0]["Username"], Is.EqualTo("etl.bot.old@example.com"), "the oldest password first");

        var csv = await auditor.GetStringAsync(WebLedger.Link(first, "Export all 142"));
        Assert.That(csv.TrimEnd('\n').Split('\n'), Has.Length.EqualTo(143), "a header and every account, not only the page's");
    }
}
