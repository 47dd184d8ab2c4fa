using System.Net;
using IntegrationLedger.Web.Hosting;
using IntegrationLedger.Web.Tests.Support;

namespace IntegrationLedger.Web.Tests.Security;

/// <summary>
/// X-Forwarded-For and X-Forwarded-Proto are believed from a configured reverse proxy only: through it, each
/// client has its own sign-in rate limit and its own address in the audit log; from anyone else, the headers
/// change nothing. Through a real Kestrel server, whose peer (this test) is 127.0.0.1.
/// </summary>
public class TrustedProxiesTests
{
    /// <summary>Sign-in pages one address may ask for in a minute (LedgerWebApp's limit).</summary>
    private const int SignInsPerMinute = 30;

    [TestCase(null, TestName = "ForwardedHeaders_WithNoProxyConfigured_AreIgnored")]
    [TestCase("192.0.2.10/32", TestName = "ForwardedHeaders_FromAPeerThatIsNotTheConfiguredProxy_AreIgnored")]
    public async Task ForwardedHeaders_FromAnUntrustedPeer_AreIgnored(string? proxy)
    {
        await using var web = await WebLedger.StartAsync(overTheNetwork: true,
            adjust: o => proxy is null ? o : o with { TrustedProxies = [IPNetwork.Parse(proxy)] });

        var signIn = await WebLedger.SignInAsync(ClientFor(web, "203.0.113.1", proto: "https"), WebLedger.Officer, WebLedger.Password);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < SignInsPerMinute; i++)
            statuses.Add((await ClientFor(web, $"203.0.113.{100 + i}").GetAsync("/signin")).StatusCode);

        Assert.That(signIn.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(web.Text("SELECT RemoteAddress FROM AccessEvents WHERE Kind = 'SignedIn'"), Is.EqualTo("127.0.0.1"), "the audit log names the real peer");
        Assert.That(statuses.Count(s => s == HttpStatusCode.OK), Is.EqualTo(SignInsPerMinute - 2), "every request counted against the one real peer");
        Assert.That(statuses.Skip(SignInsPerMinute - 2), Is.All.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That(signIn.Headers.GetValues("Set-Cookie"), Has.None.Contains("; secure").IgnoreCase, "X-Forwarded-Proto is ignored too");
    }

    [Test]
    public async Task ForwardedHeaders_FromTheConfiguredProxy_GiveEachClientItsOwnLimit_AndItsAddressInTheAuditLog()
    {
        await using var web = await WebLedger.StartAsync(overTheNetwork: true,
            adjust: o => o with { TrustedProxies = [IPNetwork.Parse("127.0.0.1/32")] });
        var first = ClientFor(web, "203.0.113.1");
        var second = ClientFor(web, "198.51.100.2");

        var signIn = await WebLedger.SignInAsync(first, WebLedger.Officer, WebLedger.Password);
        var overHttps = await ClientFor(web, "192.0.2.77", proto: "https").GetAsync("/signin");
        var firstStatuses = new List<HttpStatusCode>();
        for (var i = 0; i < SignInsPerMinute - 1; i++)
            firstStatuses.Add((await first.GetAsync("/signin")).StatusCode);
        var secondStatus = (await second.GetAsync("/signin")).StatusCode;

        Assert.That(signIn.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(web.Text("SELECT RemoteAddress FROM AccessEvents WHERE Kind = 'SignedIn'"), Is.EqualTo("203.0.113.1"));
        Assert.That(overHttps.Headers.GetValues("Set-Cookie"), Has.All.Contains("; secure").IgnoreCase, "the proxy said the client came over HTTPS");
        Assert.That(firstStatuses.Take(SignInsPerMinute - 2), Is.All.EqualTo(HttpStatusCode.OK));
        Assert.That(firstStatuses[^1], Is.EqualTo(HttpStatusCode.TooManyRequests), "the first client used up its own limit");
        Assert.That(secondStatus, Is.EqualTo(HttpStatusCode.OK), "the second client has a limit of its own");
    }

    /// <summary>
    /// A client as a proxy forwards it: its address and, given <paramref name="proto"/>, how it reached the proxy.
    /// (A client told it came over HTTPS gets Secure cookies, which this client, speaking plain HTTP, would not send back.)
    /// </summary>
    private static HttpClient ClientFor(WebLedger web, string address, string? proto = null)
    {
        var client = web.Client();
        client.DefaultRequestHeaders.Add("X-Forwarded-For", address);
        if (proto is not null)
            client.DefaultRequestHeaders.Add("X-Forwarded-Proto", proto);
        return client;
    }
}
