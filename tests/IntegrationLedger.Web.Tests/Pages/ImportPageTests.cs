using System.Net;
using System.Text;
using IntegrationLedger.Application;
using IntegrationLedger.Application.Features.Integrations;
using IntegrationLedger.Domain.Integrations;
using IntegrationLedger.Web.Tests.Support;

namespace IntegrationLedger.Web.Tests.Pages;

/// <summary>
/// Issue #20, point 4: the import page takes several files at once and reports each in the command line's
/// words, shows which integrations the events were attributed to, offers to run the rules after an import,
/// and asks for a missing time zone on its own form. Through the real application over a real ledger.
/// </summary>
public class ImportPageTests
{
    private const string ElfHeader = "EVENT_TYPE,TIMESTAMP,REQUEST_ID,USER_ID,USER_NAME,SOURCE_IP,LOGIN_STATUS";
    private const string SetupHeader = "\"Login Time\",\"Username\",\"Login Type\",\"Source IP\",\"Status\",\"Application\"";

    private WebLedger _web = null!;

    [SetUp]
    public async Task Start()
    {
        _web = await WebLedger.StartAsync();
        await using var ledger = await Ledger.OpenAsync(new LedgerOptions(_web.DatabasePath, "setup", _web.Clock));
        await new AddIntegrationHandler(ledger).HandleAsync(new AddIntegration("Sync Job", "Acme", "ana@example.com", "Syncs accounts", null, NetworkTrust.Untrusted, [],
            [new AttributionRuleSpec(AttributionRuleKind.Account, "sync@example.com")]));
    }

    [TearDown]
    public async Task Stop() => await _web.DisposeAsync();

    private static string Elf(params string[] requestIds) =>
        ElfHeader + "\n" + string.Concat(requestIds.Select((id, i) => $"Login,2026110100{i:D2}00.000,{id},005xx000001Sv7A,sync@example.com,192.0.2.10,LOGIN_NO_ERROR\n"));

