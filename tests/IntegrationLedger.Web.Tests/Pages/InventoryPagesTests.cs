using System.Net;
using System.Text;
using IntegrationLedger.Application;
using IntegrationLedger.Application.Features.People;
using IntegrationLedger.Application.Features.Reviews;
using IntegrationLedger.Application.Features.Tokens;
using IntegrationLedger.Application.Features.Users;
using IntegrationLedger.Domain.Reviews;
using IntegrationLedger.Domain.Tokens;
using IntegrationLedger.Domain.Users;
using IntegrationLedger.Web.Tests.Support;

namespace IntegrationLedger.Web.Tests.Pages;

/// <summary>An officer's work on the web: people, integrations, imports and access reviews, each ending up in the ledger.</summary>
public class InventoryPagesTests
{
    private WebLedger _web = null!;

    [SetUp]
    public async Task Start() => _web = await WebLedger.StartAsync();

    [TearDown]
    public async Task Stop() => await _web.DisposeAsync();

    [Test]
    public async Task Officer_AddsAPersonAndAnIntegration_AndVetsIt()
    {
        var client = await _web.SignedInAsync(WebLedger.Officer);

        await WebLedger.PostFormAsync(client, "/people", "/people", new() { ["Add.Email"] = "gus@example.com", ["Add.Name"] = "Gus Pereira", ["Add.Department"] = "IT" });
        await WebLedger.PostFormAsync(client, "/integrations", "/integrations", new()
        {
            ["Add.Name"] = "Billing Sync", ["Add.Vendor"] = "Acme", ["Add.Owner"] = "gus@example.com", ["Add.Purpose"] = "Invoices",
            ["Add.Network"] = "Untrusted", ["Add.AllowedCidrs"] = "198.51.100.0/24", ["Add.Accounts"] = "billing.sync@example.com",
            ["Add.Applications"] = "Acme Billing, v2", ["Add.Clients"] = "AcmeBilling/3.1", ["Add.SourceIps"] = "198.51.100.0/24", ["Add.ConnectedAppIds"] = "",
        });
        await WebLedger.PostFormAsync(client, "/integrations/Billing%20Sync", "/integrations/Billing%20Sync?handler=Vet", new()
        {
            ["Vet.ReviewedOn"] = "2026-10-30", ["Vet.Reviewer"] = "Gus Pereira", ["Vet.Outcome"] = "Approved", ["Vet.Evidence"] = "SOC 2 report",
        });

        var page = await client.GetStringAsync("/integrations/Billing%20Sync");
        Assert.That(page, Does.Contain("198.51.100.0/24").And.Contain("billing.sync@example.com").And.Contain("SOC 2 report"));
        Assert.That(page, Does.Contain("Acme Billing, v2").And.Contain("AcmeBilling/3.1"));
        Assert.That(await client.GetStringAsync("/people/gus@example.com"), Does.Contain("Billing Sync"));
        Assert.That(_web.Scalar($"SELECT count(*) FROM AuditEntries WHERE Actor = '{WebLedger.Officer}' AND Action IN ('person.add', 'integration.add', 'integration.vet')"), Is.GreaterThanOrEqualTo(3));
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string fileName, string content)
    {
        var page = await client.GetStringAsync("/import");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(WebLedger.AntiforgeryToken(page)), "__RequestVerificationToken" },
            { new StringContent("auto"), "CheckFiles.Format" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(content)), "CheckFiles.Files", fileName },
        };
        return await client.PostAsync("/import?handler=Check", form);
    }

    private const string Header = "EVENT_TYPE,TIMESTAMP,REQUEST_ID,USER_ID,USER_NAME,SOURCE_IP,LOGIN_STATUS";

    [Test]
    public async Task Import_ABadFileShowsEveryBadRow_AndImportsNothing_ThenAGoodOneIsCheckedAndCommitted()
    {
        var client = await _web.SignedInAsync(WebLedger.Officer);

        var bad = await UploadAsync(client, "bad-logins.csv", Header + "\n" +
            "Login,20261101000000.000,r1,005xx000001Sv7A,sync@example.com,192.0.2.10,LOGIN_NO_ERROR\n" +
            "Login,yesterday,r2,005xx000001Sv7A,sync@example.com,192.0.2.10,LOGIN_NO_ERROR\n" +
            "Login,20261101000200.000,r3,005xx0001,sync@example.com,192.0.2.10,LOGIN_NO_ERROR\n");
        var badPage = await bad.Content.ReadAsStringAsync();

        Assert.That(badPage, Does.Contain("Dry run, nothing written: bad-logins.csv as sf-elf (recognised from the header).").And.Contain("Nothing from this file was imported"));
        var rejected = WebLedger.TableRows(badPage, "Rejected rows").Select(cells => (cells[0], cells[1]));
        Assert.That(rejected, Is.EqualTo(new[] { ("3", "TIMESTAMP"), ("4", "USER_ID") }));
        Assert.That(WebLedger.Html(badPage).QuerySelector("form[action*='handler=Commit']"), Is.Null, "nothing to commit");
        Assert.That(_web.Scalar("SELECT count(*) FROM UsageEvents"), Is.Zero);

        var good = await UploadAsync(client, "logins.csv", Header + "\n" +
            "Login,20261101000000.000,r1,005xx000001Sv7A,sync@example.com,192.0.2.10,LOGIN_NO_ERROR\n" +
            "Login,20261101000100.000,r2,005xx000001Sv7A,sync@example.com,192.0.2.10,LOGIN_NO_ERROR\n");
        var goodPage = await good.Content.ReadAsStringAsync();
        Assert.That(goodPage, Does.Contain("Import logins.csv (2 rows)"));
        Assert.That(_web.Scalar("SELECT count(*) FROM UsageEvents"), Is.Zero, "a check imports nothing");

        var uploadId = WebLedger.Field(goodPage, "CommitFiles.UploadIds");
        var commit = await WebLedger.PostFormAsync(client, "/import", "/import?handler=Commit", new() { ["CommitFiles.UploadIds"] = uploadId, ["CommitFiles.Format"] = "auto", ["CommitFiles.TimeZone"] = "" });

        Assert.That(commit.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the summaries are the answer to the post");
        Assert.That(await commit.Content.ReadAsStringAsync(), Does.Contain("Imported: logins.csv as sf-elf (recognised from the header).").And.Contain("read 2, added 2, duplicates 0, rejected 0"));
        Assert.That(_web.Scalar("SELECT count(*) FROM UsageEvents"), Is.EqualTo(2));
        Assert.That(_web.Text("SELECT FileName FROM ImportBatches"), Is.EqualTo("logins.csv"));
        Assert.That(_web.Text("SELECT Actor FROM ImportBatches"), Is.EqualTo(WebLedger.Officer));
        Assert.That(Directory.GetDirectories(_web.DatabasePath + ".uploads"), Is.Empty, "uploads are removed once used");
    }

    [Test]
    public async Task Import_AnotherOfficer_WithTheUploadId_CannotCommitTheFile_AndItsOwnerStillCan()
    {
        await using (var ledger = await Ledger.OpenAsync(new LedgerOptions(_web.DatabasePath, "setup", _web.Clock)))
            await new AddUserHandler(ledger).HandleAsync(new AddUser("second.officer@example.com", UserRole.Officer, WebLedger.Password));
        var owner = await _web.SignedInAsync(WebLedger.Officer);
        var other = await _web.SignedInAsync("second.officer@example.com");
        var checkedPage = await (await UploadAsync(owner, "logins.csv", Header + "\n" +
            "Login,20261101000000.000,r1,005xx000001Sv7A,sync@example.com,192.0.2.10,LOGIN_NO_ERROR\n")).Content.ReadAsStringAsync();
        var commitFields = new Dictionary<string, string> { ["CommitFiles.UploadIds"] = WebLedger.Field(checkedPage, "CommitFiles.UploadIds"), ["CommitFiles.Format"] = "auto", ["CommitFiles.TimeZone"] = "" };

        var refused = await WebLedger.PostFormAsync(other, "/import", "/import?handler=Commit", commitFields);

        Assert.That(await refused.Content.ReadAsStringAsync(), Does.Contain("That upload is no longer here"));
        Assert.That(_web.Scalar("SELECT count(*) FROM UsageEvents"), Is.Zero, "nothing imported by the other officer");
        var committed = await WebLedger.PostFormAsync(owner, "/import", "/import?handler=Commit", commitFields);
        Assert.That(await committed.Content.ReadAsStringAsync(), Does.Contain("Imported: logins.csv"), "the owner's upload is still there");
        Assert.That(_web.Text("SELECT Actor FROM ImportBatches"), Is.EqualTo(WebLedger.Officer));
    }

    [Test]
    public async Task Import_AFileOfTheWrongKind_SaysWhyByItsOwnName()
    {
        var client = await _web.SignedInAsync(WebLedger.Officer);

        var page = await (await UploadAsync(client, "notes.csv", "what,is,this\n1,2,3\n")).Content.ReadAsStringAsync();

        Assert.That(page, Does.Contain("notes.csv, line 1: the header matches none of the formats"));
        Assert.That(page, Does.Not.Contain(".uploads"), "the server's own paths stay on the server");
    }

    [Test]
    public async Task Import_AMillionColumnHeader_IsRefusedByTheSameLimitsAsTheCommandLine()
    {
        var client = await _web.SignedInAsync(WebLedger.Officer);
        var header = new StringBuilder(Header);
        for (var i = 0; i < 1_000_000; i++)
            header.Append(",Col").Append(i);

        var page = await (await UploadAsync(client, "wide.csv", header + "\n")).Content.ReadAsStringAsync();

        Assert.That(page, Does.Contain("wide.csv, line 1: the header is more than 1,048,576 bytes long; a header may be at most 65,536 bytes"));
        Assert.That(_web.Scalar("SELECT count(*) FROM ImportBatches"), Is.Zero);
    }

    [Test]
    public async Task Review_AnOwnerAttestsTheirOwnItem_ButNotSomeoneElses()
    {
        await using (var ledger = await Ledger.OpenAsync(new LedgerOptions(_web.DatabasePath, "setup", _web.Clock)))
        {
            await new AddPersonHandler(ledger).HandleAsync(new AddPerson(WebLedger.Officer, "Olga Officer", "Security"));
            await new AddTokenHandler(ledger).HandleAsync(new AddToken("olga-key", TokenKind.ApiKey, WebLedger.Officer));
            await new StartReviewHandler(ledger).HandleAsync(new StartReview(Quarter.Parse("2026-Q4")));
        }
        var client = await _web.SignedInAsync(WebLedger.Officer);
        var page = await client.GetStringAsync("/reviews");
        var mine = WebLedger.Field(page, "Attest.Item");
        Assert.That(mine, Is.Not.Empty, page);

        await WebLedger.PostFormAsync(client, "/reviews", "/reviews", new() { ["Attest.Item"] = mine, ["Attest.Decision"] = "Keep", ["Attest.Note"] = "still needed for the export" });
        var after = await client.GetStringAsync("/reviews");

        Assert.That(after, Does.Contain("Recorded &#x27;keep&#x27; for olga-key").Or.Contain("Recorded 'keep' for olga-key"));
        await using var reader = await Ledger.OpenAsync(new LedgerOptions(_web.DatabasePath, "check", _web.Clock));
        var status = await new GetReviewStatusHandler(reader).HandleAsync(Quarter.Parse("2026-Q4"));
        var othersItem = status.ItemList.First(i => i.Owner == "ana@example.com").Id;
        await WebLedger.PostFormAsync(client, "/reviews", "/reviews", new() { ["Attest.Item"] = othersItem, ["Attest.Decision"] = "Revoke", ["Attest.Note"] = "not mine" });
        Assert.That(await client.GetStringAsync("/reviews"), Does.Contain("only its owner attests it"));
        Assert.That(_web.Text($"SELECT Status FROM Tokens WHERE Label = '{WebLedger.Token}'"), Is.EqualTo("Active"));
    }

    [TestCase("..")]
    [TestCase("../../ledger.db")]
    [TestCase("C:\\temp\\logins.csv")]
    public async Task Import_AnUploadedNameThatIsNoPlainFileName_IsStoredUnderASafeOne(string sentName)
    {
        var client = await _web.SignedInAsync(WebLedger.Officer);

        var page = await (await UploadAsync(client, sentName, Header + "\nLogin,20261101000000.000,r1,005xx000001Sv7A,sync@example.com,192.0.2.10,LOGIN_NO_ERROR\n")).Content.ReadAsStringAsync();

        Assert.That(page, Does.Contain("(1 rows)</button>"));
        Assert.That(File.Exists(_web.DatabasePath), Is.True);
        var stored = Directory.GetFiles(_web.DatabasePath + ".uploads", "*", SearchOption.AllDirectories).Single();
        Assert.That(Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(stored))), Is.EqualTo(_web.DatabasePath + ".uploads"), "inside its own folder, in its account's");
    }

    [Test]
    public async Task Import_MoreBadRowsThanThePageShows_AreAllInADownload()
    {
        var client = await _web.SignedInAsync(WebLedger.Officer);
        var rows = Enumerable.Range(1, 1005).Select(i => $"Login,not-a-time,r{i},005xx000001Sv7A,sync@example.com,192.0.2.10,LOGIN_NO_ERROR");

        var page = await (await UploadAsync(client, "many-bad.csv", Header + "\n" + string.Join("\n", rows) + "\n")).Content.ReadAsStringAsync();
        var link = WebLedger.Link(page, "Download all 1005 problems");

        Assert.That(page, Does.Contain("(the first 1000 of 1005)"));
        Assert.That(link, Does.StartWith("/import?").And.Contain("handler=Errors"));
        var csv = await client.GetStringAsync(link);
        Assert.That(csv.Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(1 + 1005), "a header and every rejected row");
        Assert.That((await client.GetAsync(link)).StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "the link works once");
    }
}
