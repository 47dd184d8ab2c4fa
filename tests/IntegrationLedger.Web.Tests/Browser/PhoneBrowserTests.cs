using IntegrationLedger.Application;
using IntegrationLedger.Application.Features.Findings;
using IntegrationLedger.Application.Features.Tokens;
using IntegrationLedger.Web.Tests.Support;
using Microsoft.Playwright;

namespace IntegrationLedger.Web.Tests.Browser;

/// <summary>
/// Every page on a phone (390 × 844): no sideways scrolling, and every button, link styled as one, and form field
/// lies within the screen's width, so nothing that acts is cut off at the edge or hidden in a scrolled table.
/// Folded forms are opened first, so their fields are measured too.
/// </summary>
[NonParallelizable]
[Category("Browser")]
public class PhoneBrowserTests
{
    private const int Width = 390;
    private const int Height = 844;

    /// <summary>Every page an officer reaches, each with something on it: a token in use and waiting after a reset, findings, accounts' access.</summary>
    private static readonly string[] OfficerPages =
    [
        "/", "/people", "/people/ana@example.com", "/people/ana@example.com?handler=Offboard",
        "/integrations", "/integrations/Nightly%20ETL",
        "/accounts", $"/accounts/{AccessSamples.EtlBot}", $"/people/{AccessSamples.Owner}",
        "/tokens", $"/tokens/{WebLedger.Token}", $"/tokens/{WebLedger.Token}?handler=Reset", $"/tokens/{WebLedger.Token}?handler=Revoke",
        "/import", "/findings", "/reviews", "/reports", "/audit", "/tokenz",
    ];

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
        await using var ledger = await Ledger.OpenAsync(new LedgerOptions(_web.DatabasePath, "setup", _web.Clock));
        await new UseTokenHandler(ledger).HandleAsync(new UseToken(WebLedger.Token, WebLedger.Integration, "Nightly export of opportunities and accounts", null));
        await new ResetTokenHandler(ledger).HandleAsync(new ResetToken(WebLedger.Token));
        await new RunRulesHandler(ledger).HandleAsync(new RunRules());
        // The accounts pages, and the person's and integration's with their accounts' access, with something on them.
        await AccessSamples.ImportAsync(_web);
    }

    [TearDown]
    public async Task StopServer() => await _web.DisposeAsync();

    [Test]
    public async Task EveryOfficerPage_ShowsEveryActionAndField_WithinAPhonesWidth()
    {
        var page = await _browser.NewPageAsync(_web.BaseUrl, Width, Height);
        await BrowserSession.SignInAsync(page, WebLedger.Officer, WebLedger.Password);

        var problems = new List<string>();
        foreach (var url in OfficerPages)
            problems.AddRange(await BeyondTheWidthAsync(page, url));

        Assert.That(problems, Is.Empty);
    }

    [Test]
    public async Task TheTokensConfirmButton_IsOnScreenOnAPhone()
    {
        var page = await _browser.NewPageAsync(_web.BaseUrl, Width, Height);
        await BrowserSession.SignInAsync(page, WebLedger.Officer, WebLedger.Password);
        await page.GotoAsync($"/tokens/{WebLedger.Token}");

        var confirm = page.GetByRole(AriaRole.Button, new() { Name = $"Confirm {WebLedger.Integration} has the new value" });
        await confirm.ScrollIntoViewIfNeededAsync();

        await Assertions.Expect(confirm).ToBeInViewportAsync(new() { Ratio = 1 });
        await BrowserSession.ScreenshotAsync(page, "token-phone");
    }

    [Test]
    public async Task TheSignInAndAdminPages_ShowEveryActionAndField_WithinAPhonesWidth()
    {
        var anonymous = await _browser.NewPageAsync(_web.BaseUrl, Width, Height);
        var problems = await BeyondTheWidthAsync(anonymous, "/signin");

        var admin = await _browser.NewPageAsync(_web.BaseUrl, Width, Height);
        await BrowserSession.SignInAsync(admin, WebLedger.Admin, WebLedger.Password);
        problems.AddRange(await BeyondTheWidthAsync(admin, "/admin"));

        Assert.That(problems, Is.Empty);
    }

    /// <summary>What of the page at <paramref name="url"/> does not fit a phone's width: the page's sideways scroll, and each control beyond the edge.</summary>
    private static async Task<List<string>> BeyondTheWidthAsync(IPage page, string url)
    {
        await page.GotoAsync(url);
        await page.EvaluateAsync("() => document.querySelectorAll('details').forEach(d => d.open = true)");

        var problems = new List<string>();
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        if (overflow > 0)
            problems.Add($"{url} scrolls sideways by {overflow} px");
        var outside = await page.EvaluateAsync<string[]>(@"() => [...document.querySelectorAll('button, a.button, input:not([type=hidden]), select, textarea')]
            .filter(e => e.getClientRects().length > 0)
            .map(e => ({ e, box: e.getBoundingClientRect() }))
            .filter(({ box }) => box.left < 0 || box.right > window.innerWidth + 0.5)
            .map(({ e, box }) => `${e.tagName.toLowerCase()} ${(e.name || e.textContent || '').trim().slice(0, 60)} at ${Math.round(box.left)}..${Math.round(box.right)}`)");
        problems.AddRange(outside.Distinct().Select(control => $"{url}: {control}"));
        return problems;
    }
}