    private static async Task<string> CheckAsync(HttpClient client, (string Name, string Content)[] files, string timeZone = "")
    {
        var page = await client.GetStringAsync("/import");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(WebLedger.AntiforgeryToken(page)), "__RequestVerificationToken" },
            { new StringContent("auto"), "CheckFiles.Format" },
            { new StringContent(timeZone), "CheckFiles.TimeZone" },
        };
        foreach (var (name, content) in files)
            form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(content)), "CheckFiles.Files", name);
        var response = await client.PostAsync("/import?handler=Check", form);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Posts the commit form of a checked page as a browser would: every hidden field it carries.</summary>
    private static Task<string> CommitAsync(HttpClient client, string checkedPage) => PostFormAsync(client, checkedPage, "Commit");

    /// <summary>Posts the form of <paramref name="handler"/> on a page as a browser would, with its fields and any <paramref name="chosen"/>.</summary>
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

    private static string Section(string page, string fileName) =>
        WebLedger.Html(page).QuerySelectorAll("section").Single(s => s.GetAttribute("aria-label") == fileName).TextContent;

    [Test]
    public async Task SeveralFiles_AreEachCheckedAndReportedInTheCommandLinesWords_ARefusedOneDoesNotStopTheOthers()
    {
        var client = await _web.SignedInAsync(WebLedger.Officer);

        var page = await CheckAsync(client, [("day-1.csv", Elf("r1", "r2")), ("notes.csv", "what,is,this\n1,2,3\n"), ("day-2.csv", Elf("r3", "r4", "r5"))]);

        // Several files are one run, as on the command line: a line each in one table, and a section for the refused one only.
        Assert.That(ImportRunTable.Line(page, "day-1.csv"), Is.EqualTo(new[] { "day-1.csv", "sf-elf", "2", "2", "0", "0", "0", "" }));
        Assert.That(ImportRunTable.Line(page, "notes.csv")[ImportRunTable.Note], Does.StartWith("line 1: the header matches none of the formats"));
        Assert.That(Section(page, "notes.csv"), Does.Contain("notes.csv, line 1: the header matches none of the formats"));
        Assert.That(ImportRunTable.Line(page, "day-2.csv"), Is.EqualTo(new[] { "day-2.csv", "sf-elf", "3", "3", "0", "0", "0", "" }));
        Assert.That(ImportRunTable.Verdict(page), Is.EqualTo("2 would be imported. Refused, nothing of them imported: notes.csv; the others would be imported all the same."));
        Assert.That(WebLedger.TableRows(page, "Attributed to integrations, 2 files"), Is.EqualTo(new[] { new[] { "Sync Job", "5" } }));
        Assert.That(page, Does.Contain("The files with problems are left out"));
        Assert.That(_web.Scalar("SELECT count(*) FROM UsageEvents"), Is.Zero, "a check imports nothing");

        var imported = await CommitAsync(client, page);

        Assert.That(ImportRunTable.Caption(imported), Is.EqualTo("Imported, each file whole or not at all: 2 files"));
        Assert.That(ImportRunTable.Line(imported, "day-1.csv"), Is.EqualTo(new[] { "day-1.csv", "sf-elf", "2", "2", "0", "0", "0", "" }));
        Assert.That(ImportRunTable.Line(imported, "day-2.csv"), Is.EqualTo(new[] { "day-2.csv", "sf-elf", "3", "3", "0", "0", "0", "" }));
        Assert.That(_web.Scalar("SELECT count(*) FROM UsageEvents"), Is.EqualTo(5));
        Assert.That(_web.Scalar("SELECT count(*) FROM ImportBatches"), Is.EqualTo(2), "one batch per file, each all or nothing");
        Assert.That(Directory.GetDirectories(_web.DatabasePath + ".uploads"), Is.Empty, "uploads are removed once used");
    }

    [Test]
    public async Task TheSameFileTwice_SaysAddedZeroDuplicatesAll_NotRowsTaken()
    {
        var client = await _web.SignedInAsync(WebLedger.Officer);
        await CommitAsync(client, await CheckAsync(client, [("logins.csv", Elf("r1", "r2", "r3"))]));

        var again = await CommitAsync(client, await CheckAsync(client, [("logins.csv", Elf("r1", "r2", "r3"))]));

        Assert.That(Section(again, "logins.csv"), Does.Contain("read 3, added 0, duplicates 3, rejected 0, attributed 0, unattributed 0"));
        Assert.That(again, Does.Not.Contain("rows taken"));
        Assert.That(_web.Scalar("SELECT count(*) FROM UsageEvents"), Is.EqualTo(3));
    }

    [Test]
    public async Task TheAttributionSummary_NamesTheIntegrationsAndTheUnattributedActivity()
    {
        var client = await _web.SignedInAsync(WebLedger.Officer);
        var file = Elf("r1", "r2") + "Login,20261101050000.000,r9,005xx000002Sv7A,someone@example.com,198.51.100.7,LOGIN_NO_ERROR\n";

        var imported = await CommitAsync(client, await CheckAsync(client, [("mixed.csv", file)]));

        var attributed = WebLedger.TableRows(imported, "Attributed to integrations, mixed.csv");
        Assert.That(attributed, Is.EqualTo(new[] { new[] { "Sync Job", "2" } }));
        Assert.That(WebLedger.Link(imported, "Sync Job"), Is.EqualTo("/integrations/Sync%20Job"));
        var unattributed = WebLedger.TableRows(imported, "Unattributed activity, mixed.csv");
        Assert.That(unattributed, Is.EqualTo(new[] { new[] { "someone@example.com", "", "198.51.100.7", "1" } }));
    }

    [Test]
    public async Task AfterAnImport_RunningTheRules_IsOneButton_AuditedLikeTheCommandLine()
    {
        var client = await _web.SignedInAsync(WebLedger.Officer);
        var checkedPage = await CheckAsync(client, [("logins.csv", Elf("r1"))]);
        Assert.That(WebLedger.Html(checkedPage).QuerySelector("form[action*='handler=Run']"), Is.Null, "nothing to run the rules on before the import");

        var imported = await CommitAsync(client, checkedPage);
        var form = WebLedger.Html(imported).QuerySelector("form[action*='handler=Run']");
        Assert.That(form?.GetAttribute("action"), Is.EqualTo("/findings?handler=Run"));
        var run = await client.PostAsync("/findings?handler=Run", new FormUrlEncodedContent([new("__RequestVerificationToken", WebLedger.AntiforgeryToken(imported))]));

        Assert.That(run.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(await client.GetStringAsync(run.Headers.Location!.ToString()), Does.Contain("The rules ran:"));
        Assert.That(_web.Scalar($"SELECT count(*) FROM AuditEntries WHERE Action = 'findings.run' AND Actor = '{WebLedger.Officer}'"), Is.GreaterThanOrEqualTo(1));
    }

    [Test]
    public async Task AMissingTimeZone_AsksForTheFormsField_NeverACommandLineOption()
    {
        var client = await _web.SignedInAsync(WebLedger.Officer);
        var setup = SetupHeader + "\n\"11/28/2026 6:00:00 AM\",\"sync@example.com\",\"Partner Product\",\"192.0.2.10\",\"Success\",\"AcmeSync/4.2.1\"\n";

        var refused = await CheckAsync(client, [("LoginHistory.csv", setup)]);

        Assert.That(Section(refused, "LoginHistory.csv"), Does.Contain("carries no time zone; choose the zone the file was exported in under \"Time zone\" and check the file again"));
        Assert.That(Section(refused, "LoginHistory.csv"), Does.Not.Contain("--"), "no command-line option");
        var zones = WebLedger.Html(refused).QuerySelectorAll("select[name='CheckFiles.TimeZone'] option").Select(o => o.GetAttribute("value")).ToList();
        Assert.That(zones, Does.Contain("America/New_York").And.Contain("Europe/Paris").And.Contain(""));

        var accepted = await PostFormAsync(client, refused, "Recheck", ("RecheckFiles.TimeZone", "America/New_York"));

        Assert.That(Section(accepted, "LoginHistory.csv"), Does.Contain("read 1, would add 1"), "checked again without being sent again");
        Assert.That(WebLedger.Html(accepted).QuerySelector("select[name='CheckFiles.TimeZone'] option[selected]")?.GetAttribute("value"), Is.EqualTo("America/New_York"), "the choice is kept");
        Assert.That(WebLedger.Field(accepted, "CommitFiles.TimeZone"), Is.EqualTo("America/New_York"), "and the import reads the file as it was checked");
        var imported = await CommitAsync(client, accepted);
        Assert.That(Section(imported, "LoginHistory.csv"), Does.Contain("read 1, added 1"));
        Assert.That(_web.Text("SELECT TimeZone FROM ImportBatches"), Is.EqualTo("America/New_York"));
    }

    [Test]
    public async Task AZoneThatIsNone_IsRefusedByItsFieldsName()
    {
        var client = await _web.SignedInAsync(WebLedger.Officer);

        var page = await CheckAsync(client, [("logins.csv", Elf("r1"))], timeZone: "Mars/Olympus");

        Assert.That(page, Does.Contain("Time zone: &#x27;Mars/Olympus&#x27; is not a time zone").Or.Contain("Time zone: 'Mars/Olympus' is not a time zone"));
        Assert.That(Directory.Exists(_web.DatabasePath + ".uploads") ? Directory.GetFileSystemEntries(_web.DatabasePath + ".uploads") : [], Is.Empty, "nothing kept");
    }

    [Test]
    public async Task ATemplateWithASecretsColumn_SaysWhereToRegisterSecretsOnTheWeb()
    {
        var client = await _web.SignedInAsync(WebLedger.Officer);

        var page = await CheckAsync(client, [("tokens.csv", "label,kind,owner,secret\nt1,api-key,ana@example.com,abc\n")]);

        Assert.That(Section(page, "tokens.csv"), Does.Contain("register each secret on the Tokens page").And.Not.Contain("ledger token add"));
        var template = await client.GetStringAsync("/import?handler=Template&name=tokens");
        Assert.That(template, Does.StartWith("label,kind,owner,"));
    }
}
