using System.Text;
using IntegrationLedger.Application;
using IntegrationLedger.Application.Features.Integrations;
using IntegrationLedger.Domain.Integrations;
using IntegrationLedger.Web.Tests.Support;
using Microsoft.Playwright;

namespace IntegrationLedger.Web.Tests.Browser;

/// <summary>
/// Issue #20, point 4, at a real browser: an officer uploads several files at once, reads each one's
/// figures in the run's table (issue 19, point 3), chooses the time zone a Setup download needs from the form
/// without uploading it again, imports, sees which integration the events went to, and runs the rules
/// from the same page.
/// </summary>
[NonParallelizable]
[Category("Browser")]
public class ImportBrowserTests
{
    private const string ElfHeader = "EVENT_TYPE,TIMESTAMP,REQUEST_ID,USER_ID,USER_NAME,SOURCE_IP,LOGIN_STATUS";

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
        await new AddIntegrationHandler(ledger).HandleAsync(new AddIntegration("Sync Job", "Acme", "ana@example.com", "Syncs accounts", null, NetworkTrust.Untrusted, [],
            [new AttributionRuleSpec(AttributionRuleKind.Account, "sync@example.com")]));
    }

    [TearDown]
    public async Task StopServer() => await _web.DisposeAsync();

    private static FilePayload Csv(string name, string content) => new() { Name = name, MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(content) };

    [Test]
    public async Task Officer_ChecksSeveralFiles_ChoosesTheirZone_ImportsThem_AndRunsTheRules()
    {
        var page = await _browser.NewPageAsync(_web.BaseUrl);
        await BrowserSession.SignInAsync(page, WebLedger.Officer, WebLedger.Password);
        await page.GetByRole(AriaRole.Link, new() { Name = "Import" }).ClickAsync();
        var elf = Csv("ELF-Login.csv", ElfHeader + "\nLogin,20261101000000.000,r1,005xx000001Sv7A,sync@example.com,192.0.2.10,LOGIN_NO_ERROR\n" +
            "Login,20261101000100.000,r2,005xx000001Sv7A,sync@example.com,192.0.2.10,LOGIN_NO_ERROR\n");
        var setup = Csv("LoginHistory.csv", "\"Login Time\",\"Username\",\"Login Type\",\"Source IP\",\"Status\",\"Application\"\n" +
            "\"11/28/2026 6:00:00 AM\",\"sync@example.com\",\"Partner Product\",\"192.0.2.10\",\"Success\",\"AcmeSync/4.2.1\"\n");

        await page.GetByLabel("Files (CSV").SetInputFilesAsync([elf, setup]);
        await page.GetByRole(AriaRole.Button, new() { Name = "Check" }).ClickAsync();

        // The two files are one run: a line each in its table, and a section for the refused one only.
        var run = page.GetByRole(AriaRole.Table, new() { Name = "Dry run, nothing written" });
        await Assertions.Expect(run.GetByRole(AriaRole.Row, new() { Name = "ELF-Login.csv" })).ToContainTextAsync("sf-elf");
        await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "ELF-Login.csv" })).ToHaveCountAsync(0);
        var setupRefused = page.GetByRole(AriaRole.Region, new() { Name = "LoginHistory.csv" });
        await Assertions.Expect(setupRefused).ToContainTextAsync("choose the zone the file was exported in under \"Time zone\"");
        Assert.That(await setupRefused.TextContentAsync(), Does.Not.Contain("--time-zone"));
        await BrowserSession.ScreenshotAsync(page, "import-several-files");

        // The files stay on the server: choosing the zone is all it takes to check them again.
        await page.GetByLabel("Time zone to read LoginHistory.csv in").SelectOptionAsync("America/New_York");
        await page.GetByRole(AriaRole.Button, new() { Name = "Check again" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Paragraph).Filter(new() { HasText = "2 would be imported. No file was refused." })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Import 2 files (3 rows)" }).ClickAsync();

        var done = page.GetByRole(AriaRole.Table, new() { Name = "Imported, each file whole or not at all" });
        await Assertions.Expect(done.GetByRole(AriaRole.Row, new() { Name = "ELF-Login.csv" }).GetByRole(AriaRole.Cell)).ToHaveTextAsync(["sf-elf", "2", "2", "0", "0", "0", ""]);
        await Assertions.Expect(done.GetByRole(AriaRole.Row, new() { Name = "LoginHistory.csv" }).GetByRole(AriaRole.Cell)).ToHaveTextAsync(["sf-login-history", "1", "1", "0", "0", "0", ""]);
        var attributed = page.GetByRole(AriaRole.Table, new() { Name = "Attributed to integrations, 2 files" });
        await Assertions.Expect(attributed.GetByRole(AriaRole.Link, new() { Name = "Sync Job" })).ToBeVisibleAsync();
        await Assertions.Expect(attributed).ToContainTextAsync("3");
        await BrowserSession.ScreenshotAsync(page, "import-done");
        Assert.That(_web.Scalar("SELECT count(*) FROM UsageEvents"), Is.EqualTo(3));

        await page.GetByRole(AriaRole.Button, new() { Name = "Run the rules now" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "The rules ran:" })).ToBeVisibleAsync();
        Assert.That(page.Url, Does.Contain("/findings"));
    }
}
