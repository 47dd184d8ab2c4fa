using System.Net;
using IntegrationLedger.Web.Tests.Support;

namespace IntegrationLedger.Web.Tests.Pages;

/// <summary>
/// Roles enforced on the server: an officer changes the inventory, with the audit log naming them; an
/// auditor reads and downloads, and a change crafted by hand is refused with 403 and recorded.
/// </summary>
public class RoleTests
{
    private WebLedger _web = null!;

    [SetUp]
    public async Task Start() => _web = await WebLedger.StartAsync();

    [TearDown]
    public async Task Stop() => await _web.DisposeAsync();

    private static string TokenPage => $"/tokens/{WebLedger.Token}";

    [Test]
    public async Task Officer_RecordsThatAnIntegrationUsesAToken_AndIsTheAuditActor()
    {
        var client = await _web.SignedInAsync(WebLedger.Officer);

        var response = await WebLedger.PostFormAsync(client, TokenPage, TokenPage + "?handler=Use",
            new() { ["Use.Integration"] = WebLedger.Integration, ["Use.Purpose"] = "Nightly export" });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        var page = await client.GetStringAsync(TokenPage);
        Assert.That(page, Does.Contain("Recorded that Nightly ETL uses etl-token.").And.Contain("Nightly export"));
        Assert.That(_web.Text("SELECT Actor FROM AuditEntries WHERE Action = 'token.use' LIMIT 1"), Is.EqualTo(WebLedger.Officer));
    }

