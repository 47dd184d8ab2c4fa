using System.Net;
using System.Text;
using IntegrationLedger.Application;
using IntegrationLedger.Application.Features.Integrations;
using IntegrationLedger.Application.Features.People;
using IntegrationLedger.Domain.Integrations;
using IntegrationLedger.Web.Tests.Support;
using static IntegrationLedger.Web.Tests.Support.ImportRunTable;

namespace IntegrationLedger.Web.Tests.Pages;

/// <summary>
/// Issue 19, point 3, on the web: the uploads are checked as one run, as <c>ledger import auto PATH...</c>
/// runs them: a zip of an Event Monitoring download is read member by member, each file all or nothing on its
/// own, types the ledger does not use set aside and counted, the same text uploaded twice read once, and one
/// table of them all before anything is committed; the commit imports only what the check passed. Through
/// the real application over a real ledger, with the sample exports as the download's files.
/// </summary>
public class ImportRunPageTests
{
    private const string ElfHeader = "EVENT_TYPE,TIMESTAMP,REQUEST_ID,USER_ID,USER_NAME,SOURCE_IP,LOGIN_STATUS";
    private const string Member = "download.zip, member " + SampleDownload.Day + "/";

    private WebLedger _web = null!;

    [SetUp]
    public async Task Start()
    {
        _web = await WebLedger.StartAsync();
        await using var ledger = await Ledger.OpenAsync(new LedgerOptions(_web.DatabasePath, "setup", _web.Clock));
        await new AddIntegrationHandler(ledger).HandleAsync(new AddIntegration("Acme Sync", "Acme", "ana@example.com", "Syncs accounts", null, NetworkTrust.Untrusted, [],
            [new AttributionRuleSpec(AttributionRuleKind.Account, "integration.sync@example.com")]));
    }

    [TearDown]
    public async Task Stop() => await _web.DisposeAsync();

    private string Uploads => _web.DatabasePath + ".uploads";

    private static byte[] Elf(int rows, string prefix = "r") => Encoding.UTF8.GetBytes(
        ElfHeader + "\n" + string.Concat(Enumerable.Range(0, rows).Select(i => $"Login,20261101{i / 60 % 24:D2}{i % 60:D2}00.000,{prefix}{i},005xx000001Sv7A,sync@example.com,192.0.2.10,LOGIN_NO_ERROR\n")));

