using System.Text.RegularExpressions;
using IntegrationLedger.Application;
using IntegrationLedger.Application.Features.Integrations;
using IntegrationLedger.Application.Features.People;
using IntegrationLedger.Application.Features.Tokens;
using IntegrationLedger.Domain.Tokens;
using IntegrationLedger.Web.Tests.Support;

namespace IntegrationLedger.Web.Tests.Pages;

/// <summary>"Who changed what": each token's, integration's and person's History, and the audit log's rows, read as changes with names.</summary>
public partial class HistoryTests
{
    private WebLedger _web = null!;

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", RegexOptions.IgnoreCase)]
    private static partial Regex Guid();

    [SetUp]
    public async Task Start() => _web = await WebLedger.StartAsync();

    [TearDown]
    public async Task Stop() => await _web.DisposeAsync();

    /// <summary>Changes made as an officer would make them, through the use cases, so the test does not depend on how the forms ask.</summary>
    private async Task AsOfficerAsync(Func<Ledger, Task> change)
    {
        await using var ledger = await Ledger.OpenAsync(new LedgerOptions(_web.DatabasePath, WebLedger.Officer, _web.Clock));
        await change(ledger);
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    /// <summary>The History table's rows, each cell's text as a browser shows it (runs of white space as one).</summary>
    private static List<string[]> History(string page) => Read(WebLedger.TableRows(page, "History"));

    private static List<string[]> Read(IEnumerable<string[]> rows) => rows.Select(r => r.Select(c => Spaces().Replace(c, " ")).ToArray()).ToList();

    [Test]
    public async Task TokenPage_ShowsItsChanges_NewestFirst_WithNamesAndBeforeAndAfter()
    {
        await AsOfficerAsync(async ledger =>
        {
            await new UseTokenHandler(ledger).HandleAsync(new UseToken(WebLedger.Token, WebLedger.Integration, "Nightly export"));
            await new RevokeTokenHandler(ledger).HandleAsync(new RevokeToken(WebLedger.Token, RevocationReason.Unused, "No longer needed"));
        });
        var auditor = await _web.SignedInAsync(WebLedger.Auditor);

        var page = await auditor.GetStringAsync($"/tokens/{WebLedger.Token}");

        var rows = History(page);
        Assert.That(rows.Select(r => r[2]), Is.EqualTo(new[] { WebLedger.Officer, WebLedger.Officer, WebLedger.Officer, "setup" }), "newest first");
        var revoked = rows.Single(r => r[3] == "revoked a token: token etl-token");
        Assert.That(revoked[4], Does.Contain("status: active → revoked").And.Contain("revocation reason: (none) → unused").And.Contain("revocation note: (none) → No longer needed"));
        Assert.That(rows.Any(r => r[3].Contains("token use etl-token in Nightly ETL", StringComparison.Ordinal) && r[4].Contains("state: current → ended", StringComparison.Ordinal)), Is.True);
        var registered = rows[^1];
        Assert.That(registered[3], Does.StartWith("registered a token"));
        Assert.That(registered[4], Does.Contain("owner: Ana Lima (ana@example.com)").And.Contain("secret: fingerprinted (ends …0001)"));
        Assert.That(Guid().IsMatch(string.Join(" ", rows.SelectMany(r => r))), Is.False, "names, never ids");
    }

    [Test]
    public async Task History_LinksToTheAuditLogFilteredToTheRecord()
    {
        var officer = await _web.SignedInAsync(WebLedger.Officer);

        var page = await officer.GetStringAsync($"/tokens/{WebLedger.Token}");

        var id = _web.Text($"SELECT lower(Id) FROM Tokens WHERE Label = '{WebLedger.Token}'");
        var link = WebLedger.Link(page, "See them in the audit log");
        Assert.That(link, Is.EqualTo($"/audit?entity=Token&entityId={id}"));
        var log = WebLedger.Html(await officer.GetStringAsync(link));
        var rows = Read(log.QuerySelectorAll("table.audit tbody tr").Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToArray()));
        Assert.That(rows.Select(r => r[3]), Is.EqualTo(new[] { "registered a token: token etl-token" }), "the token's entries only");
        Assert.That(log.QuerySelector("input[name=entityId]")?.GetAttribute("value"), Is.EqualTo(id), "kept while the other filters change");
    }

