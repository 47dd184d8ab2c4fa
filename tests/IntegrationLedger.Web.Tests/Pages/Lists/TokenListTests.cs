using System.Net;
using IntegrationLedger.Web.Tests.Support;

namespace IntegrationLedger.Web.Tests.Pages.Lists;

/// <summary>
/// The token list over a ledger of 61 tokens (<see cref="LedgerSeed.Lists"/> and the web ledger's own): searched,
/// filtered, sorted and paged by the database, its state in the address, and exported as shown.
/// </summary>
public class TokenListTests
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
    public async Task TheList_ShowsPagesOf25_SaysWhereItIs_AndPagesOnToTheEnd()
    {
        var first = await ListPageReader.GetAsync(_officer, "/tokens");
        Assert.That(first.Summary, Does.StartWith("Showing 1–25 of 61 tokens."));
        Assert.That(first.Keys, Has.Count.EqualTo(25));
        Assert.That(first.Keys, Is.Ordered.Using((IComparer<string>)StringComparer.Ordinal), "sorted by label by default");
        Assert.That(first.AriaSort("Token"), Is.EqualTo("ascending"));
        Assert.That(first.MaybePagerLink("prev"), Is.Null);

        var second = await ListPageReader.GetAsync(_officer, first.PagerLink("next"));
        Assert.That(second.Summary, Does.StartWith("Showing 26–50 of 61 tokens."));
        Assert.That(second.Keys.Intersect(first.Keys), Is.Empty, "no token shows on two pages");

        var last = await ListPageReader.GetAsync(_officer, second.PagerLink("last"));
        Assert.That(last.Summary, Does.StartWith("Showing 51–61 of 61 tokens."));
        Assert.That(last.Keys, Has.Count.EqualTo(11));
        Assert.That(last.MaybePagerLink("next"), Is.Null);
    }

    [TestCase(50, "Showing 1–50 of 61 tokens.")]
    [TestCase(100, "Showing 1–61 of 61 tokens.")]
    [TestCase(7, "Showing 1–25 of 61 tokens.")]
    public async Task ThePageSize_Is25_50Or100_AndAnyOtherReadsAs25(int size, string summary)
    {
        var page = await ListPageReader.GetAsync(_officer, $"/tokens?size={size}");
        Assert.That(page.Summary, Does.StartWith(summary));
    }

    [TestCase("00042", new[] { "token-00042" })]
    [TestCase("SVC-17@", new[] { "token-00017" })]
    [TestCase("person-4@", new[] { "token-00004", "token-00009", "token-00014" })]
    [TestCase("nothing-like-this", new string[0])]
    public async Task Search_FindsByPartOfTheLabelOwnerOrAccount_IgnoringCase(string search, string[] firstKeys)
    {
        var page = await ListPageReader.GetAsync(_officer, $"/tokens?q={Uri.EscapeDataString(search)}");
        Assert.That(page.Keys.Take(3), Is.EqualTo(firstKeys));
        Assert.That(page.FilterValue("q"), Is.EqualTo(search), "the box still shows what was searched");
    }

    [Test]
    public async Task Search_TakesPercentAndUnderscoreLiterally()
    {
        var page = await ListPageReader.GetAsync(_officer, "/tokens?q=token_0004");
        Assert.That(page.Summary, Does.StartWith("No tokens match."));
    }

    [Test]
    public async Task Filters_ByOwnerAndKind_Combine()
    {
        var page = await ListPageReader.GetAsync(_officer, $"/tokens?owner={Uri.EscapeDataString("Person-2@Example.com")}&kind=Certificate");

        // Owned by person-2: N % 5 == 2; a certificate: N % 3 == 2; so N % 15 == 2.
        Assert.That(page.Keys, Is.EqualTo(new[] { "token-00002", "token-00017", "token-00032", "token-00047" }));
        Assert.That(page.Rows.Select(r => r[2]), Is.All.EqualTo("person-2@example.com"));
        Assert.That(page.FilterValue("kind"), Is.EqualTo("Certificate"));
    }

    [Test]
    public async Task Filters_ByRotationDue_OverdueOrWithinDays_ComputedByTheDatabase()
    {
        var overdue = await ListPageReader.GetAsync(_officer, "/tokens?due=Overdue&size=100");
        var withinAMonth = await ListPageReader.GetAsync(_officer, "/tokens?due=Within&within=30&size=100");
        var withinTwentyDays = await ListPageReader.GetAsync(_officer, "/tokens?due=Within&within=10&size=100");

        // Rotated 2026-07-01 with a 90-day policy: due 2026-09-29, overdue on 2026-11-02. Rotated 2026-08-20: due 2026-11-18.
        Assert.That(overdue.Summary, Does.StartWith("Showing 1–15 of 15 tokens."));
        Assert.That(overdue.Rows.Select(r => r[6]), Is.All.EqualTo("2026-09-29 overdue"));
        Assert.That(withinAMonth.Summary, Does.StartWith("Showing 1–30 of 30 tokens."));
        Assert.That(withinAMonth.Rows.Select(r => r[6]), Is.All.Matches<string>(due => due is "2026-09-29 overdue" or "2026-11-18"));
        Assert.That(withinTwentyDays.Summary, Does.StartWith("Showing 1–15 of 15 tokens."), "due on 2026-11-18 is not within ten days of 2026-11-02");
    }

    [Test]
    public async Task Sort_ByAColumnHeader_ThenTheSameHeaderAgainReversesIt_KeepingTheFilters()
    {
        var byLabel = await ListPageReader.GetAsync(_officer, "/tokens?owner=person-1%40example.com&page=2&size=50");
        var byDue = await ListPageReader.GetAsync(_officer, byLabel.SortLink("Rotation due"));
        Assert.That(byDue.AriaSort("Rotation due"), Is.EqualTo("ascending"));
        Assert.That(byDue.AriaSort("Token"), Is.Null);
        Assert.That(byDue.Summary, Does.StartWith("Showing 1–12 of 12 tokens."), "a new order starts at page 1, still filtered by owner");
        Assert.That(byDue.Rows.Select(r => r[6][..10]), Is.Ordered.Using((IComparer<string>)StringComparer.Ordinal));

        var reversed = await ListPageReader.GetAsync(_officer, byDue.SortLink("Rotation due"));
        Assert.That(reversed.AriaSort("Rotation due"), Is.EqualTo("descending"));
        Assert.That(reversed.Rows.Select(r => r[6][..10]), Is.Ordered.Descending.Using((IComparer<string>)StringComparer.Ordinal));
        Assert.That(reversed.FilterValue("owner"), Is.EqualTo("person-1@example.com"));
    }

    [Test]
    public async Task TheAddress_CarriesTheWholeState_SoAReloadOrALinkShowsTheSameList()
    {
        const string url = "/tokens?q=token&status=Active&owner=person-3%40example.com&due=Within&within=30&sort=used-by&dir=desc&size=50";
        var shown = await ListPageReader.GetAsync(_officer, url);
        var again = await ListPageReader.GetAsync(_officer, url);

        Assert.That(again.Rows, Is.EqualTo(shown.Rows));
        Assert.That(new[] { "q", "status", "owner", "due", "within", "size" }.Select(shown.FilterValue),
            Is.EqualTo(new[] { "token", "Active", "person-3@example.com", "Within", "30", "50" }));
        Assert.That(WebLedger.Html(shown.Html).QuerySelector("form.list-bar")!.GetAttribute("method"), Is.EqualTo("get"));
        Assert.That(WebLedger.Html(shown.Html).QuerySelectorAll("form.list-bar input[type=hidden]").Select(i => (i.GetAttribute("name"), i.GetAttribute("value"))),
            Is.EquivalentTo(new[] { ((string?)"sort", (string?)"used-by"), ("dir", "desc") }), "a new search keeps the order");
    }

    [Test]
    public async Task AFilterValueThatIsNone_IsNamedAndIgnored()
    {
        var page = await ListPageReader.GetAsync(_officer, "/tokens?status=Lost&kind=ApiKey");
        Assert.That(page.Problem, Does.Contain("status"));
        Assert.That(page.Summary, Does.StartWith("Showing 1–21 of 21 tokens."), "still filtered by kind: 20 seeded API keys and etl-token");
    }

    [Test]
    public async Task Export_GivesEveryMatchingRowInTheListsOrder_NotOnlyThePage()
    {
        var page = await ListPageReader.GetAsync(_officer, "/tokens?due=Within&within=30&sort=owner&dir=desc");
        Assert.That(page.ExportLink.TextContent, Is.EqualTo("Export all 30 matching tokens (CSV)"));

        using var response = await _officer.GetAsync(page.ExportLink.GetAttribute("href"));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/csv"));
        Assert.That(response.Content.Headers.ContentDisposition?.DispositionType, Is.EqualTo("attachment"));
        var lines = (await response.Content.ReadAsStringAsync()).TrimEnd('\n').Split('\n');
        Assert.That(lines[0], Does.StartWith("label,kind,owner,account,status,"));
        Assert.That(lines, Has.Length.EqualTo(31));
        Assert.That(lines.Skip(1).Take(25).Select(l => l.Split(',')[0]), Is.EqualTo(page.Keys), "the file starts with the page shown, in its order");
    }

    [Test]
    public async Task AnAuditor_SeesAndExportsTheList_ButIsOfferedNoRegisterForm()
    {
        using var auditor = await _web.SignedInAsync(WebLedger.Auditor);
        var page = await ListPageReader.GetAsync(auditor, "/tokens?q=00001");
        Assert.That(page.Keys, Is.EqualTo(new[] { "token-00001", "token-00010", "token-00011", "token-00012", "token-00013", "token-00014", "token-00015", "token-00016", "token-00017", "token-00018" }.Take(page.Keys.Count)));
        Assert.That(page.Html, Does.Not.Contain("Register a token"));
        using var csv = await auditor.GetAsync(page.ExportLink.GetAttribute("href"));
        Assert.That(csv.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }
}
