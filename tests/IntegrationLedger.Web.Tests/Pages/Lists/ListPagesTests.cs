using System.Net;
using IntegrationLedger.Web.Tests.Support;

namespace IntegrationLedger.Web.Tests.Pages.Lists;

/// <summary>
/// The other lists on the same machinery (integrations, people, findings, the audit log, the events), the
/// header's search and the dashboard's figures, over <see cref="LedgerSeed.Lists"/>. Counts are checked against
/// the ledger's own tables, read with SQL.
/// </summary>
public class ListPagesTests
{
    private WebLedger _web = null!;
    private HttpClient _officer = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _web = await WebLedger.StartAsync(seed: LedgerSeed.Lists);
        _officer = await _web.SignedInAsync(WebLedger.Officer);
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        _officer.Dispose();
        await _web.DisposeAsync();
    }

    [Test]
    public async Task Integrations_SearchByVendor_FilterByNetworkAndOwner_SortByTokens()
    {
        var byVendor = await ListPageReader.GetAsync(_officer, "/integrations?q=vendor%201");
        // Integration N's vendor is Vendor (N % 13): only Integration 0001 has one matching "vendor 1" among ten.
        Assert.That(byVendor.Keys, Is.EqualTo(new[] { "Integration 0001" }));
        Assert.That(byVendor.Rows.Select(r => r[1]), Is.All.EqualTo("Vendor 1"));

        var trusted = await ListPageReader.GetAsync(_officer, "/integrations?network=Trusted&owner=person-1%40example.com");
        Assert.That(trusted.Keys, Is.EqualTo(new[] { "Integration 0001" }), "odd integrations are trusted; person-1 owns 1 and 6, and 6 is untrusted");

        var byTokens = await ListPageReader.GetAsync(_officer, "/integrations?sort=tokens");
        Assert.That(byTokens.AriaSort("Tokens"), Is.EqualTo("ascending"));
        Assert.That(byTokens.Rows.Select(r => int.Parse(r[4].Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture)), Is.Ordered.Descending, "most used first");
        Assert.That(byTokens.Summary, Does.StartWith($"Showing 1–11 of {_web.Scalar("SELECT count(*) FROM Integrations")} integrations."));
    }

    [Test]
    public async Task Integrations_NeverVetted_AreTheWholeSeed_AndTheVendorFilterOffersTheKnownVendors()
    {
        var never = await ListPageReader.GetAsync(_officer, "/integrations?vetting=Never&size=50");
        Assert.That(never.Keys, Has.Count.EqualTo(_web.Scalar("SELECT count(*) FROM Integrations WHERE Id NOT IN (SELECT IntegrationId FROM VettingRecords)")));
        Assert.That(WebLedger.Html(never.Html).QuerySelectorAll("datalist#vendors option").Select(o => o.GetAttribute("value")), Does.Contain("Vendor 9").And.Contain("Acme"));
        var acme = await ListPageReader.GetAsync(_officer, "/integrations?vendor=acme");
        Assert.That(acme.Keys, Is.EqualTo(new[] { WebLedger.Integration }), "a vendor typed in another case still matches");
    }

    [Test]
    public async Task People_SearchByName_FilterByDepartment_AndExportThem()
    {
        var page = await ListPageReader.GetAsync(_officer, "/people?q=person%203");
        Assert.That(page.Keys, Is.EqualTo(new[] { "person-3@example.com" }));
        var team = await ListPageReader.GetAsync(_officer, "/people?department=team%202&status=Active");
        Assert.That(team.Keys, Is.EqualTo(new[] { "person-2@example.com" }));

        using var csv = await _officer.GetAsync(team.ExportLink.GetAttribute("href"));
        Assert.That((await csv.Content.ReadAsStringAsync()).TrimEnd().Split('\n'), Is.EqualTo(new[] { "email,name,department,status,departedOn", "person-2@example.com,Person 2,Team 2,active," }));
    }

    [Test]
    public async Task Findings_OpenByDefault_FilterBySeverityRuleAndSubject_MostSevereFirst()
    {
        var open = await ListPageReader.GetAsync(_officer, "/findings?size=100");
        Assert.That(open.Summary, Does.StartWith($"Showing 1–{_web.Scalar("SELECT count(*) FROM Findings WHERE Status = 'Open'")} of "));
        var rank = new Dictionary<string, int> { ["low"] = 0, ["medium"] = 1, ["high"] = 2, ["critical"] = 3 };
        Assert.That(open.Rows.Select(r => rank[r[1]]), Is.Ordered.Descending);

        var overdue = await ListPageReader.GetAsync(_officer, "/findings?rule=rotation-overdue&subject=Token&size=100");
        Assert.That(overdue.Rows, Has.Count.EqualTo(15), "the fifteen tokens rotated 2026-07-01");
        Assert.That(overdue.Rows.Select(r => r[2]), Is.All.EqualTo("rotation-overdue"));
        Assert.That(overdue.FilterValue("rule"), Is.EqualTo("rotation-overdue"));

        var none = await ListPageReader.GetAsync(_officer, "/findings?status=Resolved");
        Assert.That(none.Summary, Is.EqualTo("No findings match."));
    }

    [Test]
    public async Task Findings_WorkedFromAFilteredList_ComeBackToTheSameList()
    {
        const string list = "/findings?rule=rotation-overdue&sort=subject";
        var page = await ListPageReader.GetAsync(_officer, list);
        var id = page.Keys[0];

        var response = await WebLedger.PostFormAsync(_officer, list, list, new() { ["Work.Ids[0]"] = id, ["Work.Action"] = "Acknowledge", ["Work.Note"] = "Rotating on Friday" });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(response.Headers.Location?.OriginalString, Is.EqualTo(list));
        var acknowledged = await ListPageReader.GetAsync(_officer, "/findings?status=Acknowledged");
        Assert.That(acknowledged.Keys, Is.EqualTo(new[] { id }));
    }

    [Test]
    public async Task AuditLog_HidesSignInsUnlessAsked_AndFiltersByActorActionAndDate()
    {
        var changes = await ListPageReader.GetAsync(_officer, "/audit?size=100");
        // The "What" column reads as words (the action, then the record): sign-ins, sign-outs and refusals are not among them.
        const string access = "^(signed in|signed out|failed to sign in|tried to sign in|was refused|had an account)";
        Assert.That(changes.Rows.Select(r => r[3]), Has.None.Match(access));
        Assert.That(changes.Summary, Does.Contain($"of {_web.Scalar("SELECT count(*) FROM AuditEntries WHERE Action NOT LIKE 'auth.%'")} entries."));
        Assert.That(changes.Keys, Is.Ordered.Descending.Using<string>((a, b) => long.Parse(a, System.Globalization.CultureInfo.InvariantCulture).CompareTo(long.Parse(b, System.Globalization.CultureInfo.InvariantCulture))), "newest first");

        var signIns = await ListPageReader.GetAsync(_officer, "/audit?kind=SignIns");
        Assert.That(signIns.Rows.Select(r => r[3]), Is.All.Match(access));
        Assert.That(signIns.Rows.Select(r => r[3]), Has.Some.StartsWith("signed in: sign-in record officer@example.com"), "the officer's own sign-in, at least");

        var tokenImports = await ListPageReader.GetAsync(_officer, "/audit?actor=SETUP&action=import.tokens&from=2026-11-02&to=2026-11-02&size=100");
        Assert.That(tokenImports.Rows.Select(r => r[2]), Is.All.EqualTo("setup"));
        Assert.That(tokenImports.Rows.Select(r => r[3]), Is.All.StartsWith("imported a file (tokens): "));
        Assert.That(tokenImports.Summary, Does.StartWith($"Showing 1–100 of {_web.Scalar("SELECT count(*) FROM AuditEntries WHERE Action = 'import.tokens'")} entries."));
        var before = await ListPageReader.GetAsync(_officer, "/audit?action=import.tokens&to=2026-11-01");
        Assert.That(before.Summary, Is.EqualTo("No entries match."));
    }

    [Test]
    public async Task Events_FilterByIntegrationOutcomeAddressAndTime_NewestFirst()
    {
        var all = await ListPageReader.GetAsync(_officer, "/events");
        Assert.That(all.Summary, Does.StartWith($"Showing 1–25 of {_web.Scalar("SELECT count(*) FROM UsageEvents")} events."));
        Assert.That(all.Rows[0][0], Is.EqualTo("2026-11-01 15:00 UTC"), "the newest first");

        // Integration 0003 is events 3, 13, ..., 83 (89 would be the stranger's at 29, 59, 89: none of them end in 3).
        var three = await ListPageReader.GetAsync(_officer, "/events?integration=integration%200003");
        Assert.That(three.Rows, Has.Count.EqualTo(9));
        Assert.That(three.Rows.Select(r => r[6]), Is.All.EqualTo("Integration 0003"));

        var failed = await ListPageReader.GetAsync(_officer, "/events?outcome=Failed&address=10.0.");
        Assert.That(failed.Rows, Has.Count.EqualTo(_web.Scalar("SELECT count(*) FROM UsageEvents WHERE Succeeded = 0 AND SourceIp LIKE '10.0.%'")).And.Count.EqualTo(10));
        Assert.That(failed.Rows.Select(r => r[4]), Is.All.StartsWith("failed"));

        var morning = await ListPageReader.GetAsync(_officer, "/events?from=2026-11-01T01:00&to=2026-11-01T02:00&account=INT-0%40example.com");
        Assert.That(morning.Rows.Select(r => r[0]), Is.EqualTo(new[] { "2026-11-01 01:40 UTC" }), "event 10 at 01:40, the only int-0 one in the hour");
        Assert.That(morning.FilterValue("from"), Is.EqualTo("2026-11-01T01:00"));
    }

    [Test]
    public async Task Events_Export_NeutralisesTextASpreadsheetWouldRun()
    {
        using var csv = await _officer.GetAsync("/events?handler=Csv&address=192.0.2.99");
        var lines = (await csv.Content.ReadAsStringAsync()).TrimEnd().Split('\n');

        Assert.That(lines, Has.Length.EqualTo(2));
        Assert.That(lines[1], Does.Contain("\"'=hyperlink(\"\"http://example.com\"\",\"\"x@example.com\"\")\""));
    }

    [Test]
    public async Task Search_FindsEachKind_PrefixFirst_Bounded_WithALinkToTheFullList()
    {
        var page = WebLedger.Html(await _officer.GetStringAsync("/search?q=token-0000"));
        var tokens = page.QuerySelector("section[aria-labelledby=found-tokens]")!;
        Assert.That(tokens.QuerySelectorAll("li a").Select(a => a.TextContent), Is.EqualTo(Enumerable.Range(0, 10).Select(LedgerSeed.Label)));
        Assert.That(tokens.QuerySelector("li a")!.GetAttribute("href"), Is.EqualTo("/tokens/token-00000"));

        var wide = WebLedger.Html(await _officer.GetStringAsync("/search?q=TOKEN"));
        var bounded = wide.QuerySelector("section[aria-labelledby=found-tokens]")!;
        Assert.That(bounded.QuerySelectorAll("li"), Has.Length.EqualTo(20));
        Assert.That(bounded.QuerySelector("p a")!.TextContent, Is.EqualTo("See all 61 tokens"));
        Assert.That(bounded.QuerySelector("p a")!.GetAttribute("href"), Is.EqualTo("/tokens?q=TOKEN"));
        Assert.That(bounded.QuerySelectorAll("li a")[0].TextContent, Is.EqualTo("token-00000"), "labels that start with the text come before etl-token");

        var people = WebLedger.Html(await _officer.GetStringAsync("/search?q=ana"));
        Assert.That(people.QuerySelector("section[aria-labelledby=found-people] li a")!.GetAttribute("href"), Is.EqualTo("/people/ana%40example.com"));
        var accounts = WebLedger.Html(await _officer.GetStringAsync("/search?q=svc-42%40"));
        Assert.That(accounts.QuerySelector("section[aria-labelledby=found-platform-accounts] li")!.TextContent, Does.Contain("svc-42@example.com").And.Contain("person-2@example.com"));
    }

    [Test]
    public async Task Search_IsInTheHeaderOfEveryPage()
    {
        foreach (var url in new[] { "/", "/tokens", "/findings", "/events", $"/tokens/{WebLedger.Token}" })
        {
            var form = WebLedger.Html(await _officer.GetStringAsync(url)).QuerySelector("header form[role=search]");
            Assert.That(form?.GetAttribute("action"), Is.EqualTo("/search"), url);
            Assert.That(form!.GetAttribute("method"), Is.EqualTo("get"), url);
        }
    }

    [Test]
    public async Task Dashboard_EveryFigureLinksToTheListItCounts_AndTheDueListShowsItsFirstPage()
    {
        var html = await _officer.GetStringAsync("/");
        var cards = WebLedger.Html(html).QuerySelectorAll("a.card").ToList();
        Assert.That(cards, Has.Count.EqualTo(6));
        foreach (var card in cards)
        {
            var figure = card.QuerySelector("strong")!.TextContent.Replace(",", "", StringComparison.Ordinal);
            var list = await ListPageReader.GetAsync(_officer, card.GetAttribute("href")!);
            var expected = figure == "0" ? "No " : $"of {figure} ";
            Assert.That(list.Summary, Does.StartWith(figure == "0" ? "No " : "Showing ").And.Contain(figure == "0" ? "match" : expected), card.TextContent);
        }
        var due = WebLedger.Html(html).QuerySelectorAll("table.list tbody tr");
        Assert.That(due, Has.Length.EqualTo(25));
        Assert.That(WebLedger.Link(html, "See all 30 due and overdue tokens"), Is.EqualTo("/tokens?due=Within&within=30&sort=due"));
    }
}
