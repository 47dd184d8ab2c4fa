using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using IntegrationLedger.Web.Tests.Support;
using Microsoft.AspNetCore.Hosting;

namespace IntegrationLedger.Web.Tests.Security;

/// <summary>
/// Every kind of response tells the browser to trust it as little as it can (CSP, nosniff, no framing, no
/// referrer beyond this server); under HTTPS it adds HSTS and every cookie is Secure.
/// </summary>
public class SecurityHeadersTests
{
    [Test]
    public async Task EveryKindOfResponse_CarriesTheSecurityHeaders()
    {
        await using var web = await WebLedger.StartAsync();
        var stranger = web.Client();
        var officer = await web.SignedInAsync(WebLedger.Officer);
        var auditor = await web.SignedInAsync(WebLedger.Auditor);

        var responses = new Dictionary<string, HttpResponseMessage>
        {
            ["the sign-in page"] = await stranger.GetAsync("/signin"),
            ["a redirect to sign in"] = await stranger.GetAsync("/tokens"),
            ["a page"] = await officer.GetAsync($"/tokens/{WebLedger.Token}"),
            ["a 404"] = await officer.GetAsync("/tokens/no-such-token"),
            ["the error page asked for"] = await officer.GetAsync("/error"),
            ["a download"] = await auditor.GetAsync("/reports?handler=Export&table=tokens&format=Csv"),
            ["the 403 text reply"] = await WebLedger.PostFormAsync(auditor, $"/tokens/{WebLedger.Token}", $"/tokens/{WebLedger.Token}?handler=Revoke", new() { ["Revoke.Reason"] = "Compromised" }),
            ["a 429"] = await TooManySignInPagesAsync(web.Client()),
        };

        Assert.Multiple(() =>
        {
            Assert.That(responses["a 404"].StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(responses["the 403 text reply"].StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(responses["a 429"].StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
            foreach (var (kind, response) in responses)
            {
                var csp = Header(response, "Content-Security-Policy");
                Assert.That(csp, Does.Contain("default-src 'self'").And.Contain("frame-ancestors 'none'").And.Contain("script-src 'none'"), kind);
                Assert.That(Header(response, "X-Content-Type-Options"), Is.EqualTo("nosniff"), kind);
                Assert.That(Header(response, "X-Frame-Options"), Is.EqualTo("DENY"), kind);
                Assert.That(Header(response, "Referrer-Policy"), Is.EqualTo("same-origin"), kind);
                Assert.That(response.Headers.Contains("Strict-Transport-Security"), Is.False, $"{kind}: no HSTS over plain HTTP");
            }
            Assert.That(responses["the 403 text reply"].Content.Headers.ContentType!.MediaType, Is.EqualTo("text/plain"));
        });
    }

    [Test]
    public async Task APage_ItsOnlyStyleCarriesTheNonceThePolicyAllows_AndANewOneEachTime()
    {
        await using var web = await WebLedger.StartAsync();
        var client = web.Client();

        var first = await client.GetAsync("/signin");
        var second = await client.GetAsync("/signin");

        var styles = WebLedger.Html(await first.Content.ReadAsStringAsync()).QuerySelectorAll("style");
        Assert.That(styles, Has.Length.EqualTo(1));
        Assert.That(Header(first, "Content-Security-Policy"), Does.Contain($"style-src 'nonce-{styles[0].GetAttribute("nonce")}'"));
        Assert.That(Header(second, "Content-Security-Policy"), Is.Not.EqualTo(Header(first, "Content-Security-Policy")));
    }

    [Test]
    public async Task UnderHttps_ResponsesCarryHsts_AndEveryCookieIsSecure()
    {
        using var certificate = SelfSignedCertificate("ledger.test");
        await using var web = await WebLedger.StartAsync(overTheNetwork: true, configure: builder =>
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate))));
        Assert.That(web.BaseUrl, Does.StartWith("https://"));
        var client = web.Client(certificate);
        // HSTS is never sent to localhost or 127.0.0.1 (a browser would then insist on HTTPS for every local
        // server); the server is asked for by a name, as it is in use.
        client.DefaultRequestHeaders.Host = "ledger.test";

        var signInPage = await client.GetAsync("/signin");
        var signIn = await WebLedger.SignInAsync(client, WebLedger.Officer, WebLedger.Password);
        var change = await WebLedger.PostFormAsync(client, $"/tokens/{WebLedger.Token}", $"/tokens/{WebLedger.Token}?handler=Use",
            new() { ["Use.Integration"] = WebLedger.Integration, ["Use.Purpose"] = "Nightly export" });

        Assert.That(Header(signInPage, "Strict-Transport-Security"), Does.StartWith("max-age="));
        Assert.That(Header(signInPage, "Content-Security-Policy"), Does.Contain("frame-ancestors 'none'"));
        Assert.That(signIn.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        var cookies = new[] { signInPage, signIn, change }.SelectMany(r => r.Headers.TryGetValues("Set-Cookie", out var values) ? values : []).ToList();
        var names = cookies.Select(c => c.Split('=')[0]).ToList();
        Assert.That(names, Does.Contain("ledger.session").And.Contain(".AspNetCore.Mvc.CookieTempDataProvider"));
        Assert.That(names, Has.Some.StartsWith(".AspNetCore.Antiforgery."));
        Assert.That(cookies, Has.All.Contains("; secure").IgnoreCase);
    }

    private static async Task<HttpResponseMessage> TooManySignInPagesAsync(HttpClient client)
    {
        for (var i = 0; i < 30; i++)
            (await client.GetAsync("/signin")).Dispose();
        return await client.GetAsync("/signin");
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values) ? string.Join(", ", values) : "(not sent)";

    /// <summary>A certificate made for the test, as a development certificate is: self-signed, for one name, valid for a day.</summary>
    private static X509Certificate2 SelfSignedCertificate(string name)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(name);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        using var made = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        // Through PKCS#12 so the private key is one the TLS stack can use on every platform.
        return X509CertificateLoader.LoadPkcs12(made.Export(X509ContentType.Pfx), null);
    }
}