    private static async Task<string> CheckAsync(HttpClient client, params (string Name, byte[] Content)[] files)
    {
        var page = await client.GetStringAsync("/import");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(WebLedger.AntiforgeryToken(page)), "__RequestVerificationToken" },
            { new StringContent("auto"), "CheckFiles.Format" },
            { new StringContent(""), "CheckFiles.TimeZone" },
        };
        foreach (var (name, content) in files)
            form.Add(new ByteArrayContent(content), "CheckFiles.Files", name);
        var response = await client.PostAsync("/import?handler=Check", form);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Posts the form of <paramref name="handler"/> on a page as a browser would: every field it carries, and any <paramref name="chosen"/>.</summary>
    private static async Task<string> PostFormAsync(HttpClient client, string page, string handler, params (string Name, string Value)[] chosen)
    {
        var form = WebLedger.Html(page).QuerySelector($"form[action*='handler={handler}']");
        Assert.That(form, Is.Not.Null, $"the page offers the {handler} form");
        var fields = form!.QuerySelectorAll("input").Select(i => new KeyValuePair<string, string>(i.GetAttribute("name")!, i.GetAttribute("value") ?? ""))
            .Concat(chosen.Select(c => new KeyValuePair<string, string>(c.Name, c.Value))).ToList();
        var response = await client.PostAsync($"/import?handler={handler}", new FormUrlEncodedContent(fields));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        return await response.Content.ReadAsStringAsync();
    }

    private static string? CommitButton(string page) =>
        WebLedger.Html(page).QuerySelector("form[action*='handler=Commit'] button")?.TextContent.Trim();

    private static IReadOnlyList<string> Sections(string page) =>
        [.. WebLedger.Html(page).QuerySelectorAll("section").Select(s => s.GetAttribute("aria-label")!)];

    private static string Section(string page, string name) =>
        WebLedger.Html(page).QuerySelectorAll("section").Single(s => s.GetAttribute("aria-label") == name).TextContent;

    [Test]
    public async Task ADownload_IsCheckedAsOneRun_AMemberALine_TheUnusedTypeSetAside_TheStrangerRefused_ThenItsGoodMembersAreImported()
    {
        var client = await _web.SignedInAsync(WebLedger.Officer);

        var page = await CheckAsync(client, ("download.zip", SampleDownload.Zip()));

        Assert.That(Caption(page), Is.EqualTo("Dry run, nothing written: 5 files"));
        Assert.That(Headers(page), Is.EqualTo(new[] { "File", "Format", "Read", "Would add", "Duplicates", "Set aside", "Rejected", "Note" }));
        var lines = Lines(page);
        Assert.That(lines.Select(l => l[Name]), Is.EqualTo(new[] { Member + "API.csv", Member + "Login.csv", Member + "UITracking.csv", Member + "URI.csv", "download.zip, member notes.csv" }));
        Assert.That(lines[0], Is.EqualTo(new[] { Member + "API.csv", "sf-elf", "10", "10", "0", "0", "0", "" }));
        Assert.That(lines[1], Is.EqualTo(new[] { Member + "Login.csv", "sf-elf", "12", "12", "0", "0", "0", "" }));
        Assert.That(lines[2], Is.EqualTo(new[] { Member + "UITracking.csv", "sf-elf", "10", "0", "0", "10", "0", "set aside: UITracking 10" }));
        Assert.That(lines[3], Is.EqualTo(new[] { Member + "URI.csv", "sf-elf", "10", "10", "0", "0", "0", "" }));
        Assert.That(lines[4][..Note], Is.EqualTo(new[] { "download.zip, member notes.csv", "-", "0", "0", "0", "0", "0" }));
        Assert.That(lines[4][Note], Does.StartWith("line 1: the header matches none of the formats"));
        Assert.That(Total(page), Is.EqualTo(new[] { "total (5 files)", "", "42", "32", "0", "10", "0", "" }));
        Assert.That(Verdict(page), Is.EqualTo("3 would be imported, 1 set aside (types the ledger does not use). " +
            "Refused, nothing of them imported: download.zip, member notes.csv; the others would be imported all the same."));

        Assert.That(Sections(page), Is.EqualTo(new[] { "download.zip, member notes.csv" }), "a section for the refused file only");
        Assert.That(Section(page, "download.zip, member notes.csv"), Does.Contain("download.zip, member notes.csv, line 1: the header matches none of the formats")
            .And.Contain("Nothing from this file will be imported."));
        Assert.That(WebLedger.TableRows(page, "Attributed to integrations, 4 files"), Is.EqualTo(new[] { new[] { "Acme Sync", "3" } }), "summed over the run, the set-aside file among them");
        Assert.That(page, Does.Not.Contain(".uploads"), "the server's own paths stay on the server");
        Assert.That(CommitButton(page), Is.EqualTo("Import 4 files (42 rows)"));
        Assert.That(_web.Scalar("SELECT count(*) FROM UsageEvents"), Is.Zero, "a check imports nothing");
        Assert.That(_web.Scalar("SELECT count(*) FROM ImportBatches"), Is.Zero);

        var imported = await PostFormAsync(client, page, "Commit");

        Assert.That(Caption(imported), Is.EqualTo("Imported, each file whole or not at all: 4 files"));
        Assert.That(Lines(imported).Select(l => l[..Note]), Is.EqualTo(new[]
        {
            new[] { Member + "API.csv", "sf-elf", "10", "10", "0", "0", "0" },
            new[] { Member + "Login.csv", "sf-elf", "12", "12", "0", "0", "0" },
            new[] { Member + "UITracking.csv", "sf-elf", "10", "0", "0", "10", "0" },
            new[] { Member + "URI.csv", "sf-elf", "10", "10", "0", "0", "0" },
        }), "the refused member is not read again, let alone imported");
        Assert.That(Verdict(imported), Is.EqualTo("3 imported, 1 set aside (types the ledger does not use). No file was refused."));
        Assert.That(_web.Scalar("SELECT count(*) FROM UsageEvents"), Is.EqualTo(SampleDownload.ApiRows + SampleDownload.LoginRows + SampleDownload.UriRows));
        Assert.That(_web.Scalar("SELECT count(*) FROM UsageEvents WHERE EventType = 'UITracking'"), Is.Zero);
        Assert.That(_web.Scalar("SELECT count(*) FROM ImportBatches"), Is.EqualTo(4), "one batch per file, the set-aside one too");
        Assert.That(_web.Text($"SELECT SetAsideTypes FROM ImportBatches WHERE FileName = '{SampleDownload.Day}/UITracking.csv from download.zip'"), Is.EqualTo("UITracking 10"));
        Assert.That(_web.Scalar("SELECT count(*) FROM ImportBatches WHERE FileName LIKE '%notes.csv%'"), Is.Zero);
        Assert.That(Directory.Exists(Uploads) ? Directory.GetFileSystemEntries(Uploads) : [], Is.Empty, "uploads are removed once used");
        Assert.That(WebLedger.Html(imported).QuerySelector("form[action*='handler=Run']"), Is.Not.Null, "the rules may run on the new events");
    }

    [Test]
    public async Task TheSameFileUploadedTwice_IsReadOnce()
    {
        var client = await _web.SignedInAsync(WebLedger.Officer);

        var page = await CheckAsync(client, ("logins.csv", Elf(3)), ("logins.csv", Elf(3)));

        Assert.That(Lines(page), Is.EqualTo(new[]
        {
            new[] { "logins.csv", "sf-elf", "3", "3", "0", "0", "0", "" },
            new[] { "logins.csv", "sf-elf", "3", "0", "0", "0", "0", "the same text as logins.csv, read once" },
        }));
        Assert.That(Total(page)[Added], Is.EqualTo("3"));
        Assert.That(Verdict(page), Is.EqualTo("1 would be imported, 1 read once for being the same as another. No file was refused."));
        Assert.That(Sections(page), Is.Empty, "nothing refused, nothing to detail");
        Assert.That(CommitButton(page), Is.EqualTo("Import logins.csv (3 rows)"));

        var imported = await PostFormAsync(client, page, "Commit");

        Assert.That(Lines(imported)[1][Note], Is.EqualTo("the same text as logins.csv, read once"));
        Assert.That(_web.Scalar("SELECT count(*) FROM UsageEvents"), Is.EqualTo(3));
        Assert.That(_web.Scalar("SELECT count(*) FROM ImportBatches"), Is.EqualTo(1), "one batch for the one text");
        Assert.That(Directory.Exists(Uploads) ? Directory.GetFileSystemEntries(Uploads) : [], Is.Empty, "both uploads are removed once used");
    }

    [Test]
    public async Task AFileUploadedLooseAndInsideTheDownload_IsReadOnce()
    {
        var client = await _web.SignedInAsync(WebLedger.Officer);

        var page = await CheckAsync(client, ("Login.csv", SampleDownload.Sample("elf-login.csv")), ("download.zip", SampleDownload.Zip()));

        Assert.That(Line(page, "Login.csv")[..Note], Is.EqualTo(new[] { "Login.csv", "sf-elf", "12", "12", "0", "0", "0" }));
        Assert.That(Line(page, Member + "Login.csv"), Is.EqualTo(new[] { Member + "Login.csv", "sf-elf", "12", "0", "0", "0", "0", "the same text as Login.csv, read once" }));
        Assert.That(Total(page), Is.EqualTo(new[] { "total (6 files)", "", "54", "32", "0", "10", "0", "" }));

        await PostFormAsync(client, page, "Commit");

        Assert.That(_web.Scalar("SELECT count(*) FROM UsageEvents"), Is.EqualTo(SampleDownload.ApiRows + SampleDownload.LoginRows + SampleDownload.UriRows));
        Assert.That(_web.Scalar("SELECT count(*) FROM ImportBatches"), Is.EqualTo(4));
        Assert.That(_web.Scalar("SELECT count(*) FROM ImportBatches WHERE FileName = 'Login.csv'"), Is.EqualTo(1), "the loose file, read first, stands for both");
    }

    [Test]
    public async Task AMemberTheCheckRefused_IsLeftOutOfTheCommit_EvenWhenTheLedgerWouldTakeItBy_Then()
    {
        var client = await _web.SignedInAsync(WebLedger.Officer);
        var integrations = "name,vendor,owner,purpose,environment,network\nZoe Sync,Acme,zoe@example.com,Syncs contacts,production,untrusted\n";
        var zip = SampleDownload.Zip(($"{SampleDownload.Day}/Login.csv", SampleDownload.Sample("elf-login.csv")), ("integrations.csv", Encoding.UTF8.GetBytes(integrations)));

        var page = await CheckAsync(client, ("download.zip", zip));

        Assert.That(Line(page, "download.zip, member integrations.csv")[Note], Is.EqualTo("1 bad row(s)"));
        Assert.That(WebLedger.TableRows(page, "Rejected rows of integrations.csv from download.zip"), Is.EqualTo(new[]
        {
            new[] { "2", "owner", "no person with email 'zoe@example.com' is in the ledger (add them to people first)" },
        }));
        var leftOut = WebLedger.Html(page).QuerySelectorAll("form[action*='handler=Commit'] input[name='CommitFiles.LeftOut']").Select(i => i.GetAttribute("value")).ToList();
        Assert.That(leftOut, Has.Count.EqualTo(1).And.All.EndsWith("/integrations.csv"), "the form names the refused member");
        Assert.That(CommitButton(page), Is.EqualTo($"Import {Member}Login.csv (12 rows)"));

        // Between the check and the commit, the owner is added: the member would now pass, but it was not checked so.
        await using (var ledger = await Ledger.OpenAsync(new LedgerOptions(_web.DatabasePath, "setup", _web.Clock)))
            await new AddPersonHandler(ledger).HandleAsync(new AddPerson("zoe@example.com", "Zoe Quinn", "Sales"));
        var imported = await PostFormAsync(client, page, "Commit");

        Assert.That(Lines(imported).Select(l => l[Name]), Is.EqualTo(new[] { Member + "Login.csv" }));
        Assert.That(_web.Scalar("SELECT count(*) FROM Integrations WHERE Name = 'Zoe Sync'"), Is.Zero);
        Assert.That(_web.Scalar("SELECT count(*) FROM UsageEvents"), Is.EqualTo(SampleDownload.LoginRows));
        Assert.That(Directory.Exists(Uploads) ? Directory.GetFileSystemEntries(Uploads) : [], Is.Empty);
    }

    [Test]
    public async Task AMemberThatNeedsATimeZone_IsAskedForByItsName_AndTheRecheckTakesTheWholeDownload()
    {
        var client = await _web.SignedInAsync(WebLedger.Officer);
        var zip = SampleDownload.Zip(($"{SampleDownload.Day}/Login.csv", SampleDownload.Sample("elf-login.csv")), ("LoginHistory.csv", SampleDownload.Sample("login-history-setup-download.csv")));

        var page = await CheckAsync(client, ("download.zip", zip));

        Assert.That(Line(page, "download.zip, member LoginHistory.csv")[Note], Does.StartWith("line 2, Login Time: '11/28/2026 6:00:00 AM' carries no time zone"));
        Assert.That(Section(page, "download.zip, member LoginHistory.csv"), Does.Contain("choose the zone the file was exported in under \"Time zone\" and check the file again"));
        var label = WebLedger.Html(page).QuerySelector("label[for='RecheckFiles_TimeZone']")!.TextContent;
        Assert.That(label, Is.EqualTo("Time zone to read download.zip, member LoginHistory.csv in (the files stay uploaded)"));
        Assert.That(CommitButton(page), Is.EqualTo($"Import {Member}Login.csv (12 rows)"), "what passed may be imported without it");

        var rechecked = await PostFormAsync(client, page, "Recheck", ("RecheckFiles.TimeZone", "America/New_York"));

        Assert.That(Line(rechecked, "download.zip, member LoginHistory.csv")[..Note], Is.EqualTo(new[] { "download.zip, member LoginHistory.csv", "sf-login-history", "13", "13", "0", "0", "0" }));
        Assert.That(WebLedger.Html(rechecked).QuerySelectorAll("form[action*='handler=Commit'] input[name='CommitFiles.LeftOut']"), Is.Empty);
        var imported = await PostFormAsync(client, rechecked, "Commit");

        Assert.That(Verdict(imported), Is.EqualTo("2 imported. No file was refused."));
        Assert.That(_web.Text("SELECT TimeZone FROM ImportBatches WHERE FileName = 'LoginHistory.csv from download.zip'"), Is.EqualTo("America/New_York"));
        Assert.That(_web.Scalar("SELECT count(*) FROM UsageEvents"), Is.EqualTo(SampleDownload.LoginRows + 13));
    }

    [Test]
    public async Task AMemberWithMoreBadRowsThanThePageShows_OffersThemAllToDownload()
    {
        var client = await _web.SignedInAsync(WebLedger.Officer);
        var bad = ElfHeader + "\n" + string.Concat(Enumerable.Range(1, 1005).Select(i => $"Login,not-a-time,b{i},005xx000001Sv7A,sync@example.com,192.0.2.10,LOGIN_NO_ERROR\n"));
        var zip = SampleDownload.Zip(("good.csv", Elf(2)), ("bad.csv", Encoding.UTF8.GetBytes(bad)));

        var page = await CheckAsync(client, ("download.zip", zip));

        Assert.That(Line(page, "download.zip, member bad.csv")[Rejected], Is.EqualTo("1,005"));
        Assert.That(Directory.GetFiles(_web.DatabasePath + ".downloads", "*", SearchOption.AllDirectories), Has.Length.EqualTo(1), "the bad member's rows only");
        var errors = await client.GetStringAsync(WebLedger.Link(page, "Download all 1005 problems"));
        Assert.That(errors.Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(1 + 1005));
    }

    [Test]
    public async Task AZipOf600SmallFiles_IsOneUpload_CheckedAndImportedAsOneRun()
    {
        var client = await _web.SignedInAsync(WebLedger.Officer);
        var members = Enumerable.Range(0, 600).Select(i => ($"2026-11-{1 + i / 20:D2}/Login-{i % 20:D2}.csv", Elf(1, $"m{i}-"))).ToArray();

        var page = await CheckAsync(client, ("download.zip", SampleDownload.Zip(members)), ("logins.csv", Elf(2)));

        Assert.That(Lines(page), Has.Count.EqualTo(601));
        Assert.That(Line(page, "download.zip, member 2026-11-30/Login-19.csv")[..Note], Is.EqualTo(new[] { "download.zip, member 2026-11-30/Login-19.csv", "sf-elf", "1", "1", "0", "0", "0" }));
        Assert.That(Total(page), Is.EqualTo(new[] { "total (601 files)", "", "602", "602", "0", "0", "0", "" }));
        Assert.That(CommitButton(page), Is.EqualTo("Import 601 files (602 rows)"));

        var imported = await PostFormAsync(client, page, "Commit");

        Assert.That(Total(imported)[Added], Is.EqualTo("602"));
        Assert.That(_web.Scalar("SELECT count(*) FROM UsageEvents"), Is.EqualTo(602));
        Assert.That(_web.Scalar("SELECT count(*) FROM ImportBatches"), Is.EqualTo(601));
    }

    [Test]
    public async Task AFormatThatIsNone_RefusesTheRunByItsField_AndKeepsNoUpload()
    {
        var client = await _web.SignedInAsync(WebLedger.Officer);
        var page = await client.GetStringAsync("/import");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(WebLedger.AntiforgeryToken(page)), "__RequestVerificationToken" },
            { new StringContent("no-such-format"), "CheckFiles.Format" },
            { new ByteArrayContent(SampleDownload.Zip()), "CheckFiles.Files", "download.zip" },
        };

        var refused = await (await client.PostAsync("/import?handler=Check", form)).Content.ReadAsStringAsync();

        Assert.That(WebLedger.Html(refused).QuerySelector("p.message.error")?.TextContent, Does.StartWith("Format: 'no-such-format' is not an import format"));
        Assert.That(Directory.Exists(Uploads) ? Directory.GetFileSystemEntries(Uploads) : [], Is.Empty, "nothing kept");
    }
}
