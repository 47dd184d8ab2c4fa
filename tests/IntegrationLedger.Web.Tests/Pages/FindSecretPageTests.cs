using System.Net;
using IntegrationLedger.Application;
using IntegrationLedger.Application.Features.Scanning;
using IntegrationLedger.Web.Tests.Support;

namespace IntegrationLedger.Web.Tests.Pages;

/// <summary>
/// The web's "find whose secret this is": a value pasted is named current, superseded by a reset or revoked,
/// with its owner and integrations, and is never echoed, logged or kept; officers only.
/// </summary>
public class FindSecretPageTests
{
    private const string Page = "/secrets/find";
    private const string First = "found-in-a-paste-Q7wE9rT1";
    private const string Second = "the-new-value-after-reset-K4mN";

    private static async Task<(WebLedger Web, HttpClient Officer)> LedgerWithResetTokenAsync()
    {
        var web = await WebLedger.StartAsync();
        var officer = await web.SignedInAsync(WebLedger.Officer);
        await WebLedger.PostFormAsync(officer, "/tokens", "/tokens", new()
        {
            ["Add.Label"] = "crm-key", ["Add.Kind"] = "ApiKey", ["Add.Owner"] = "ana@example.com", ["Add.Account"] = "", ["Add.Secret"] = First,
        });
        var reset = await WebLedger.PostFormAsync(officer, "/tokens/crm-key", "/tokens/crm-key?handler=Reset", new() { ["Reset.NewSecret"] = Second, ["Reset.Confirmed"] = "true" });
        Assert.That(reset.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), "the reset is made and comes back by a redirect");
        return (web, officer);
    }

    private static async Task<string> FindAsync(HttpClient client, string value)
    {
        var response = await WebLedger.PostFormAsync(client, Page, Page, new() { ["Find.Secret"] = value });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        return await response.Content.ReadAsStringAsync();
    }

    [Test]
    public async Task AnOldValue_IsNamedSupersededByTheReset_AndTheCurrentOneLive_NeitherEchoed()
    {
        var (web, officer) = await LedgerWithResetTokenAsync();
        await using var _ = web;

        var old = WebLedger.Html(await FindAsync(officer, First));
        var current = WebLedger.Html(await FindAsync(officer, Second));

        var oldAnswer = old.QuerySelector("#secret-match")!.TextContent;
        Assert.That(oldAnswer, Does.Contain("was the secret of crm-key").And.Contain("owned by ana@example.com").And.Contain("superseded by a reset on"));
        Assert.That(old.QuerySelector("#secret-match a")!.GetAttribute("href"), Is.EqualTo("/tokens/crm-key"));
        Assert.That(current.QuerySelector("#secret-match")!.TextContent, Does.Contain("is the secret of crm-key").And.Contain("current").And.Contain("It is live"));
        foreach (var page in new[] { old, current })
        {
            Assert.That(page.DocumentElement.OuterHtml, Does.Not.Contain(First).And.Not.Contain(Second));
            Assert.That(page.QuerySelector("input[name='Find.Secret']")!.GetAttribute("value"), Is.Null.Or.Empty);
        }
        Assert.That(File.ReadAllBytes(web.DatabasePath).AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(First)), Is.EqualTo(-1));
    }

    [Test]
    public async Task TheTokenPage_ShowsEachValuesPeriod()
    {
        var (web, officer) = await LedgerWithResetTokenAsync();
        await using var _ = web;

        var rows = WebLedger.Html(await officer.GetStringAsync("/tokens/crm-key")).QuerySelectorAll("#secret-history tbody tr")
            .Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToArray()).ToList();

        Assert.That(rows, Has.Count.EqualTo(2));
        Assert.That(rows[0][0], Is.EqualTo("fingerprinted (ends …K4mN)"));
        Assert.That(rows[0][2], Is.EqualTo("now"));
        Assert.That(rows[1][0], Is.EqualTo("fingerprinted (ends …9rT1)"));
        Assert.That(rows[1][3], Is.EqualTo("reset"));
    }

    [Test]
    public async Task AnUnknownValue_IsSaidNotToBeRegistered_AndAShortOneIsRefusedBesideTheField()
    {
        var (web, officer) = await LedgerWithResetTokenAsync();
        await using var _ = web;

        var unknown = await FindAsync(officer, "never-registered-anywhere-12");
        var refused = WebLedger.Html(await FindAsync(officer, "short"));

        Assert.That(unknown, Does.Contain("No registered token has or ever had this value."));
        Assert.That(refused.QuerySelector("#secret-match"), Is.Null);
        Assert.That(refused.Body!.TextContent, Does.Contain("shorter than 8 characters"));
        Assert.That(refused.DocumentElement.OuterHtml, Does.Not.Contain("value=\"short\""));
    }

    [Test]
    public async Task AnAuditor_CannotAsk()
    {
        var (web, _) = await LedgerWithResetTokenAsync();
        await using var __ = web;
        var auditor = await web.SignedInAsync(WebLedger.Auditor);

        var refused = await WebLedger.PostFormAsync(auditor, Page, Page, new() { ["Find.Secret"] = First });

        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task ASecretRecordedByAScan_IsACriticalFindingOnTheFindingsPage_LinkedToItsToken()
    {
        var (web, officer) = await LedgerWithResetTokenAsync();
        await using var _ = web;
        var tree = Path.Combine(web.Folder, "repo");
        Directory.CreateDirectory(tree);
        await File.WriteAllTextAsync(Path.Combine(tree, "settings.env"), $"# deploy\nCRM_KEY={First}\n");
        await using (var ledger = await Ledger.OpenAsync(new LedgerOptions(web.DatabasePath, WebLedger.Officer, web.Clock)))
            await new ScanForSecretsHandler(ledger).HandleAsync(new ScanForSecrets([tree], Record: true));

        var page = WebLedger.Html(await officer.GetStringAsync("/findings?rule=secret-exposed"));

        var row = page.QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains("secret-exposed", StringComparison.Ordinal));
        Assert.That(row.QuerySelector(".severity")!.TextContent, Is.EqualTo("critical"));
        Assert.That(row.QuerySelector("td[data-label='Subject'] a")!.GetAttribute("href"), Is.EqualTo("/tokens/crm-key"));
        Assert.That(row.QuerySelector("td[data-label='Subject']")!.TextContent, Does.Contain("settings.env:2:9"));
        Assert.That(page.DocumentElement.OuterHtml, Does.Not.Contain(First));
    }
}
