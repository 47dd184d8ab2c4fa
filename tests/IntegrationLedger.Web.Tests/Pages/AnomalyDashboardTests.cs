using System.Net;
using IntegrationLedger.Application.Features.Dashboard;
using IntegrationLedger.Web.Tests.Support;

namespace IntegrationLedger.Web.Tests.Pages;

/// <summary>
/// Issue 15 on the dashboard: the integrations (and accounts) with open anomaly findings, grouped by what the
/// findings are about, with each rule's count and the latest day, linking to the integration and the findings.
/// </summary>
public class AnomalyDashboardTests
{
    private const string Caption = "Integrations and accounts with open anomaly findings";

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
    public async Task TheDashboard_ListsTheIntegration_WithItsAnomalyCountsAndLatestDay()
    {
        var rows = WebLedger.TableRows(await _client.GetStringAsync("/"), Caption);

        // Integration or account, volume spikes, new objects, failed-login bursts, Threat Detection, latest day.
        Assert.That(rows, Has.Count.EqualTo(2));
        Assert.That(rows[0], Is.EqualTo(new[] { WebLedger.Integration, "1", "1", "0", "0", "2026-11-01" }));
    }

    [Test]
    public async Task AFailedLoginBurst_IsListedAsTheAccount()
    {
        var rows = WebLedger.TableRows(await _client.GetStringAsync("/"), Caption);

        Assert.That(rows[1][0], Is.EqualTo($"account {ActivitySamples.SyncUser}"));
        Assert.That(rows[1][1..], Is.EqualTo(new[] { "0", "0", "1", "0", "2026-11-01" }));
    }

    [Test]
    public async Task TheIntegration_LinksToItsPage_WhereTheChartIs()
    {
        var page = await _client.GetStringAsync("/");

        var href = WebLedger.Link(page, WebLedger.Integration);
        Assert.That(href, Is.EqualTo("/integrations/Nightly%20ETL#activity"));
        var response = await _client.GetAsync(href);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("class=\"activity-chart\""));
    }

    [Test]
    public async Task EachCount_LinksToTheFindingsItCounts()
    {
        var table = WebLedger.Html(await _client.GetStringAsync("/")).QuerySelectorAll("table")
            .Single(t => t.QuerySelector("caption")?.TextContent.StartsWith(Caption, StringComparison.Ordinal) == true);
        var spikes = table.QuerySelectorAll("tbody tr")[0].QuerySelectorAll("td")[1].QuerySelector("a")!.GetAttribute("href")!;

        Assert.That(spikes, Is.EqualTo("/findings?status=Unresolved&rule=volume-spike&q=Nightly%20ETL"));
        var findings = WebLedger.Html(await _client.GetStringAsync(spikes));
        Assert.That(findings.Body!.TextContent, Does.Contain("Nightly ETL on 2026-11-01"));
    }

    [Test]
    public async Task TheRulesTotals_LinkToEachRulesOpenFindings()
    {
        var page = await _client.GetStringAsync("/");

        Assert.That(WebLedger.Link(page, "1 volume-spike"), Is.EqualTo("/findings?status=Unresolved&rule=volume-spike"));
        Assert.That(WebLedger.Link(page, "1 new-data-accessed"), Is.EqualTo("/findings?status=Unresolved&rule=new-data-accessed"));
        Assert.That(WebLedger.Link(page, "1 login-failure-burst"), Is.EqualTo("/findings?status=Unresolved&rule=login-failure-burst"));
        Assert.That(WebLedger.Link(page, "0 salesforce-threat-detection"), Is.EqualTo("/findings?status=Unresolved&rule=salesforce-threat-detection"));
    }

    [Test]
    public async Task ALedgerWithoutAnomalies_SaysNone()
    {
        await using var web = await WebLedger.StartAsync();
        var client = await web.SignedInAsync(WebLedger.Auditor);

        var page = await client.GetStringAsync("/");

        Assert.That(page, Does.Contain("None: no open finding of the rules volume-spike, new-data-accessed, login-failure-burst, salesforce-threat-detection."));
        Assert.That(page, Does.Not.Contain(Caption));
    }

    [Test]
    public void AThreatDetectionFinding_OfAnAccount_IsGroupedUnderTheAccount()
    {
        var key = AnomalySubjectKey.Parse(GetAnomalyDashboardHandler.ThreatDetection, "Account", "etl.bot@example.com");

        Assert.That(key, Is.EqualTo(new AnomalySubjectKey(AnomalySubjectKind.Account, "etl.bot@example.com", null)));
    }

    [TestCase("volume-spike", "Integration", "Sync on Mondays on 2026-11-01", AnomalySubjectKind.Integration, "Sync on Mondays", "2026-11-01", null)]
    [TestCase("new-data-accessed", "Integration", "ETL: nightly: Contact", AnomalySubjectKind.Integration, "ETL: nightly", null, "Contact")]
    [TestCase("login-failure-burst", "Account", "a at b@example.com at 2026-10-30 05:00", AnomalySubjectKind.Account, "a at b@example.com", "2026-10-30", null)]
    [TestCase("volume-spike", "Integration", "Sync on someday", AnomalySubjectKind.Integration, "Sync on someday", null, null)]
    [TestCase("salesforce-threat-detection", "ThreatEvent", "ApiAnomaly:6f1c", AnomalySubjectKind.Other, "ThreatEvent", null, null)]
    public void ASubjectKey_IsReadFromItsEnd(string rule, string type, string key, AnomalySubjectKind kind, string name, string? day, string? entity)
    {
        var parsed = AnomalySubjectKey.Parse(rule, type, key);

        Assert.That(parsed, Is.EqualTo(new AnomalySubjectKey(kind, name, day is null ? null : DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture), entity)));
    }
}
