using System.Net;
using AngleSharp.Html.Dom;
using IntegrationLedger.Web.Tests.Support;

namespace IntegrationLedger.Web.Tests.Pages;

/// <summary>A download that cannot be built comes back to the reports page saying why, never as a server error.</summary>
public class ReportsPageTests
{
    private WebLedger _web = null!;

    [SetUp]
    public async Task Start() => _web = await WebLedger.StartAsync();

    [TearDown]
    public async Task Stop() => await _web.DisposeAsync();

    [Test]
    public async Task TheWorkbookOfAQuarterThatHasNotBegun_IsRefusedOnThePageWithTheReason()
    {
        var client = await _web.SignedInAsync(WebLedger.Auditor);

        // The ledger's clock says 2 November 2026.
        var response = await client.GetAsync("/reports?handler=Quarterly&quarter=2027-Q1");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await response.Content.ReadAsStringAsync());
        var page = await client.GetStringAsync(response.Headers.Location!.ToString());
        Assert.That(WebLedger.Html(page).QuerySelector("[role=alert]")?.TextContent, Does.Contain("2027-Q1 has not begun"));
        Assert.That(Directory.GetFiles(_web.DatabasePath + ".downloads"), Is.Empty, "nothing is left behind");
    }

    [Test]
    public async Task SomethingThatIsNoQuarter_IsRefusedOnThePageWithTheReason()
    {
        var client = await _web.SignedInAsync(WebLedger.Auditor);

        var response = await client.GetAsync("/reports/Quarterly?Workbook.Quarter=last-spring");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        var page = await client.GetStringAsync(response.Headers.Location!.ToString());
        Assert.That(WebLedger.Html(page).QuerySelector("[role=alert]")?.TextContent, Does.Contain("'last-spring' is not a quarter"));
    }

    [Test]
    public async Task TheFormsAskForTheDownloadsTheirButtonsName()
    {
        var client = await _web.SignedInAsync(WebLedger.Auditor);
        var page = WebLedger.Html(await client.GetStringAsync("/reports"));
        string ActionOf(string field) => page.QuerySelectorAll("form").Single(f => f.QuerySelector($"[name='{field}']") is not null).GetAttribute("action")!;
        var quarter = ((IHtmlOptionElement)page.QuerySelector("select[name='Workbook.Quarter'] option")!).Value;

        var workbook = await client.GetAsync($"{ActionOf("Workbook.Quarter")}?Workbook.Quarter={quarter}");
        var export = await client.GetAsync($"{ActionOf("Export.Table")}?Export.Table=tokens&Export.Format=Json");

        Assert.That(workbook.Content.Headers.ContentDisposition?.FileNameStar, Is.EqualTo($"audit-{quarter}.xlsx"));
        Assert.That(export.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
        Assert.That(await export.Content.ReadAsStringAsync(), Does.Contain(WebLedger.Token));
    }
}
