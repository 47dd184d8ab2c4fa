using System.Net;
using IntegrationLedger.Web.Tests.Support;

namespace IntegrationLedger.Web.Tests.Pages;

/// <summary>The admin's page: accounts and settings, closed to every other role.</summary>
public class AdminTests
{
    private WebLedger _web = null!;

    [SetUp]
    public async Task Start() => _web = await WebLedger.StartAsync();

    [TearDown]
    public async Task Stop() => await _web.DisposeAsync();

    [TestCase(WebLedger.Officer)]
    [TestCase(WebLedger.Auditor)]
    public async Task OtherRoles_AreRefusedThePage(string email)
    {
        var client = await _web.SignedInAsync(email);

        Assert.That((await client.GetAsync("/admin")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(_web.Text("SELECT Detail FROM AccessEvents WHERE Kind = 'Denied'"), Is.EqualTo("GET /admin"));
    }

    [Test]
    public async Task Admin_AddsAnAccountThatCanSignIn()
    {
        var admin = await _web.SignedInAsync(WebLedger.Admin);

        await WebLedger.PostFormAsync(admin, "/admin", "/admin?handler=Add", new() { ["Add.Email"] = "new.auditor@example.com", ["Add.Role"] = "Auditor", ["Add.Password"] = "another long passphrase" });

        var client = _web.Client();
        Assert.That((await WebLedger.SignInAsync(client, "new.auditor@example.com", "another long passphrase")).StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(_web.Text("SELECT Actor FROM AuditEntries WHERE Action = 'user.add' ORDER BY Sequence DESC LIMIT 1"), Is.EqualTo(WebLedger.Admin));
    }

    [Test]
    public async Task ChangingARole_EndsThatAccountsOpenSessions()
    {
        var auditor = await _web.SignedInAsync(WebLedger.Auditor);
        var admin = await _web.SignedInAsync(WebLedger.Admin);

        await WebLedger.PostFormAsync(admin, "/admin", "/admin?handler=Role", new() { ["Role.Email"] = WebLedger.Auditor, ["Role.Role"] = "Officer" });

        var response = await auditor.GetAsync("/");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(response.Headers.Location!.ToString(), Does.Contain("/signin"));
    }

    [Test]
    public async Task TheLastAdmin_CannotBeDemoted()
    {
        var admin = await _web.SignedInAsync(WebLedger.Admin);

        await WebLedger.PostFormAsync(admin, "/admin", "/admin?handler=Role", new() { ["Role.Email"] = WebLedger.Admin, ["Role.Role"] = "Auditor" });

        Assert.That(await admin.GetStringAsync("/admin"), Does.Contain("is the only admin"));
        Assert.That(_web.Text($"SELECT Role FROM Users WHERE Email = '{WebLedger.Admin}'"), Is.EqualTo("Admin"));
    }

    [Test]
    public async Task Admin_ChangesARuleSetting()
    {
        var admin = await _web.SignedInAsync(WebLedger.Admin);
        var name = WebLedger.Field(await admin.GetStringAsync("/admin"), "Setting.Name");

        await WebLedger.PostFormAsync(admin, "/admin", "/admin?handler=Setting", new() { ["Setting.Name"] = name, ["Setting.Value"] = "45" });

        Assert.That(await admin.GetStringAsync("/admin"), Does.Contain($"{name} is now 45."));
    }

    [Test]
    public async Task AnAccountWithoutARoleGiven_IsNotCreated_LetAloneAsAdmin()
    {
        var admin = await _web.SignedInAsync(WebLedger.Admin);

        await WebLedger.PostFormAsync(admin, "/admin", "/admin?handler=Add", new() { ["Add.Email"] = "who@example.com", ["Add.Role"] = "Superuser", ["Add.Password"] = "another long passphrase" });

        Assert.That(await admin.GetStringAsync("/admin"), Does.Contain("nothing was changed"));
        Assert.That(_web.Scalar("SELECT count(*) FROM Users WHERE Email = 'who@example.com'"), Is.Zero);
    }

    [Test]
    public async Task Admin_DisablesAnAccount_WhoseSessionEndsAtOnce()
    {
        var officer = await _web.SignedInAsync(WebLedger.Officer);
        var admin = await _web.SignedInAsync(WebLedger.Admin);

        await WebLedger.PostFormAsync(admin, "/admin", "/admin?handler=Enabled", new() { ["Access.Email"] = WebLedger.Officer, ["Access.Enabled"] = "false", ["Access.Confirmed"] = "true" });

        Assert.That(await admin.GetStringAsync("/admin"), Does.Contain($"{WebLedger.Officer} is disabled"));
        Assert.That((await officer.GetAsync("/")).StatusCode, Is.EqualTo(HttpStatusCode.Redirect), "signed out at once");
        Assert.That((await WebLedger.SignInAsync(_web.Client(), WebLedger.Officer, WebLedger.Password)).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(_web.Text("SELECT Actor FROM AuditEntries WHERE Action = 'user.disable'"), Is.EqualTo(WebLedger.Admin));
    }
}
