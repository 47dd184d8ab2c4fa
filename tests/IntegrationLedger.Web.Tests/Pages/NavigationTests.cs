using System.Net;
using IntegrationLedger.Web.Tests.Support;

namespace IntegrationLedger.Web.Tests.Pages;

/// <summary>A mistyped address answers 404 within the normal layout, and the navigation marks where the reader is.</summary>
public class NavigationTests
{
    private WebLedger _web = null!;

    [SetUp]
    public async Task Start() => _web = await WebLedger.StartAsync();

    [TearDown]
    public async Task Stop() => await _web.DisposeAsync();

    [TestCase("/tokenz")]
    [TestCase("/tokens/no-such-token")]
    [TestCase("/integrations/No%20Such%20ETL")]
    [TestCase("/people/nobody@example.com")]
    public async Task AnAddressThatNamesNothing_Is404_WithTheNavigationAndAWayOn(string address)
    {
        var client = await _web.SignedInAsync(WebLedger.Officer);

        var response = await client.GetAsync(address);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        var page = WebLedger.Html(await response.Content.ReadAsStringAsync());
        Assert.That(page.QuerySelectorAll("nav[aria-label=Main] a").Select(a => a.TextContent), Does.Contain("Tokens").And.Contain("Dashboard"));
        Assert.That(page.QuerySelector("h1")!.TextContent, Is.EqualTo("Not found"));
        Assert.That(page.QuerySelector("main")!.TextContent, Does.Contain("Nothing answers to " + Uri.UnescapeDataString(address)).And.Contain("mistyped"));
        Assert.That(page.QuerySelectorAll("main a").Select(a => a.GetAttribute("href")), Does.Contain("/tokens").And.Contain("/integrations").And.Contain("/people"));
    }

    [TestCase("/tokens", "Tokens", "page")]
    [TestCase($"/tokens/{WebLedger.Token}", "Tokens", "true")]
    [TestCase("/integrations/Nightly%20ETL", "Integrations", "true")]
    [TestCase("/", "Dashboard", "page")]
    [TestCase("/audit", "Audit log", "page")]
    public async Task TheNavigation_MarksTheCurrentPage_AndOnlyIt(string address, string link, string current)
    {
        var client = await _web.SignedInAsync(WebLedger.Officer);

        var page = WebLedger.Html(await client.GetStringAsync(address));

        var marked = page.QuerySelectorAll("nav[aria-label=Main] a[aria-current]").Select(a => (a.TextContent, a.GetAttribute("aria-current"))).ToList();
        Assert.That(marked, Is.EqualTo(new[] { (link, current) }));
    }
}
