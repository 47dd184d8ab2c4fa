using System.Text.RegularExpressions;
using IntegrationLedger.Web.Tests.Support;
using Microsoft.Playwright;

namespace IntegrationLedger.Web.Tests.Browser;

/// <summary>
/// An auditor at a real browser narrows the accounts list with its form (a GET, so the filters land in the
/// address), opens an account, and looks at it as of a day before the exports.
/// </summary>
[NonParallelizable]
[Category("Browser")]
public class AccountsBrowserTests
{
    private WebLedger _web = null!;
    private BrowserSession _browser = null!;

    [OneTimeSetUp]
    public async Task LaunchBrowser() => _browser = await BrowserSession.LaunchAsync();

    [OneTimeTearDown]
    public async Task CloseBrowser() => await _browser.DisposeAsync();

    [SetUp]
    public async Task StartServer()
    {
        _web = await WebLedger.StartAsync(overTheNetwork: true);
        await AccessSamples.ImportAsync(_web);
    }

    [TearDown]
    public async Task StopServer() => await _web.DisposeAsync();

    [Test]
    public async Task AnAuditor_FiltersTheAccounts_OpensOne_AndLooksAtItAsOfAnEarlierDay()
    {
        var page = await _browser.NewPageAsync(_web.BaseUrl);
        await BrowserSession.SignInAsync(page, WebLedger.Auditor, WebLedger.Password);
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Accounts", Exact = true }).ClickAsync();

        await page.GetByLabel("Integration accounts only").CheckAsync();
        await page.GetByLabel("Powerful permissions only").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();

        // Polls the address rather than waiting for a load event, which a fast navigation may have fired already.
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("integration=true.*powerful=true|powerful=true.*integration=true"));
        await Assertions.Expect(page.Locator("table.accounts tbody tr")).ToHaveCountAsync(3);
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Showing 1–3 of 3 accounts.");
        await BrowserSession.ScreenshotAsync(page, "accounts-powerful");

        await page.GetByRole(AriaRole.Link, new() { Name = AccessSamples.EtlBot, Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Account {AccessSamples.EtlBot}");
        await Assertions.Expect(page.Locator("table.list").First).ToContainTextAsync("Orbit_BI_Full_Access");
        await BrowserSession.ScreenshotAsync(page, "account");

        await page.GetByLabel("As of (end of day, UTC)").FillAsync(AccessSamples.DayBefore);
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"asof={Regex.Escape(AccessSamples.DayBefore)}"));
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync($"Nothing is known of this account's access as of {AccessSamples.DayBefore}");
    }
}
