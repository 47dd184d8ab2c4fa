using Microsoft.Playwright;

namespace IntegrationLedger.Web.Tests.Browser;

/// <summary>
/// Debian's Chromium driven by Playwright, headless. Playwright's own browser download is never used (this
/// machine has no internet); `.ci/run` installs the chromium package.
/// </summary>
public sealed class BrowserSession : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly IPlaywright _playwright;

    private BrowserSession(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        Browser = browser;
    }

    public IBrowser Browser { get; }

    /// <summary>
    /// Where the tests leave their screenshots: beside the test binaries, or where LEDGER_SCREENSHOTS says
    /// (the README's are refreshed with LEDGER_SCREENSHOTS=$PWD/docs/screenshots).
    /// </summary>
    public static string ScreenshotFolder =>
        Environment.GetEnvironmentVariable("LEDGER_SCREENSHOTS") is { Length: > 0 } folder ? folder : Path.Combine(AppContext.BaseDirectory, "screenshots");

    public static async Task<BrowserSession> LaunchAsync()
    {
        Assert.That(File.Exists(ChromiumPath), Is.True, $"browser tests need Chromium at {ChromiumPath}: apt-get install chromium");
        Assertions.SetDefaultExpectTimeout(30_000);
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // As root Chromium needs --no-sandbox; the rest keep it from calling out to a network that is closed here.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        return new BrowserSession(playwright, browser);
    }

    public async Task<IPage> NewPageAsync(string baseUrl, int width = 1280, int height = 800)
    {
        var context = await Browser.NewContextAsync(new() { BaseURL = baseUrl, ViewportSize = new() { Width = width, Height = height }, AcceptDownloads = true });
        // Two busy cores can take a while to build a first workbook; waiting longer only costs time when something is wrong.
        context.SetDefaultTimeout(90_000);
        return await context.NewPageAsync();
    }

    public static async Task SignInAsync(IPage page, string email, string password)
    {
        await page.GotoAsync("/");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/signin", StringComparison.Ordinal));
    }

    public static async Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotFolder);
        await page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotFolder, name + ".png"), FullPage = true });
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
    }
}