    [Test]
    public async Task History_ShowsTheLatestTwenty_AndSaysHowManyThereAre()
    {
        await AsOfficerAsync(async ledger =>
        {
            await new UseTokenHandler(ledger).HandleAsync(new UseToken(WebLedger.Token, WebLedger.Integration, "Nightly export"));
            for (var i = 0; i < 12; i++)
            {
                _web.Clock.Advance(TimeSpan.FromHours(1));
                await new ResetTokenHandler(ledger).HandleAsync(new ResetToken(WebLedger.Token));
                await new ConfirmTokenUpdateHandler(ledger).HandleAsync(new ConfirmTokenUpdate(WebLedger.Token, WebLedger.Integration));
            }
        });
        var officer = await _web.SignedInAsync(WebLedger.Officer);

        var page = await officer.GetStringAsync($"/tokens/{WebLedger.Token}");

        Assert.That(History(page), Has.Count.EqualTo(20));
        Assert.That(Spaces().Replace(WebLedger.Html(page).QuerySelector("#history + p")!.TextContent, " ").Trim(),
            Is.EqualTo("The latest 20 of 38 changes, newest first. See them in the audit log."));
    }

    [Test]
    public async Task IntegrationPage_ShowsItsChanges_AndThoseOfWhatBelongsToIt()
    {
        await AsOfficerAsync(async ledger =>
        {
            await new AddPersonHandler(ledger).HandleAsync(new AddPerson("lee@example.com", "Lee Park", "Data"));
            await new ChangeIntegrationHandler(ledger).HandleAsync(new ChangeIntegration(WebLedger.Integration, "lee@example.com", ["192.0.2.0/24"], []));
        });
        var auditor = await _web.SignedInAsync(WebLedger.Auditor);

        var rows = History(await auditor.GetStringAsync("/integrations/Nightly%20ETL"));

        Assert.That(rows.Any(r => r[3].StartsWith("changed an integration: integration Nightly ETL", StringComparison.Ordinal)
            && r[4].Contains("owner: Ana Lima (ana@example.com) → Lee Park (lee@example.com)", StringComparison.Ordinal)), Is.True, string.Join("\n", rows.Select(r => string.Join(" | ", r))));
        Assert.That(rows.Any(r => r[3].Contains("allowed network Nightly ETL: 192.0.2.0/24", StringComparison.Ordinal)), Is.True);
        Assert.That(rows[^1][3], Does.StartWith("added an integration"));
    }

    [Test]
    public async Task PersonPage_ShowsTheirChanges()
    {
        await AsOfficerAsync(ledger => new OffboardPersonHandler(ledger).HandleAsync(new OffboardPerson("ana@example.com", new DateOnly(2026, 11, 1))));
        var auditor = await _web.SignedInAsync(WebLedger.Auditor);

        var rows = History(await auditor.GetStringAsync("/people/ana@example.com"));

        Assert.That(rows[0][3], Does.StartWith("offboarded a person: person Ana Lima (ana@example.com)"));
        Assert.That(rows[0][4], Does.Contain("status: active → departed").And.Contain("departed on: (none) → 2026-11-01"));
        Assert.That(rows[^1][3], Does.StartWith("added a person"));
    }

    [Test]
    public async Task AuditLog_ShowsEachEntryReadably_WithLinksToTheRecords()
    {
        var auditor = await _web.SignedInAsync(WebLedger.Auditor);

        var page = await auditor.GetStringAsync("/audit");

        var html = WebLedger.Html(page);
        var rows = Read(html.QuerySelectorAll("table.audit tbody tr").Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToArray()));
        var registered = rows.Single(r => r[3].StartsWith("registered a token", StringComparison.Ordinal));
        Assert.That(registered[4], Does.Contain("owner: Ana Lima (ana@example.com)"));
        Assert.That(WebLedger.Link(page, WebLedger.Token), Is.EqualTo($"/tokens/{WebLedger.Token}"));
        Assert.That(rows.Single(r => r[3].StartsWith("added a web account: web account auditor@example.com", StringComparison.Ordinal))[4], Does.Contain("password: set"));
        Assert.That(Guid().IsMatch(string.Join(" ", rows.SelectMany(r => r))), Is.False, "names, never ids");
        Assert.That(page, Does.Not.Contain(_web.Text("SELECT PasswordHash FROM Users LIMIT 1")!));
    }
}
