using IntegrationLedger.Application;
using IntegrationLedger.Application.Features.Tokens;
using IntegrationLedger.Domain.Tokens;
using IntegrationLedger.Web.Tests.Support;
using Microsoft.Playwright;

namespace IntegrationLedger.Web.Tests.Browser;

/// <summary>"Who changed what" at a real browser: a token's History, read on a phone, and its way to the audit log.</summary>
[NonParallelizable]
[Category("Browser")]
public class AuditBrowserTests
{
    private WebLedger _web = null!;
    private BrowserSession _browser = null!;

    [OneTimeSetUp]
    public async Task LaunchBrowser() => _browser = await BrowserSession.LaunchAsync();

    [OneTimeTearDown]
    public async Task CloseBrowser() => await _browser.DisposeAsync();

    [SetUp]
    public async Task StartServer() => _web = await WebLedger.StartAsync(overTheNetwork: true);

    [TearDown]
    public async Task StopServer() => await _web.DisposeAsync();

    [Test]
    public async Task Auditor_ReadsATokensHistory_OnAPhone_WithoutScrollingSideways()
    {
        await using (var ledger = await Ledger.OpenAsync(new LedgerOptions(_web.DatabasePath, WebLedger.Officer, _web.Clock)))
        {
            await new UseTokenHandler(ledger).HandleAsync(new UseToken(WebLedger.Token, WebLedger.Integration, "Nightly export of opportunities to the warehouse"));
            await new RevokeTokenHandler(ledger).HandleAsync(new RevokeToken(WebLedger.Token, RevocationReason.Compromised, "Pasted into a support ticket"));
        }
        var page = await _browser.NewPageAsync(_web.BaseUrl, 390, 844);
        await BrowserSession.SignInAsync(page, WebLedger.Auditor, WebLedger.Password);

        await page.GotoAsync($"/tokens/{WebLedger.Token}");

        var history = page.GetByRole(AriaRole.Table, new() { Name = "History" });
        var revoked = history.GetByRole(AriaRole.Row).Filter(new() { HasText = "revoked a token: token etl-token" });
        await Assertions.Expect(revoked).ToContainTextAsync("status: active → revoked");
        await Assertions.Expect(revoked).ToContainTextAsync("revocation reason: (none) → compromised");
        await Assertions.Expect(revoked).ToContainTextAsync(WebLedger.Officer);
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.That(overflow, Is.LessThanOrEqualTo(0), "the page scrolls sideways on a phone");
        await revoked.ScrollIntoViewIfNeededAsync();
        await BrowserSession.ScreenshotAsync(page, "token-history-phone");

        await page.GetByRole(AriaRole.Link, new() { Name = "See them in the audit log" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/audit\?entity=Token&entityId=[0-9a-f-]{36}$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = WebLedger.Token }).First).ToBeVisibleAsync();
        Assert.That(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth"), Is.LessThanOrEqualTo(0), "the audit log scrolls sideways on a phone");
        await BrowserSession.ScreenshotAsync(page, "audit-log-phone");
    }
}
