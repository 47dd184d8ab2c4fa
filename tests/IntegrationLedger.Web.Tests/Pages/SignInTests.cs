using System.Net;
using IntegrationLedger.Web.Tests.Support;

namespace IntegrationLedger.Web.Tests.Pages;

/// <summary>Sign-in with local accounts: every page needs it, and attempts are audited (repeated failures counted, not each written).</summary>
public class SignInTests
{
    private WebLedger _web = null!;

    [SetUp]
    public async Task Start() => _web = await WebLedger.StartAsync();

    [TearDown]
    public async Task Stop() => await _web.DisposeAsync();

    [TestCase("/")]
    [TestCase("/tokens")]
    [TestCase("/tokens/etl-token")]
    [TestCase("/findings")]
    [TestCase("/reports")]
    [TestCase("/reports?handler=Quarterly&quarter=2026-Q4")]
    [TestCase("/audit")]
    public async Task EveryPage_WithoutSigningIn_SendsToTheSignInPage(string url)
    {
        var response = await _web.Client().GetAsync(url);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(response.Headers.Location!.ToString(), Does.Contain("/signin"));
    }

    [Test]
    public async Task RightPassword_SignsInAndIsAudited()
    {
        var client = await _web.SignedInAsync(WebLedger.Officer);

        var dashboard = await client.GetStringAsync("/");

        Assert.That(dashboard, Does.Contain("<h1>Dashboard</h1>").And.Contain(WebLedger.Officer));
        Assert.That(_web.Scalar($"SELECT count(*) FROM AccessEvents WHERE Kind = 'SignedIn' AND Email = '{WebLedger.Officer}'"), Is.EqualTo(1));
        Assert.That(_web.Scalar("SELECT count(*) FROM AuditEntries WHERE Action = 'auth.sign-in' AND EntityType = 'AccessEvent'"), Is.EqualTo(1));
    }

    [Test]
    public async Task RepeatedFailures_AreAllAudited_AsAFewEntriesWhoseCountsAddUp()
    {
        var client = _web.Client();
        var token = WebLedger.AntiforgeryToken(await client.GetStringAsync("/signin"));
        for (var i = 0; i < 12; i++)
        {
            // Five are checked and fail; the seven after are refused unchecked, since the account must now wait.
            var response = await client.PostAsync("/signin", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Input.Email"] = WebLedger.Officer, ["Input.Password"] = "wrong password " + i, ["__RequestVerificationToken"] = token,
            }));
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        }
        Assert.That(_web.Scalar("SELECT count(*) FROM AccessEvents WHERE Kind IN ('SignInFailed', 'SignInWhileLockedOut')"), Is.EqualTo(2), "the first of each at once");

        await _web.App.StopAsync();

        var details = RawSql.Column(_web.DatabasePath, "SELECT Kind || ': ' || Detail FROM AccessEvents WHERE Kind IN ('SignInFailed', 'SignInWhileLockedOut') ORDER BY rowid");
        Assert.That(details, Has.Count.EqualTo(4), string.Join("\n", details));
        Assert.That(details.Count(d => d.StartsWith("SignInFailed: 4 more between", StringComparison.Ordinal)), Is.EqualTo(1), string.Join("\n", details));
        Assert.That(details.Count(d => d.StartsWith("SignInWhileLockedOut: 6 more between", StringComparison.Ordinal)), Is.EqualTo(1), string.Join("\n", details));
    }

    [Test]
    public async Task AnUnknownAccount_GetsTheSameAnswer_AndWhatWasTypedIsNotKept()
    {
        const string typed = "my-password-typed-in-the-wrong-box";

        var response = await WebLedger.SignInAsync(_web.Client(), typed, "whatever it is");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain(IntegrationLedger.Web.Pages.Account.SignInModel.Failed));
        Assert.That(_web.Text("SELECT Email FROM AccessEvents WHERE Kind = 'SignInFailed'"), Is.EqualTo("(no such account)"));
        Assert.That(File.ReadAllBytes(_web.DatabasePath).AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(typed)), Is.EqualTo(-1));
        var wal = _web.DatabasePath + "-wal";
        if (File.Exists(wal))
            Assert.That(File.ReadAllBytes(wal).AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(typed)), Is.EqualTo(-1));
    }

    [Test]
    public async Task PasswordsAreKeptOnlyAsTheFrameworksHash_AndNeverInTheAuditLog()
    {
        Assert.That(_web.Text($"SELECT PasswordHash FROM Users WHERE Email = '{WebLedger.Officer}'"), Does.Not.Contain(WebLedger.Password).And.Length.GreaterThan(60));
        Assert.That(_web.Scalar($"SELECT count(*) FROM AuditEntries WHERE After LIKE '%{WebLedger.Password}%' OR After LIKE '%AQAAAA%'"), Is.Zero);
        Assert.That(_web.Text("SELECT After FROM AuditEntries WHERE Action = 'user.add' AND EntityType = 'LedgerUser' LIMIT 1"), Does.Contain("\"PasswordHash\":\"(changed)\""));
    }

    [Test]
    public async Task SigningOut_EndsTheSessionAndIsAudited()
    {
        var client = await _web.SignedInAsync(WebLedger.Auditor);

        var response = await WebLedger.PostFormAsync(client, "/", "/signout", []);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That((await client.GetAsync("/")).StatusCode, Is.EqualTo(HttpStatusCode.Redirect), "signed out");
        Assert.That(_web.Scalar($"SELECT count(*) FROM AccessEvents WHERE Kind = 'SignedOut' AND Email = '{WebLedger.Auditor}'"), Is.EqualTo(1));
    }

    [Test]
    public async Task AFormPostedWithoutItsAntiforgeryToken_IsRefused()
    {
        var client = await _web.SignedInAsync(WebLedger.Officer);

        var response = await client.PostAsync($"/tokens/{WebLedger.Token}?handler=Revoke", new FormUrlEncodedContent(new Dictionary<string, string> { ["Revoke.Reason"] = "Compromised" }));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(_web.Text($"SELECT Status FROM Tokens WHERE Label = '{WebLedger.Token}'"), Is.EqualTo("Active"));
    }

    [Test]
    public async Task ManySignInsFromOneAddress_AreSlowedDown()
    {
        var client = _web.Client();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 40; i++)
            statuses.Add((await client.GetAsync("/signin")).StatusCode);

        Assert.That(statuses.Take(30), Is.All.EqualTo(HttpStatusCode.OK));
        Assert.That(statuses.Skip(30), Is.All.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That((await client.GetAsync("/")).StatusCode, Is.EqualTo(HttpStatusCode.Redirect), "other pages are not limited");
    }
}
