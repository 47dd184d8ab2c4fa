using IntegrationLedger.Application;
using IntegrationLedger.Application.Features.Findings;
using IntegrationLedger.Application.Features.Tokens;
using IntegrationLedger.Domain.Tokens;
using IntegrationLedger.Web.Tests.Support;

namespace IntegrationLedger.Web.Tests.Pages;

/// <summary>
/// Working findings quickly: several at once with one note (audited per finding), or every one a filter
/// matches; subjects that link to what they are about; severity in colour; and nothing to tick for an auditor.
/// </summary>
public class FindingsPageTests
{
    private WebLedger _web = null!;

    [SetUp]
    public async Task Start()
    {
        _web = await WebLedger.StartAsync();
        await using var ledger = await Ledger.OpenAsync(new LedgerOptions(_web.DatabasePath, "setup", _web.Clock));
        foreach (var label in new[] { "old-key-1", "old-key-2", "old-key-3" })
            await new AddTokenHandler(ledger).HandleAsync(new AddToken(label, TokenKind.ApiKey, "ana@example.com", RotateEveryDays: 30, IssuedAt: new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc)));
        await new RunRulesHandler(ledger).HandleAsync(new RunRules());
    }

    [TearDown]
    public async Task Stop() => await _web.DisposeAsync();

    private long Findings(string where) => _web.Scalar($"SELECT count(*) FROM Findings WHERE {where}");

    [Test]
    public async Task Officer_AcknowledgesTwoTickedFindings_WithOneNote_EachAuditedOnItsOwn()
    {
        var client = await _web.SignedInAsync(WebLedger.Officer);
        var list = "/findings?rule=rotation-overdue";
        var ids = WebLedger.Html(await client.GetStringAsync(list)).QuerySelectorAll("input[name='Work.Ids']").Select(i => i.GetAttribute("value")!).ToList();
        Assert.That(ids, Has.Count.EqualTo(3));

        var response = await WebLedger.PostFormAsync(client, list, list,
            new() { ["Work.Ids[0]"] = ids[0], ["Work.Ids[1]"] = ids[1], ["Work.Action"] = "Acknowledge", ["Work.Note"] = "Both rotate on Monday" });

        Assert.That(response.Headers.Location?.OriginalString, Is.EqualTo(list), "back to the same filtered list");
        Assert.That(await client.GetStringAsync(list), Does.Contain("2 findings are now acknowledged"));
        Assert.That(Findings("Status = 'Acknowledged' AND Note = 'Both rotate on Monday'"), Is.EqualTo(2));
        Assert.That(Findings("Status = 'Open' AND RuleId = 'rotation-overdue'"), Is.EqualTo(1));
        Assert.That(_web.Scalar("SELECT count(*) FROM AuditEntries WHERE Action = 'finding.ack' AND EntityType = 'Finding' AND Actor = 'officer@example.com'"), Is.EqualTo(2));
    }

    [Test]
    public async Task Officer_ResolvesEveryFindingAFilterMatches_AndNoOther()
    {
        var others = Findings("RuleId <> 'rotation-overdue' AND Status <> 'Resolved'");
        var client = await _web.SignedInAsync(WebLedger.Officer);
        var list = "/findings?rule=rotation-overdue";
        Assert.That(await client.GetStringAsync(list), Does.Contain("All 3 open or acknowledged findings this filter matches"));

        await WebLedger.PostFormAsync(client, list, list, new() { ["Work.AllMatching"] = "true", ["Work.Action"] = "Resolve", ["Work.Note"] = "Retired with the old gateway" });

        Assert.That(Findings("RuleId = 'rotation-overdue' AND Status = 'Resolved' AND Note = 'Retired with the old gateway'"), Is.EqualTo(3));
        Assert.That(Findings("RuleId <> 'rotation-overdue' AND Status <> 'Resolved'"), Is.EqualTo(others));
    }

    [Test]
    public async Task NothingTicked_IsRefused_AndChangesNothing()
    {
        var client = await _web.SignedInAsync(WebLedger.Officer);
        var before = Findings("Status = 'Open'");

        await WebLedger.PostFormAsync(client, "/findings", "/findings", new() { ["Work.Action"] = "Resolve", ["Work.Note"] = "oops" });

        Assert.That(await client.GetStringAsync("/findings"), Does.Contain("Tick the findings to work first"));
        Assert.That(Findings("Status = 'Open'"), Is.EqualTo(before));
    }

    [Test]
    public async Task Subjects_LinkToWhatTheyAreAbout_AndSeverityIsColoured()
    {
        var client = await _web.SignedInAsync(WebLedger.Officer);
        var page = WebLedger.Html(await client.GetStringAsync("/findings?rule=rotation-overdue"));

        var subject = page.QuerySelectorAll("td[data-label='Subject'] a").Select(a => a.GetAttribute("href")).ToList();
        Assert.That(subject, Is.EquivalentTo(new[] { "/tokens/old-key-1", "/tokens/old-key-2", "/tokens/old-key-3" }));
        Assert.That(page.QuerySelectorAll("td[data-label='Severity'] .severity").Select(s => s.ClassName), Has.All.Match("severity severity-(low|medium|high|critical)"));
    }

    [Test]
    public async Task Auditor_SeesTheFindings_WithNothingToTickOrPress()
    {
        var client = await _web.SignedInAsync(WebLedger.Auditor);
        var page = WebLedger.Html(await client.GetStringAsync("/findings"));

        Assert.That(page.QuerySelectorAll("td[data-label='Rule']").Select(r => r.TextContent), Has.Member("rotation-overdue"));
        Assert.That(page.QuerySelectorAll("input[type=checkbox][name='Work.Ids'], #work-findings"), Is.Empty);
    }
}
