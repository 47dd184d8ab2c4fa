using IntegrationLedger.Web.Tests.Support;
using Microsoft.Playwright;

namespace IntegrationLedger.Web.Tests.Browser;

/// <summary>
/// The lists at a real browser: on a phone (390 × 844) every row shows each column's value in full, within the
/// screen, with nothing to scroll sideways; at a desk an officer filters, sorts, pages and comes back with the
/// Back button to the list as it was.
/// </summary>
[NonParallelizable]
[Category("Browser")]
public class ListsBrowserTests
{
    private WebLedger _web = null!;
    private BrowserSession _browser = null!;

    [OneTimeSetUp]
    public async Task LaunchBrowser() => _browser = await BrowserSession.LaunchAsync();

    [OneTimeTearDown]
    public async Task CloseBrowser() => await _browser.DisposeAsync();

    [SetUp]
    public async Task StartServer() => _web = await WebLedger.StartAsync(overTheNetwork: true, seed: LedgerSeed.Lists);

    [TearDown]
    public async Task StopServer() => await _web.DisposeAsync();

    private async Task<IPage> SignedInAsync(string email, int width = 1280, int height = 800)
    {
        var page = await _browser.NewPageAsync(_web.BaseUrl, width, height);
        await BrowserSession.SignInAsync(page, email, WebLedger.Password);
        return page;
    }

    [TestCase("/tokens?due=Within", "Rotation due", "Status")]
    [TestCase("/", "Rotation due", "State")]
    public async Task OnAPhone_EveryRowShowsItsRotationDueAndState_WithinTheScreen(string url, string due, string state)
    {
        var page = await SignedInAsync(WebLedger.Officer, width: 390, height: 844);
        await page.GotoAsync(url);

        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.That(overflow, Is.LessThanOrEqualTo(0), $"{url} scrolls sideways on a phone");
        foreach (var label in new[] { due, state })
        {
            var cells = page.Locator($"table.list td[data-label='{label}']");
            Assert.That(await cells.CountAsync(), Is.GreaterThan(0), $"{url} has {label} values");
            for (var i = 0; i < await cells.CountAsync(); i++)
            {
                var cell = cells.Nth(i);
                await Assertions.Expect(cell).ToBeVisibleAsync();
                // The cell and its text end inside the screen, and its text is not clipped inside the cell.
                var fits = await cell.EvaluateAsync<bool>(@"cell => {
                    const box = cell.getBoundingClientRect();
                    const range = document.createRange(); range.selectNodeContents(cell);
                    const text = range.getBoundingClientRect();
                    return box.left >= 0 && box.right <= window.innerWidth && text.right <= window.innerWidth && cell.scrollWidth <= cell.clientWidth + 1;
                }");
                Assert.That(fits, Is.True, $"{url}: the {label} of row {i + 1} runs off the screen");
                var named = await cell.EvaluateAsync<string>("cell => getComputedStyle(cell, '::before').content");
                Assert.That(named, Is.EqualTo($"\"{label}\""), "each value says which column it is");
            }
        }
        await BrowserSession.ScreenshotAsync(page, url == "/" ? "dashboard-phone-lists" : "tokens-phone");
    }

    [Test]
    public async Task Officer_FiltersSortsAndPages_ThenTheBackButtonReturnsToTheListAsItWas()
    {
        var page = await SignedInAsync(WebLedger.Officer);
        await page.GetByRole(AriaRole.Link, new() { Name = "Tokens", Exact = true }).ClickAsync();
        await Filters(page).GetByLabel("Owner's email").FillAsync("person-2@example.com");
        await Filters(page).GetByLabel("Rows per page").SelectOptionAsync("50");
        await Filters(page).GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Showing" })).ToContainTextAsync("Showing 1–12 of 12 tokens.");
        var filtered = page.Url;

        await page.GetByRole(AriaRole.Link, new() { Name = "Rotation due" }).ClickAsync();
        await Assertions.Expect(page.Locator("th[aria-sort=ascending]")).ToContainTextAsync("Rotation due");
        await page.GetByRole(AriaRole.Link, new() { Name = "Rotation due" }).ClickAsync();
        await Assertions.Expect(page.Locator("th[aria-sort=descending]")).ToContainTextAsync("Rotation due");
        await BrowserSession.ScreenshotAsync(page, "tokens-list");

        await page.GoBackAsync();
        await page.GoBackAsync();
        Assert.That(page.Url, Is.EqualTo(filtered));
        await Assertions.Expect(Filters(page).GetByLabel("Owner's email")).ToHaveValueAsync("person-2@example.com");
        await Assertions.Expect(page.Locator("th[aria-sort]")).ToContainTextAsync("Token");
    }

    [Test]
    public async Task Officer_FindsAnIntegrationFromTheHeader_AndExportsTheEventsShown()
    {
        var page = await SignedInAsync(WebLedger.Officer);
        await page.GetByLabel("Search the ledger").FillAsync("integration 0007");
        await page.GetByRole(AriaRole.Button, new() { Name = "Find" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Integration 0007" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Integration 0007" })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Events", Exact = true }).ClickAsync();
        await Filters(page).GetByLabel("Integration").FillAsync("Integration 0007");
        await Filters(page).GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Showing" })).ToContainTextAsync("of 9 events.");
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Export all 9 matching events (CSV)" }).ClickAsync());
        var saved = Path.Combine(_web.Folder, download.SuggestedFilename);
        await download.SaveAsAsync(saved);
        Assert.That(download.SuggestedFilename, Is.EqualTo("events.csv"));
        Assert.That(File.ReadAllLines(saved), Has.Length.EqualTo(10));
    }

    /// <summary>The bar of search and filters above a list (the header's search is another).</summary>
    private static ILocator Filters(IPage page) => page.GetByRole(AriaRole.Search, new() { Name = "Search and filter the list" });
}
