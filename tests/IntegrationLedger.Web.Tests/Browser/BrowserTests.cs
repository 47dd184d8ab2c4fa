using System.Text;
using IntegrationLedger.Web.Tests.Support;
using Microsoft.Playwright;

namespace IntegrationLedger.Web.Tests.Browser;

/// <summary>
/// A person at a real browser, signed in as each role: recording a token's use, a reset and its
/// confirmation, an import refused with its bad rows and then a good one, and an auditor refused a change
/// (403) who still downloads the workbook. The screenshots in the README are taken here.
/// </summary>
[NonParallelizable]
[Category("Browser")]
public class BrowserTests
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

    private async Task<IPage> SignedInAsync(string email, int width = 1280, int height = 800)
    {
        var page = await _browser.NewPageAsync(_web.BaseUrl, width, height);
        await BrowserSession.SignInAsync(page, email, WebLedger.Password);
        return page;
    }

    [Test]
    public async Task Officer_RecordsThatAnIntegrationUsesAToken()
    {
        var page = await SignedInAsync(WebLedger.Officer);

        await page.GetByRole(AriaRole.Link, new() { Name = "Tokens", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = WebLedger.Token }).ClickAsync();
        // A field with type-ahead choices (a datalist) rather than a list of every integration.
        await page.GetByLabel("Integration").FillAsync(WebLedger.Integration);
        await page.GetByLabel("Purpose").FillAsync("Nightly export of opportunities");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record use" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Recorded that Nightly ETL uses etl-token.");
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "Nightly export of opportunities", Exact = true })).ToBeVisibleAsync();
        await BrowserSession.ScreenshotAsync(page, "token-in-use");
    }

    [Test]
    public async Task Officer_ResetsAToken_ThenConfirmsTheIntegrationHasTheNewValue()
    {
        var page = await SignedInAsync(WebLedger.Officer);
        await page.GotoAsync($"/tokens/{WebLedger.Token}");
        await page.GetByLabel("Integration").FillAsync(WebLedger.Integration);
        await page.GetByLabel("Purpose").FillAsync("Nightly export");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record use" }).ClickAsync();

        // A reset breaks the integrations that use the token: it is asked for on a step that names them.
        await page.GetByRole(AriaRole.Link, new() { Name = "Reset…" }).ClickAsync();
        await page.GetByLabel("New secret").FillAsync("second-secret-value-0002");
        await page.GetByRole(AriaRole.Button, new() { Name = $"Reset {WebLedger.Token}" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("must now take the new value");
        await BrowserSession.ScreenshotAsync(page, "token-reset-pending");
        Assert.That(await page.ContentAsync(), Does.Not.Contain("second-secret-value-0002"), "a secret entered is never shown again");
        await page.GetByRole(AriaRole.Link, new() { Name = "Dashboard" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Listitem)).ToContainTextAsync("etl-token: Nightly ETL");
        await BrowserSession.ScreenshotAsync(page, "dashboard");
        await page.GotoAsync($"/tokens/{WebLedger.Token}");

        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm Nightly ETL has the new value" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Confirmed that Nightly ETL has the new value of etl-token.");
        // The token's own line (its History shows the new ending too).
        await Assertions.Expect(page.GetByText("Secret: fingerprinted (ends …0002)")).ToBeVisibleAsync();
    }

    [Test]
    public async Task Officer_ImportsAFileRefusedWithItsBadRows_ThenAGoodOne()
    {
        const string header = "EVENT_TYPE,TIMESTAMP,REQUEST_ID,USER_ID,USER_NAME,SOURCE_IP,LOGIN_STATUS";
        var page = await SignedInAsync(WebLedger.Officer);
        await page.GetByRole(AriaRole.Link, new() { Name = "Import" }).ClickAsync();

        await page.GetByLabel("Files (CSV").SetInputFilesAsync(new FilePayload
        {
            Name = "bad-logins.csv", MimeType = "text/csv",
            Buffer = Encoding.UTF8.GetBytes(header + "\nLogin,yesterday,r1,005xx000001Sv7A,sync@example.com,192.0.2.10,LOGIN_NO_ERROR\nLogin,20261101000100.000,r2,005xx0001,sync@example.com,192.0.2.10,LOGIN_NO_ERROR\n"),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Check" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = "Rejected rows" })).ToContainTextAsync("TIMESTAMP");
        await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = "Rejected rows" })).ToContainTextAsync("USER_ID");
        await BrowserSession.ScreenshotAsync(page, "import-rejected");

        await page.GetByLabel("Files (CSV").SetInputFilesAsync(new FilePayload
        {
            Name = "logins.csv", MimeType = "text/csv",
            Buffer = Encoding.UTF8.GetBytes(header + "\nLogin,20261101000000.000,r1,005xx000001Sv7A,sync@example.com,192.0.2.10,LOGIN_NO_ERROR\n"),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Check" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Import logins.csv (1 rows)" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "logins.csv" })).ToContainTextAsync("read 1, added 1, duplicates 0, rejected 0");
        Assert.That(_web.Scalar("SELECT count(*) FROM UsageEvents"), Is.EqualTo(1));
    }

    [Test]
    public async Task Auditor_IsRefusedAChange_AndDownloadsTheWorkbook()
    {
        var page = await SignedInAsync(WebLedger.Auditor);
        await page.GotoAsync($"/tokens/{WebLedger.Token}");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Revoke" })).ToHaveCountAsync(0);

        // No form is offered, so the auditor crafts the request, with the page's own antiforgery token.
        var status = await page.EvaluateAsync<int>(@"async () => {
            const token = document.querySelector('input[name=__RequestVerificationToken]').value;
            const body = new URLSearchParams({ __RequestVerificationToken: token, 'Revoke.Reason': 'Compromised' });
            return (await fetch(location.pathname + '?handler=Revoke', { method: 'POST', body })).status;
        }");
        Assert.That(status, Is.EqualTo(403));
        Assert.That(_web.Text($"SELECT Status FROM Tokens WHERE Label = '{WebLedger.Token}'"), Is.EqualTo("Active"));
        Assert.That(_web.Text("SELECT Actor FROM AuditEntries WHERE Action = 'auth.denied'"), Is.EqualTo(WebLedger.Auditor));

        await page.GetByRole(AriaRole.Link, new() { Name = "Reports" }).ClickAsync();
        await BrowserSession.ScreenshotAsync(page, "reports");
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Download the workbook" }).ClickAsync());
        var saved = Path.Combine(_web.Folder, download.SuggestedFilename);
        await download.SaveAsAsync(saved);
        Assert.That(download.SuggestedFilename, Does.Match(@"^audit-\d{4}-Q\d\.xlsx$"));
        Assert.That((await File.ReadAllBytesAsync(saved))[..2], Is.EqualTo("PK"u8.ToArray()));
    }

    [TestCase(WebLedger.Admin, "Accounts and settings")]
    [TestCase(WebLedger.Officer, "Import")]
    [TestCase(WebLedger.Auditor, "Audit log")]
    public async Task EachRole_SignsInWithTheKeyboardAlone_AndSeesTheDashboard(string email, string link)
    {
        var page = await _browser.NewPageAsync(_web.BaseUrl);
        await page.GotoAsync("/");
        await page.GetByLabel("Email").FocusAsync();
        await page.Keyboard.TypeAsync(email);
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync(WebLedger.Password);
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dashboard" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = link })).ToBeVisibleAsync();
    }

    [Test]
    public async Task EveryPage_FitsAPhone_AndLabelsEveryField()
    {
        var page = await SignedInAsync(WebLedger.Officer, width: 390, height: 844);

        foreach (var url in new[] { "/", "/people", "/people/ana@example.com", "/integrations", "/integrations/Nightly%20ETL", "/tokens", $"/tokens/{WebLedger.Token}", "/import", "/findings", "/reviews", "/reports", "/audit" })
        {
            await page.GotoAsync(url);
            await AssertFitsAndLabelledAsync(page, url);
        }
        await page.GotoAsync("/");
        await BrowserSession.ScreenshotAsync(page, "dashboard-phone");

        // The pages the officer does not see: signing in, and the admin's.
        var anonymous = await _browser.NewPageAsync(_web.BaseUrl, 390, 844);
        await anonymous.GotoAsync("/signin");
        await AssertFitsAndLabelledAsync(anonymous, "/signin");
        var admin = await SignedInAsync(WebLedger.Admin, width: 390, height: 844);
        await admin.GotoAsync("/admin");
        await AssertFitsAndLabelledAsync(admin, "/admin");
    }

    [Test]
    public async Task EveryPage_KeepsItsStyles_UnderTheContentSecurityPolicy_WithNoViolation()
    {
        var page = await _browser.NewPageAsync(_web.BaseUrl);
        var complaints = new List<string>();
        page.Console += (_, message) => complaints.Add($"{page.Url}: {message.Type}: {message.Text}");
        await BrowserSession.SignInAsync(page, WebLedger.Admin, WebLedger.Password);

        foreach (var url in new[] { "/signin", "/", "/people", "/people/ana@example.com", "/integrations", "/integrations/Nightly%20ETL", "/tokens", $"/tokens/{WebLedger.Token}", "/import", "/findings", "/reviews", "/reports", "/audit", "/admin", "/tokens/no-such-token" })
        {
            await page.GotoAsync(url);
            // The layout's stylesheet applied: the header is dark, as only that inline style makes it.
            var header = await page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('header')).backgroundColor");
            Assert.That(header, Is.EqualTo("rgb(29, 39, 51)"), $"{url} lost its styles");
        }

        Assert.That(complaints.Where(c => c.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)), Is.Empty);
    }

    private static async Task AssertFitsAndLabelledAsync(IPage page, string url)
    {
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.That(overflow, Is.LessThanOrEqualTo(0), $"{url} scrolls sideways on a phone");
        var unlabelled = await page.EvaluateAsync<string[]>(
            "() => [...document.querySelectorAll('input:not([type=hidden]), select, textarea')].filter(e => e.labels.length === 0).map(e => e.name)");
        Assert.That(unlabelled, Is.Empty, $"{url} has fields without a label");
    }
}
