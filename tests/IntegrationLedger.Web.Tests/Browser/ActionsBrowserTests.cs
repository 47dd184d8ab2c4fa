using IntegrationLedger.Application;
using IntegrationLedger.Application.Features.Tokens;
using IntegrationLedger.Web.Tests.Support;
using Microsoft.Playwright;

namespace IntegrationLedger.Web.Tests.Browser;

/// <summary>
/// At a real browser: a revocation goes through its confirmation step, which names the integrations that
/// break and asks for a reason (none chosen beforehand) and a note; a refused form keeps what was typed and
/// marks the field at fault; a mistyped address still shows the navigation.
/// </summary>
[NonParallelizable]
[Category("Browser")]
public class ActionsBrowserTests
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
        await new UseTokenHandler(ledger).HandleAsync(new UseToken(WebLedger.Token, WebLedger.Integration, "Nightly export", null));
    }

    [TearDown]
    public async Task StopServer() => await _web.DisposeAsync();

    private async Task<IPage> SignedInAsync(string email, int width = 1280, int height = 800)
    {
        var page = await _browser.NewPageAsync(_web.BaseUrl, width, height);
        await BrowserSession.SignInAsync(page, email, WebLedger.Password);
        return page;
    }

    [Test]
    public async Task Officer_RevokesThroughTheConfirmation_WhichNamesWhatBreaks_AndNeedsAReason()
    {
        var page = await SignedInAsync(WebLedger.Officer);
        await page.GotoAsync($"/tokens/{WebLedger.Token}");

        await page.GetByRole(AriaRole.Link, new() { Name = "Revoke…" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Revoke token {WebLedger.Token}?" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#what-breaks").GetByRole(AriaRole.Link, new() { Name = WebLedger.Integration })).ToBeVisibleAsync();
        Assert.That(await page.Locator("input[name='Revoke.Reason']:checked").CountAsync(), Is.Zero, "no reason is chosen beforehand");
        await BrowserSession.ScreenshotAsync(page, "token-revoke-confirm");

        // The browser itself will not send the form without a reason and a note.
        await page.GetByRole(AriaRole.Button, new() { Name = $"Revoke {WebLedger.Token}" }).ClickAsync();
        Assert.That(await page.Locator("input[name='Revoke.Reason']").First.EvaluateAsync<bool>("e => e.validity.valueMissing"), Is.True);
        Assert.That(_web.Text($"SELECT Status FROM Tokens WHERE Label = '{WebLedger.Token}'"), Is.EqualTo("Active"));

        await page.GetByLabel("unused: nothing uses it any more").CheckAsync();
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Note" }).FillAsync("Replaced by the OAuth flow");
        await page.GetByRole(AriaRole.Button, new() { Name = $"Revoke {WebLedger.Token}" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Revoked {WebLedger.Token}.");
        await Assertions.Expect(page.Locator("#revocation")).ToContainTextAsync($"by {WebLedger.Officer}");
        await Assertions.Expect(page.Locator("#revocation")).ToContainTextAsync("Replaced by the OAuth flow");
        Assert.That(_web.Text($"SELECT RevocationReason FROM Tokens WHERE Label = '{WebLedger.Token}'"), Is.EqualTo("Unused"));
    }

    [Test]
    public async Task Officer_ACancelledRevocation_ChangesNothing()
    {
        var page = await SignedInAsync(WebLedger.Officer);
        await page.GotoAsync($"/tokens/{WebLedger.Token}");

        await page.GetByRole(AriaRole.Link, new() { Name = "Revoke…" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Cancel, keep it" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Token {WebLedger.Token}" })).ToBeVisibleAsync();
        Assert.That(_web.Text($"SELECT Status FROM Tokens WHERE Label = '{WebLedger.Token}'"), Is.EqualTo("Active"));
    }

    [Test]
    public async Task Officer_ARefusedRegistration_KeepsWhatWasTyped_AndMarksTheOwnerField()
    {
        var page = await SignedInAsync(WebLedger.Officer);
        await page.GotoAsync("/tokens");

        await page.GetByText("Register a token").First.ClickAsync();
        // The list's filter bar above has an owner field and a search box too; the form is the one that registers.
        var form = page.GetByRole(AriaRole.Group, new() { Name = "Register a token" });
        await form.GetByLabel("Label", new() { Exact = true }).FillAsync("crm-key");
        await form.GetByLabel("Owner's email").FillAsync("nobody@example.com");
        await form.GetByLabel("Secret").FillAsync("typed-secret-value-4321");
        await form.GetByRole(AriaRole.Button, new() { Name = "Register" }).ClickAsync();

        var owner = form.GetByLabel("Owner's email");
        await Assertions.Expect(owner).ToHaveValueAsync("nobody@example.com");
        await Assertions.Expect(owner).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(owner).ToHaveAccessibleDescriptionAsync(new System.Text.RegularExpressions.Regex("No person with email 'nobody@example.com'"));
        await Assertions.Expect(form.GetByLabel("Label", new() { Exact = true })).ToHaveValueAsync("crm-key");
        await Assertions.Expect(form.GetByLabel("Secret")).ToHaveValueAsync("");
        Assert.That(await owner.IsVisibleAsync(), Is.True, "the refused form is open, where the officer left it");
        await page.GetByRole(AriaRole.Alert).GetByRole(AriaRole.Link).First.ClickAsync();
        await Assertions.Expect(owner).ToBeInViewportAsync();
        Assert.That(page.Url, Does.EndWith("#Add_Owner"));
        await BrowserSession.ScreenshotAsync(page, "form-refused");
    }

    [Test]
    public async Task AMistypedAddress_ShowsTheNavigation_AndTheListsToLookIn()
    {
        var page = await SignedInAsync(WebLedger.Officer);

        var response = await page.GotoAsync("/tokenz");

        Assert.That(response!.Status, Is.EqualTo(404));
        await Assertions.Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Main" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = "Tokens" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Tokens" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Tokens" })).ToHaveAttributeAsync("aria-current", "page");
    }
}
