using System.Net;
using IntegrationLedger.Application;
using IntegrationLedger.Application.Features.Importing;
using IntegrationLedger.Application.Features.Integrations;
using IntegrationLedger.Domain.Integrations;
using IntegrationLedger.Web.Tests.Support;

namespace IntegrationLedger.Web.Tests.Pages;

/// <summary>
/// An officer opens an incident from a vendor's page, works through its runbook step by step and closes it; an
/// auditor reads it and changes nothing. The web ledger's integration (Nightly ETL, vendor Acme) claims Acme Sync
/// Connector, whose OAuth tokens three users hold.
/// </summary>
public class IncidentPagesTests
{
    private WebLedger _web = null!;

    [SetUp]
    public async Task Start()
    {
        _web = await WebLedger.StartAsync();
        await using var ledger = await Ledger.OpenAsync(new LedgerOptions(_web.DatabasePath, "setup", _web.Clock));
        await new ChangeIntegrationHandler(ledger).HandleAsync(new ChangeIntegration(WebLedger.Integration, null, [], [new AttributionRuleSpec(AttributionRuleKind.Application, "Acme Sync Connector")]));
        foreach (var file in new[] { "connectedapplication.csv", "oauthtoken.csv" })
            Assert.That((await new ImportFileHandler(ledger).HandleAsync(new ImportFile(ImportFormats.Auto, AccessSamples.SamplePath(file)))).Committed, Is.True, file);
    }

    [TearDown]
    public async Task Stop() => await _web.DisposeAsync();

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string page, string handler, Dictionary<string, string> fields) =>
        await WebLedger.PostFormAsync(client, page, $"{page}?handler={handler}", fields);

    [Test]
    public async Task AnOfficer_OpensAnIncidentFromTheVendorsPage_WorksItThrough_AndClosesIt()
    {
        using var officer = await _web.SignedInAsync(WebLedger.Officer);

        var opened = await PostAsync(officer, "/vendors/Acme", "Start", new() { ["Start.Reason"] = "Acme reports stolen refresh tokens", ["Start.Since"] = "2026-11-01" });

        Assert.That(opened.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        var address = opened.Headers.Location!.OriginalString;
        Assert.That(address, Does.EndWith("/incidents/INC-1"));
        var page = await officer.GetStringAsync(address);
        var steps = WebLedger.Html(page).QuerySelectorAll("ol.runbook > li").Select(li => li.TextContent).ToList();
        Assert.That(steps[0], Does.Contain("Revoke every OAuth token of 'Acme Sync Connector'").And.Contain("3 user(s) hold 3 token(s)"));
        Assert.That(steps[^1], Does.Contain("Vet Acme again"));
        Assert.That(page, Does.Contain("Connected apps and their OAuth token holders"));

        var closedEarly = await PostAsync(officer, address, "Close", new() { ["Closing.Note"] = "too soon" });
        Assert.That(await officer.GetStringAsync(address), Does.Contain("Open:"), "not closed with steps left");
        Assert.That(closedEarly.StatusCode, Is.Not.EqualTo(HttpStatusCode.InternalServerError));

        for (var n = 1; n <= steps.Count; n++)
        {
            var outcome = n == steps.Count ? "not-applicable" : "done";
            var response = await PostAsync(officer, address, "Step", new() { ["Step.Number"] = $"{n}", ["Step.Outcome"] = outcome, ["Step.Note"] = $"note {n}" });
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), $"step {n}");
        }
        var closed = await PostAsync(officer, address, "Close", new() { ["Closing.Note"] = "Tokens revoked; nothing was exported" });
        Assert.That(closed.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));

        var final = await officer.GetStringAsync(address);
        Assert.That(final, Does.Contain("Closed").And.Contain("Tokens revoked; nothing was exported"));
        Assert.That(final, Does.Contain($"Done by {WebLedger.Officer}").And.Contain($"Not applicable by {WebLedger.Officer}"));
        var list = WebLedger.TableRows(await officer.GetStringAsync("/incidents"), "Incidents");
        Assert.That(list.Single()[0], Is.EqualTo("INC-1"));
    }

    [Test]
    public async Task AnAuditor_ReadsAnIncident_WithoutItsForms()
    {
        using var officer = await _web.SignedInAsync(WebLedger.Officer);
        await PostAsync(officer, "/vendors/Acme", "Start", new() { ["Start.Reason"] = "drill" });
        using var auditor = await _web.SignedInAsync(WebLedger.Auditor);

        var page = await auditor.GetStringAsync("/incidents/INC-1");

        Assert.That(page, Does.Contain("drill"));
        Assert.That(WebLedger.Html(page).QuerySelectorAll("form[method=post]").Where(f => f.GetAttribute("action")?.Contains("handler=") == true), Is.Empty);
        Assert.That((await auditor.GetAsync("/incidents/INC-9")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }
}
