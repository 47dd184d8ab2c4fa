using IntegrationLedger.Application;
using IntegrationLedger.Application.Features.Integrations;
using IntegrationLedger.Domain.Integrations;
using IntegrationLedger.Web.Tests.Support;
using Microsoft.Playwright;

namespace IntegrationLedger.Web.Tests.Browser;

/// <summary>
/// Issue 19, point 3, at a real browser: an officer uploads the zip of an Event Monitoring download, reads
/// the run's table (a line per member, the unused type set aside, the stranger refused, a total) and its
/// verdict, on a desktop and on a phone's width, then imports it and reads the table of what was done.
/// </summary>
[NonParallelizable]
[Category("Browser")]
public class ImportRunBrowserTests
{
    private const string Member = "download.zip, member " + SampleDownload.Day + "/";

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
        await new AddIntegrationHandler(ledger).HandleAsync(new AddIntegration("Acme Sync", "Acme", "ana@example.com", "Syncs accounts", null, NetworkTrust.Untrusted, [],
            [new AttributionRuleSpec(AttributionRuleKind.Account, "integration.sync@example.com")]));
    }

    [TearDown]
    public async Task StopServer() => await _web.DisposeAsync();

    /// <summary>The cells of a file's line after its name (format, read, added, duplicates, set aside, rejected, note).</summary>
    private static ILocator Cells(ILocator table, string file) =>
        table.GetByRole(AriaRole.Row).Filter(new() { Has = table.Page.GetByRole(AriaRole.Rowheader, new() { Name = file, Exact = true }) }).GetByRole(AriaRole.Cell);

    [Test]
    public async Task Officer_UploadsTheZipOfADownload_ReadsItsTable_AlsoOnAPhone_AndImportsIt()
    {
        var page = await _browser.NewPageAsync(_web.BaseUrl);
        await BrowserSession.SignInAsync(page, WebLedger.Officer, WebLedger.Password);
        await page.GetByRole(AriaRole.Link, new() { Name = "Import" }).ClickAsync();

        await page.GetByLabel("Files (CSV").SetInputFilesAsync(new FilePayload { Name = "download.zip", MimeType = "application/zip", Buffer = SampleDownload.Zip() });
        await page.GetByRole(AriaRole.Button, new() { Name = "Check" }).ClickAsync();

        var run = page.GetByRole(AriaRole.Table, new() { Name = "Dry run, nothing written: 5 files" });
        await Assertions.Expect(Cells(run, Member + "API.csv")).ToHaveTextAsync(["sf-elf", "10", "10", "0", "0", "0", ""]);
        await Assertions.Expect(Cells(run, Member + "Login.csv")).ToHaveTextAsync(["sf-elf", "12", "12", "0", "0", "0", ""]);
        await Assertions.Expect(Cells(run, Member + "UITracking.csv")).ToHaveTextAsync(["sf-elf", "10", "0", "0", "10", "0", "set aside: UITracking 10"]);
        await Assertions.Expect(Cells(run, Member + "URI.csv")).ToHaveTextAsync(["sf-elf", "10", "10", "0", "0", "0", ""]);
        await Assertions.Expect(Cells(run, "download.zip, member notes.csv").Last).ToContainTextAsync("the header matches none of the formats");
        await Assertions.Expect(Cells(run, "total (5 files)")).ToHaveTextAsync(["", "42", "32", "0", "10", "0", ""]);
        await Assertions.Expect(page.GetByText("3 would be imported, 1 set aside (types the ledger does not use). Refused, nothing of them imported: download.zip, member notes.csv;")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "download.zip, member notes.csv" })).ToContainTextAsync("Nothing from this file will be imported.");
        await Assertions.Expect(page.GetByRole(AriaRole.Region)).ToHaveCountAsync(1);

        // The figures sit right-aligned, to be compared down a column.
        var read = run.GetByRole(AriaRole.Columnheader, new() { Name = "Read" });
        Assert.That(await read.EvaluateAsync<string>("e => getComputedStyle(e).textAlign"), Is.EqualTo("right"));
        Assert.That(await Cells(run, Member + "API.csv").Nth(1).EvaluateAsync<string>("e => getComputedStyle(e).textAlign"), Is.EqualTo("right"));
        await BrowserSession.ScreenshotAsync(page, "import-download");

        // On a phone the table scrolls within its own box; the page itself never scrolls sideways.
        await page.SetViewportSizeAsync(390, 844);
        Assert.That(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth"), Is.LessThanOrEqualTo(0));
        var button = page.GetByRole(AriaRole.Button, new() { Name = "Import 4 files (42 rows)" });
        await button.ScrollIntoViewIfNeededAsync();
        await Assertions.Expect(button).ToBeInViewportAsync(new() { Ratio = 1 });
        await BrowserSession.ScreenshotAsync(page, "import-download-phone");
        Assert.That(_web.Scalar("SELECT count(*) FROM UsageEvents"), Is.Zero, "a check imports nothing");

        await button.ClickAsync();

        var done = page.GetByRole(AriaRole.Table, new() { Name = "Imported, each file whole or not at all: 4 files" });
        await Assertions.Expect(Cells(done, Member + "UITracking.csv")).ToHaveTextAsync(["sf-elf", "10", "0", "0", "10", "0", "set aside: UITracking 10"]);
        await Assertions.Expect(Cells(done, "total (4 files)")).ToHaveTextAsync(["", "42", "32", "0", "10", "0", ""]);
        await Assertions.Expect(page.GetByText("3 imported, 1 set aside (types the ledger does not use). No file was refused.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = "Attributed to integrations, 4 files" }).GetByRole(AriaRole.Link, new() { Name = "Acme Sync" })).ToBeVisibleAsync();
        Assert.That(_web.Scalar("SELECT count(*) FROM UsageEvents"), Is.EqualTo(32));
        Assert.That(_web.Text($"SELECT SetAsideTypes FROM ImportBatches WHERE FileName = '{SampleDownload.Day}/UITracking.csv from download.zip'"), Is.EqualTo("UITracking 10"));
    }
}
