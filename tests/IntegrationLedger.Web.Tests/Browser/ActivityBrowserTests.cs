using IntegrationLedger.Web.Tests.Support;
using Microsoft.Playwright;

namespace IntegrationLedger.Web.Tests.Browser;

/// <summary>
/// Issue 15 in a real browser: the activity chart on a small phone (360 px wide) takes the screen's width and no
/// more, the page does not scroll sideways even with the daily table open, and the browser gives the chart the
/// accessible name the server wrote.
/// </summary>
[NonParallelizable]
[Category("Browser")]
public class ActivityBrowserTests
{
    private const int Width = 360;

    private WebLedger _web = null!;
    private BrowserSession _browser = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _browser = await BrowserSession.LaunchAsync();
        _web = await WebLedger.StartAsync(overTheNetwork: true);
        await ActivitySamples.ImportAsync(_web);
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        await _web.DisposeAsync();
        await _browser.DisposeAsync();
    }

    [Test]
    public async Task OnASmallPhone_TheChartFitsTheScreen_AndThePageDoesNotScrollSideways()
    {
        var page = await _browser.NewPageAsync(_web.BaseUrl, Width, 740);
        await BrowserSession.SignInAsync(page, WebLedger.Auditor, WebLedger.Password);
        await page.GotoAsync("/integrations/Nightly%20ETL");

        var chart = page.GetByRole(AriaRole.Img, new() { Name = "Nightly ETL: rows a day" });
        await Assertions.Expect(chart).ToBeVisibleAsync();
        var box = (await chart.BoundingBoxAsync())!;
        Assert.That(box.X, Is.GreaterThanOrEqualTo(0));
        Assert.That(box.X + box.Width, Is.LessThanOrEqualTo(Width), "the chart ends within the screen");
        Assert.That(box.Width, Is.GreaterThan(Width * 0.8), "the chart takes the screen's width, not a fixed one");
        // Its height follows the viewBox's proportions.
        Assert.That(box.Height, Is.EqualTo(box.Width * 240 / 360).Within(2));

        Assert.That(await SidewaysScrollAsync(page), Is.LessThanOrEqualTo(0));
        Directory.CreateDirectory(BrowserSession.ScreenshotFolder);
        await chart.ScreenshotAsync(new() { Path = Path.Combine(BrowserSession.ScreenshotFolder, "activity-chart-phone.png") });
        await page.GetByText("Every day (31)").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = "Every day, latest first" })).ToBeVisibleAsync();
        Assert.That(await SidewaysScrollAsync(page), Is.LessThanOrEqualTo(0), "the wide daily table scrolls in its own box");
        await BrowserSession.ScreenshotAsync(page, "activity-phone");
    }

    [Test]
    public async Task OnADesktop_TheChartsTextStaysNearThePagesSize()
    {
        var page = await _browser.NewPageAsync(_web.BaseUrl);
        await BrowserSession.SignInAsync(page, WebLedger.Auditor, WebLedger.Password);
        await page.GotoAsync("/integrations/Nightly%20ETL");

        var chart = page.GetByRole(AriaRole.Img, new() { Name = "Nightly ETL: rows a day" });
        var box = (await chart.BoundingBoxAsync())!;
        // Capped in the layout at 40rem, so its 11-unit text is drawn at about 20 px beside the page's 16.
        Assert.That(box.Width, Is.LessThanOrEqualTo(40 * 16 + 1));
        Assert.That(box.Width, Is.GreaterThan(Width), "wider than on a phone: it grows with the page up to the cap");
        await BrowserSession.ScreenshotAsync(page, "activity-desktop");
    }

    private static Task<int> SidewaysScrollAsync(IPage page) =>
        page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
}