    [Test]
    public async Task Officer_ResetsATokenWithANewSecret_ThenConfirmsTheIntegration()
    {
        const string newSecret = "second-secret-value-0002";
        var client = await _web.SignedInAsync(WebLedger.Officer);
        await WebLedger.PostFormAsync(client, TokenPage, TokenPage + "?handler=Use", new() { ["Use.Integration"] = WebLedger.Integration, ["Use.Purpose"] = "Nightly export" });

        var reset = await WebLedger.PostFormAsync(client, TokenPage + "?handler=Reset", TokenPage + "?handler=Reset", new() { ["Reset.NewSecret"] = newSecret, ["Reset.Confirmed"] = "true" });
        var afterReset = await client.GetStringAsync(TokenPage);
        var confirm = await WebLedger.PostFormAsync(client, TokenPage, TokenPage + "?handler=Confirm", new() { ["Confirm.Integration"] = WebLedger.Integration });
        var afterConfirm = await client.GetStringAsync(TokenPage);

        Assert.That((reset.StatusCode, confirm.StatusCode), Is.EqualTo((HttpStatusCode.Redirect, HttpStatusCode.Redirect)));
        Assert.That(afterReset, Does.Contain("must now take the new value").And.Contain("pending-update"));
        Assert.That(afterConfirm, Does.Contain("Confirmed that Nightly ETL has the new value").And.Contain("ends …0002"));
        Assert.That(afterReset + afterConfirm, Does.Not.Contain(newSecret), "a secret entered is never shown again");
        Assert.That(File.ReadAllBytes(_web.DatabasePath).AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(newSecret)), Is.EqualTo(-1));
    }

    [Test]
    public async Task Officer_ABadChange_IsRefusedWithTheReasonAndChangesNothing()
    {
        var client = await _web.SignedInAsync(WebLedger.Officer);

        // Refused, the form is shown again at once with the reason (no redirect: nothing was done that a reload could repeat).
        var response = await WebLedger.PostFormAsync(client, TokenPage, TokenPage + "?handler=Use", new() { ["Use.Integration"] = "No Such Integration", ["Use.Purpose"] = "x" });
        var page = await response.Content.ReadAsStringAsync();

        Assert.That(WebLedger.Html(page).QuerySelector("[role=alert]")?.TextContent, Does.Contain("No Such Integration"));
        Assert.That(_web.Scalar("SELECT count(*) FROM TokenUsages"), Is.Zero);
    }

    [TestCase("?handler=Revoke", "Revoke.Reason", "Compromised")]
    [TestCase("?handler=Reset", "Reset.NewSecret", "")]
    [TestCase("?handler=Use", "Use.Purpose", "x")]
    public async Task Auditor_ACraftedChange_IsRefusedWith403_ChangesNothing_AndIsAudited(string handler, string field, string value)
    {
        var client = await _web.SignedInAsync(WebLedger.Auditor);
        var auditBefore = _web.Scalar("SELECT count(*) FROM AuditEntries WHERE Action LIKE 'token.%'");

        // The page shows an auditor no forms; the request is built by hand, with a valid antiforgery token.
        var response = await WebLedger.PostFormAsync(client, TokenPage, TokenPage + handler,
            new() { [field] = value, ["Use.Integration"] = WebLedger.Integration });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(_web.Text($"SELECT Status FROM Tokens WHERE Label = '{WebLedger.Token}'"), Is.EqualTo("Active"));
        Assert.That(_web.Scalar("SELECT count(*) FROM AuditEntries WHERE Action LIKE 'token.%'"), Is.EqualTo(auditBefore));
        Assert.That(_web.Text("SELECT Detail FROM AccessEvents WHERE Kind = 'Denied'"), Is.EqualTo($"POST {TokenPage}"));
        Assert.That(_web.Text("SELECT Actor FROM AuditEntries WHERE Action = 'auth.denied'"), Is.EqualTo(WebLedger.Auditor));
    }

    [Test]
    public async Task Auditor_ACraftedChangeWithoutAnAntiforgeryToken_IsStillRefusedWith403AndAudited()
    {
        var client = await _web.SignedInAsync(WebLedger.Auditor);

        var response = await client.PostAsync(TokenPage + "?handler=Revoke", new FormUrlEncodedContent(new Dictionary<string, string> { ["Revoke.Reason"] = "Compromised" }));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), "the role is checked before anything else about the request");
        Assert.That(_web.Text("SELECT Detail FROM AccessEvents WHERE Kind = 'Denied'"), Is.EqualTo($"POST {TokenPage}"));
    }

    [Test]
    public async Task Auditor_AnUploadIsRefusedBeforeItIsRead()
    {
        var client = await _web.SignedInAsync(WebLedger.Auditor);
        using var form = new MultipartFormDataContent { { new ByteArrayContent(new byte[1 << 20]), "file", "big.csv" } };

        var response = await client.PostAsync("/import?handler=Check", form);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(Directory.Exists(_web.DatabasePath + ".uploads"), Is.False, "nothing was stored");
    }

    [Test]
    public async Task Auditor_SeesNoChangeForms()
    {
        var client = await _web.SignedInAsync(WebLedger.Auditor);

        var page = await client.GetStringAsync(TokenPage);

        Assert.That(page, Does.Not.Contain("handler=Revoke").And.Not.Contain("handler=Reset"));
    }

    [Test]
    public async Task Admin_CannotChangeTheInventoryEither()
    {
        var client = await _web.SignedInAsync(WebLedger.Admin);

        var response = await WebLedger.PostFormAsync(client, TokenPage, TokenPage + "?handler=Revoke", new() { ["Revoke.Reason"] = "Compromised" });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task Auditor_DownloadsTheQuarterlyWorkbookAndAnExport()
    {
        var client = await _web.SignedInAsync(WebLedger.Auditor);

        var workbook = await client.GetAsync("/reports?handler=Quarterly&quarter=2026-Q4");
        var export = await client.GetAsync("/reports?handler=Export&table=tokens&format=Csv");

        Assert.That(workbook.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(workbook.Content.Headers.ContentDisposition!.FileNameStar ?? workbook.Content.Headers.ContentDisposition.FileName, Does.Contain("audit-2026-Q4.xlsx"));
        var bytes = await workbook.Content.ReadAsByteArrayAsync();
        Assert.That(bytes[..2], Is.EqualTo("PK"u8.ToArray()), "an xlsx is a zip");
        Assert.That(await export.Content.ReadAsStringAsync(), Does.Contain(WebLedger.Token));
        Assert.That(Directory.GetFiles(_web.DatabasePath + ".downloads"), Is.Empty, "the files sent are removed");
        if (!OperatingSystem.IsWindows())
            Assert.That(File.GetUnixFileMode(_web.DatabasePath + ".downloads"), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute));
    }

    [TestCase(WebLedger.Admin)]
    [TestCase(WebLedger.Officer)]
    [TestCase(WebLedger.Auditor)]
    public async Task EveryPage_RendersForEveryRole(string email)
    {
        var client = await _web.SignedInAsync(email);

        foreach (var url in new[] { "/", "/people", "/people/ana@example.com", "/integrations", "/integrations/Nightly%20ETL", "/tokens", TokenPage, "/import", "/findings", "/findings?status=Resolved", "/reviews", "/reports", "/audit" })
        {
            var response = await client.GetAsync(url);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), url);
        }
        var audit = await client.GetStringAsync("/audit");
        Assert.That(audit, Does.Contain("The chain verifies"));
    }

    [TestCase("/tokens/no-such-token")]
    [TestCase("/integrations/No%20Such%20Integration")]
    [TestCase("/people/nobody@example.com")]
    [TestCase("/people/%20")]
    public async Task SomethingTheLedgerDoesNotHold_IsNotFound(string url)
    {
        var client = await _web.SignedInAsync(WebLedger.Auditor);

        Assert.That((await client.GetAsync(url)).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }
}
