using System.Net;
using IntegrationLedger.Web.Tests.Support;

namespace IntegrationLedger.Web.Tests.Security;

/// <summary>
/// Signing out ends that session on the server: a copy of its cookie, taken before, is refused afterwards,
/// while the same account's other sessions carry on. Through a real Kestrel server.
/// </summary>
public class SessionTests
{
    private WebLedger _web = null!;

    [SetUp]
    public async Task Start() => _web = await WebLedger.StartAsync(overTheNetwork: true);

    [TearDown]
    public async Task Stop() => await _web.DisposeAsync();

    [Test]
    public async Task SigningOut_EndsTheSessionOnTheServer_SoACopiedCookieIsSentToSignIn()
    {
        var browser = _web.Client();
        var signIn = await WebLedger.SignInAsync(browser, WebLedger.Officer, WebLedger.Password);
        using var thief = CookieClient(SessionCookie(signIn));
        Assert.That((await thief.GetAsync("/")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "the copy works while the session is open");

        var signOut = await WebLedger.PostFormAsync(browser, "/", "/signout", []);
        var afterwards = await thief.GetAsync("/tokens");

        Assert.That(signOut.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(afterwards.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(afterwards.Headers.Location!.OriginalString, Does.Contain("/signin"));
        Assert.That(_web.Scalar("SELECT count(*) FROM WebSessions WHERE EndedAt IS NOT NULL"), Is.EqualTo(1));
        Assert.That(_web.Scalar("SELECT count(*) FROM AuditEntries WHERE Action = 'auth.sign-out' AND EntityType = 'WebSession'"), Is.EqualTo(1), "the session's end is audited");
    }

    [Test]
    public async Task SigningOutInOneBrowser_LeavesTheAccountsOtherSessionsSignedIn()
    {
        var laptop = await _web.SignedInAsync(WebLedger.Officer);
        var phone = await _web.SignedInAsync(WebLedger.Officer);

        await WebLedger.PostFormAsync(laptop, "/", "/signout", []);

        Assert.That((await laptop.GetAsync("/")).StatusCode, Is.EqualTo(HttpStatusCode.Redirect), "the laptop is signed out");
        Assert.That((await phone.GetAsync("/")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "the phone is not");
        Assert.That(_web.Scalar("SELECT count(*) FROM WebSessions WHERE EndedAt IS NULL"), Is.EqualTo(1));
    }

    private static string SessionCookie(HttpResponseMessage signIn)
    {
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("ledger.session=", StringComparison.Ordinal));
        return cookie.Split(';')[0];
    }

    /// <summary>Someone who has only the cookie: no cookie jar, no redirects followed.</summary>
    private HttpClient CookieClient(string cookie)
    {
        var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(_web.BaseUrl) };
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        return client;
    }
}
