using IntegrationLedger.Application;
using IntegrationLedger.Application.Features.Findings;
using IntegrationLedger.Application.Features.Tokens;
using IntegrationLedger.Domain.Tokens;
using IntegrationLedger.Web.Tests.Support;
using Microsoft.Playwright;

namespace IntegrationLedger.Web.Tests.Browser;

/// <summary>
/// An officer working findings in a real browser: the actions in view at 1280 px and on a phone, two findings
/// ticked and acknowledged with one note. The README's findings screenshot is taken here.
/// </summary>
[NonParallelizable]
[Category("Browser")]
public class FindingsBrowserTests
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
        await using var ledger = await Ledger.OpenAsync(new LedgerOptions(_web.DatabasePath, "setup", _web.Clock));
        foreach (var label in new[] { "old-key-1", "old-key-2", "old-key-3" })
            await new AddTokenHandler(ledger).HandleAsync(new AddToken(label, TokenKind.ApiKey, "ana@example.com", RotateEveryDays: 30, IssuedAt: new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc)));
        await new RunRulesHandler(ledger).HandleAsync(new RunRules());
    }

    [TearDown]
    public async Task StopServer() => await _web.DisposeAsync();

    [TestCase(1280, 800)]
    [TestCase(390, 844)]
    public async Task Officer_TicksTwoFindings_AndAcknowledgesThemWithOneNote_TheActionsInView(int width, int height)
    {
        var page = await _browser.NewPageAsync(_web.BaseUrl, width, height);
        await BrowserSession.SignInAsync(page, WebLedger.Officer, WebLedger.Password);
        await page.GotoAsync("/findings?rule=rotation-overdue");

        var acknowledge = page.GetByRole(AriaRole.Button, new() { Name = "Acknowledge", Exact = true });
        if (width == 1280)
            await BrowserSession.ScreenshotAsync(page, "findings");
        var ticks = page.Locator("input[name='Work.Ids']");
        await ticks.Nth(2).CheckAsync();
        await ticks.Nth(1).CheckAsync();

        // Scrolled down to the rows, the bar with the note and the actions is still in the window.
        var box = await acknowledge.BoundingBoxAsync();
        Assert.That(box, Is.Not.Null);
        Assert.That(box!.X, Is.GreaterThanOrEqualTo(0));
        Assert.That(box.Y, Is.GreaterThanOrEqualTo(0));
        Assert.That(box.X + box.Width, Is.LessThanOrEqualTo(width), "the Acknowledge button is within the window, not off to the right");
        Assert.That(box.Y + box.Height, Is.LessThanOrEqualTo(height), "and not scrolled out of view");

        await page.GetByLabel("Note (what was done or decided; kept on each finding)").FillAsync("Both rotate on Monday");
        await acknowledge.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveCountAsync(0);

        // The list's "Showing 1-1 of 1" is a status too; the message is the one that says what was done.
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "2 findings are now acknowledged, each with the note." })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("input[name='Work.Ids']")).ToHaveCountAsync(1);
        Assert.That(_web.Scalar("SELECT count(*) FROM Findings WHERE Status = 'Acknowledged' AND Note = 'Both rotate on Monday'"), Is.EqualTo(2));
    }
}
