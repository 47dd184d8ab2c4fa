using System.Net;
using AngleSharp.Dom;
using IntegrationLedger.Web.Tests.Support;

namespace IntegrationLedger.Web.Tests.Pages;

/// <summary>
/// Issue 15 on the integration's page: its activity drawn on the server as an SVG image with a text alternative,
/// the unusual days listed with their numbers, and every day in a table; the integration's name, which is
/// untrusted, stays text inside the picture. The ledger is read, never changed, so one serves every test.
/// </summary>
public class ActivityPageTests
{
    private const string SpikeDay = "2026-11-01";
    private const string Page = "/integrations/Nightly%20ETL";

    private WebLedger _web = null!;
    private HttpClient _client = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _web = await WebLedger.StartAsync();
        await ActivitySamples.ImportAsync(_web);
        _client = await _web.SignedInAsync(WebLedger.Auditor);
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        _client.Dispose();
        await _web.DisposeAsync();
    }

    [Test]
    public async Task TheChart_IsAnImage_WhoseLabelNamesTheSpikeDayAndItsRows()
    {
        var svg = Chart(await _client.GetStringAsync(Page));

        Assert.That(svg.GetAttribute("role"), Is.EqualTo("img"));
        var label = svg.GetAttribute("aria-label");
        Assert.That(label, Does.StartWith("Nightly ETL: rows a day over 31 days, 2026-10-02 to 2026-11-01"));
        Assert.That(label, Does.Contain($"1 spike: {SpikeDay} 250,000 rows"));
        Assert.That(label, Does.Contain($"1 new object: Contact on {SpikeDay}"));
        // The habit varies around 2,000 rows a day, and the one spike does not move a median of 31 days.
        Assert.That(label, Does.Contain("a median of 2,0"));
        Assert.That(svg.QuerySelector("desc")?.TextContent, Is.EqualTo(label));
        Assert.That(svg.QuerySelector("title")?.TextContent, Is.EqualTo("Rows a day over 31 days"));
    }

    [Test]
    public async Task TheChart_ScalesToItsContainer_WithoutAFixedWidth()
    {
        var svg = Chart(await _client.GetStringAsync(Page));

        Assert.That(svg.GetAttribute("viewBox"), Does.Match(@"^0 0 \d+ \d+$"));
        Assert.That(svg.GetAttribute("width"), Is.EqualTo("100%"));
        Assert.That(svg.HasAttribute("height"), Is.False, "the height follows the viewBox");
    }

    [Test]
    public async Task TheChart_MarksTheSpikeDay_InAColourOfItsOwn_AndWithAMarker()
    {
        var svg = Chart(await _client.GetStringAsync(Page));

        var bars = svg.QuerySelectorAll("rect").Where(r => r.QuerySelector("title") is not null).ToList();
        Assert.That(bars, Has.Count.EqualTo(ActivitySamples.Days), "a bar a day");
        var spike = bars.Single(b => b.QuerySelector("title")!.TextContent.StartsWith(SpikeDay, StringComparison.Ordinal));
        var usual = bars.Where(b => b != spike).Select(b => b.GetAttribute("fill")).Distinct().ToList();
        Assert.That(usual, Has.Count.EqualTo(1), "every usual day is drawn alike");
        Assert.That(spike.GetAttribute("fill"), Is.Not.EqualTo(usual[0]));
        Assert.That(spike.QuerySelector("title")!.TextContent, Does.Contain("250,000 rows").And.Contain("spike in rows").And.Contain("first touched Contact"));
        // Not colour alone: the spike's triangle and the new object's diamond are shapes drawn over the bar, in the spike's colour and another.
        var markers = svg.QuerySelectorAll("path[fill]").Where(p => p.GetAttribute("fill") != "none").Select(p => p.GetAttribute("fill")).ToList();
        Assert.That(markers, Does.Contain(spike.GetAttribute("fill")));
        Assert.That(markers.Distinct().Count(), Is.EqualTo(2), "a marker for the spike and one for the new object");
        Assert.That(svg.TextContent, Does.Contain("spike day").And.Contain("new object"), "the legend says what the marks mean");
    }

    [Test]
    public async Task TheChart_DrawsTheBaselineAndTheDashedSpikeLine_AndLabelsItsAxes()
    {
        var svg = Chart(await _client.GetStringAsync(Page));

        var lines = svg.QuerySelectorAll("path[fill=none]").ToList();
        Assert.That(lines, Has.Count.EqualTo(2));
        Assert.That(lines.Count(l => l.HasAttribute("stroke-dasharray")), Is.EqualTo(1), "the spike line is dashed, the median not");
        // The median begins after the minimum history (14 days), so both lines have about 17 points.
        Assert.That(lines.Select(l => l.GetAttribute("d")!.Count(c => c is 'M' or 'L')), Is.All.EqualTo(ActivitySamples.Days - 14));
        var texts = svg.QuerySelectorAll("text").Select(t => t.TextContent).ToList();
        Assert.That(texts, Does.Contain("2026-10-02").And.Contain(SpikeDay), "the first and last days");
        Assert.That(texts, Does.Contain("250,000 rows").And.Contain("125,000"), "the top of the scale, with its unit, and its half");
    }

    [Test]
    public async Task TheUnusualDays_NameTheDay_ItsRows_AndTheNewObject()
    {
        var rows = WebLedger.TableRows(await _client.GetStringAsync(Page), "Unusual days");

        Assert.That(rows, Has.Count.EqualTo(1));
        Assert.That(rows[0][0], Is.EqualTo(SpikeDay));
        Assert.That(rows[0][1], Is.EqualTo("250,000"));
        Assert.That(rows[0][2], Does.StartWith("2,0"), "the median of the days before");
        Assert.That(rows[0][4], Does.Contain("Spike: 250,000 rows").And.Contain("First touched: Contact"));
    }

    [Test]
    public async Task TheDailyTable_HasARowForEveryDay_FoldedAway()
    {
        var page = await _client.GetStringAsync(Page);

        var rows = WebLedger.TableRows(page, "Every day");
        Assert.That(rows, Has.Count.EqualTo(ActivitySamples.Days));
        Assert.That(rows[0][0], Is.EqualTo(SpikeDay), "latest first");
        Assert.That(rows[^1][0], Is.EqualTo("2026-10-02"));
        Assert.That(rows[0][3], Is.EqualTo("250,000"));
        Assert.That(rows[0][9], Does.Contain("spike in rows").And.Contain("new: Contact"));
        Assert.That(rows.Skip(1).Select(r => r[9]), Is.All.Empty, "no other day was unusual");
        var table = WebLedger.Html(page).QuerySelectorAll("table").Single(t => t.QuerySelector("caption")?.TextContent.StartsWith("Every day", StringComparison.Ordinal) == true);
        Assert.That(table.Closest("details"), Is.Not.Null);
    }

    [Test]
    public async Task AnIntegrationNamedWithMarkup_IsTextInTheChart()
    {
        var response = await _client.GetAsync(await ScriptPageAsync());
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var page = await response.Content.ReadAsStringAsync();

        Assert.That(page, Does.Not.Contain("<script").IgnoreCase, "no script element anywhere, the name included");
        Assert.That(page, Does.Not.Contain("<b>Sync"));
        var svg = Chart(page);
        Assert.That(svg.QuerySelectorAll("script, b"), Is.Empty);
        Assert.That(svg.GetAttribute("aria-label"), Does.StartWith(ActivitySamples.ScriptName + ": requests a day (it moved no rows) over 11 days"));
        Assert.That(svg.QuerySelector("desc")!.TextContent, Does.StartWith(ActivitySamples.ScriptName));
    }

    [Test]
    public async Task AnIntegrationThatMovedNoRows_IsChartedByItsRequests_AndSaysSo()
    {
        // Ten days of one request each, and the quiet last day of the data.
        var svg = Chart(await _client.GetStringAsync(await ScriptPageAsync()));

        Assert.That(svg.QuerySelector("title")!.TextContent, Is.EqualTo("Requests a day over 11 days (it moved no rows)"));
        Assert.That(svg.QuerySelectorAll("text").Select(t => t.TextContent), Does.Contain("1 request"), "the top of the scale, in requests");
        Assert.That(svg.QuerySelectorAll("path[fill=none]"), Is.Empty, "the baselines are of rows: not drawn over requests");
    }

    [Test]
    public async Task AnIntegrationWithNoActivity_SaysSo_InsteadOfAnEmptyChart()
    {
        await using var web = await WebLedger.StartAsync();
        var client = await web.SignedInAsync(WebLedger.Auditor);

        var page = await client.GetStringAsync(Page);

        Assert.That(WebLedger.Html(page).QuerySelector("svg"), Is.Null);
        Assert.That(page, Does.Contain("No activity imported for this integration yet"));
    }

    /// <summary>The markup-named integration's page, as the integrations list links to it (its name holds a "/").</summary>
    private async Task<string> ScriptPageAsync() => WebLedger.Link(await _client.GetStringAsync("/integrations"), "alert(");

    private static IElement Chart(string page)
    {
        var svg = WebLedger.Html(page).QuerySelector("svg.activity-chart");
        Assert.That(svg, Is.Not.Null, "the page has the activity chart");
        return svg!;
    }
}
