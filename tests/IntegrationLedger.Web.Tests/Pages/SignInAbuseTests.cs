using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using IntegrationLedger.Application.Features.Users;
using IntegrationLedger.Web.Pages.Account;
using IntegrationLedger.Web.Tests.Support;

namespace IntegrationLedger.Web.Tests.Pages;

/// <summary>
/// Strangers trying passwords, through a real server that sees each client's own address (127.0.0.x): they
/// learn nothing about which accounts exist, cannot keep an owner out, and the admins are told.
/// </summary>
public partial class SignInAbuseTests
{
    private const string Stranger = "127.0.0.2";
    private const string OwnersDesk = "127.0.0.3";

    private WebLedger _web = null!;

    [SetUp]
    public async Task Start() => _web = await WebLedger.StartAsync(overTheNetwork: true);

    [TearDown]
    public async Task Stop() => await _web.DisposeAsync();

    /// <summary>A sign-in as a browser makes it, from the page's own form; the reply's status, body and time.</summary>
    private static async Task<(HttpStatusCode Status, string Body, TimeSpan Took)> AttemptAsync(HttpClient client, string email, string password)
    {
        var token = WebLedger.AntiforgeryToken(await client.GetStringAsync("/signin"));
        var clock = Stopwatch.StartNew();
        var response = await client.PostAsync("/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = email, ["Input.Password"] = password, ["__RequestVerificationToken"] = token,
        }));
        var body = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, body, clock.Elapsed);
    }

    /// <summary>A reply with what differs by design taken out: the antiforgery token, and the email typed, which the form shows back.</summary>
    /// <summary>The page without what differs on every reply whoever asks: the antiforgery token and the style's nonce.</summary>
    private static string Comparable(string body, string typed) =>
        StyleNonce().Replace(AntiforgeryValue().Replace(body, "value=\"(token)\""), "nonce=\"(nonce)\"").Replace(typed, "(typed)", StringComparison.Ordinal);

    [GeneratedRegex("value=\"CfDJ[^\"]*\"")]
    private static partial Regex AntiforgeryValue();

    [GeneratedRegex("nonce=\"[^\"]*\"")]
    private static partial Regex StyleNonce();

    [Test]
    public async Task AKnownAndAnUnknownAccount_GetIdenticalReplies_ForEveryFailure_AndTakeAsLong()
    {
        const string nobody = "nobody.at.all@example.com";
        // Two strangers, one per name, so that neither's address is what slows the other.
        var known = _web.NetworkClient("127.0.0.4");
        var unknown = _web.NetworkClient("127.0.0.5");
        await AttemptAsync(unknown, nobody, "warm up the hasher");
        _web.Clock.Advance(SignInThrottle.ForgetAfter);

        var knownTimes = new List<TimeSpan>();
        var unknownTimes = new List<TimeSpan>();
        // Wrong passwords, then the attempts made while the name must wait; the known account's last try is its right password.
        for (var i = 0; i < SignInThrottle.PerAccount.FreeFailures + 3; i++)
        {
            var password = i == SignInThrottle.PerAccount.FreeFailures + 2 ? WebLedger.Password : "wrong guess " + i;
            var toKnown = await AttemptAsync(known, WebLedger.Officer, password);
            var toUnknown = await AttemptAsync(unknown, nobody, password);

            Assert.That(toKnown.Status, Is.EqualTo(HttpStatusCode.Unauthorized), $"attempt {i + 1}");
            Assert.That(toUnknown.Status, Is.EqualTo(toKnown.Status), $"attempt {i + 1}");
            Assert.That(Comparable(toUnknown.Body, nobody), Is.EqualTo(Comparable(toKnown.Body, WebLedger.Officer)), $"attempt {i + 1}");
            Assert.That(WebLedger.Html(toKnown.Body).QuerySelector("[role=alert]")?.TextContent, Is.EqualTo(SignInModel.Failed));
            if (i < SignInThrottle.PerAccount.FreeFailures)
            {
                knownTimes.Add(toKnown.Took);
                unknownTimes.Add(toUnknown.Took);
            }
        }

        // The password hash is most of a checked attempt's time; an unknown account has a decoy hash checked, so it is not answered faster.
        var knownMedian = knownTimes.Order().ElementAt(knownTimes.Count / 2);
        var unknownMedian = unknownTimes.Order().ElementAt(unknownTimes.Count / 2);
        Assert.That(unknownMedian, Is.GreaterThan(knownMedian / 2), $"known {knownMedian.TotalMilliseconds} ms, unknown {unknownMedian.TotalMilliseconds} ms");
    }

    [Test]
    public async Task AfterManyFailuresFromAStranger_TheOwnerFromTheirUsualAddress_StillSignsIn()
    {
        await _web.SignedInOverTheNetworkAsync(WebLedger.Admin, OwnersDesk);
        _web.Clock.Advance(TimeSpan.FromDays(3));

        var stranger = _web.NetworkClient(Stranger);
        for (var i = 0; i < 12; i++)
            Assert.That((await AttemptAsync(stranger, WebLedger.Admin, "guess " + i)).Status, Is.EqualTo(HttpStatusCode.Unauthorized));

        var anotherStranger = await AttemptAsync(_web.NetworkClient("127.0.0.6"), WebLedger.Admin, WebLedger.Password);
        Assert.That(anotherStranger.Status, Is.EqualTo(HttpStatusCode.Unauthorized), "the account is being slowed: even its password, from elsewhere, waits");

        var owner = _web.NetworkClient(OwnersDesk);
        var signIn = await WebLedger.SignInAsync(owner, WebLedger.Admin, WebLedger.Password);
        Assert.That(signIn.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), "the only admin, at their desk, is not locked out");
        Assert.That((await owner.GetAsync("/admin")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task WhenAnAccountIsUnderAttack_TheAdminsAreTold_OnTheirPageAndInTheAuditLog()
    {
        var admin = await _web.SignedInOverTheNetworkAsync(WebLedger.Admin, OwnersDesk);
        Assert.That(WebLedger.Html(await admin.GetStringAsync("/admin")).QuerySelector("#under-attack"), Is.Null, "nothing to tell yet");

        foreach (var address in new[] { Stranger, "127.0.0.7" })
        {
            var stranger = _web.NetworkClient(address);
            for (var i = 0; i < 3; i++)
                await AttemptAsync(stranger, WebLedger.Officer, "guess " + i);
        }

        var notice = WebLedger.Html(await admin.GetStringAsync("/admin")).QuerySelector("[aria-labelledby=under-attack]")?.TextContent;
        Assert.That(notice, Does.Contain($"{WebLedger.Officer}: 5 failed sign-ins").And.Contain("from 2 addresses"));
        Assert.That(_web.Scalar($"SELECT count(*) FROM AccessEvents WHERE Kind = 'SignInsSlowed' AND Email = '{WebLedger.Officer}'"), Is.EqualTo(1));
        Assert.That(_web.Scalar("SELECT count(*) FROM AuditEntries WHERE Action = 'auth.sign-in' AND After LIKE '%SignInsSlowed%'"), Is.EqualTo(1));
    }
}
