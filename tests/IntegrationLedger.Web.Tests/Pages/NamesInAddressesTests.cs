using System.Net;
using IntegrationLedger.Application;
using IntegrationLedger.Application.Features.Integrations;
using IntegrationLedger.Application.Features.People;
using IntegrationLedger.Application.Features.Tokens;
using IntegrationLedger.Domain.Integrations;
using IntegrationLedger.Domain.Tokens;
using IntegrationLedger.Web.Tests.Support;

namespace IntegrationLedger.Web.Tests.Pages;

/// <summary>
/// Pages addressed by a name (a token's label, an integration's name, a person's email) open whatever the
/// name holds, and the links and forms the pages make to them come back to the same page. Through a real
/// Kestrel server, which decodes a path as a browser's request reaches it, unlike the in-memory one.
/// </summary>
public class NamesInAddressesTests
{
    private const string Email = "o/brien#1?50%é@example.com";
    private const string Integration = "Sync/Nightly #2? 50% café 日本";
    private const string Token = "ops/etl key?#50% é";

    private WebLedger _web = null!;

    [SetUp]
    public async Task Start()
    {
        _web = await WebLedger.StartAsync(overTheNetwork: true);
        await using var ledger = await Ledger.OpenAsync(new LedgerOptions(_web.DatabasePath, "setup", _web.Clock));
        await new AddPersonHandler(ledger).HandleAsync(new AddPerson(Email, "Owen O'Brien", "Ops"));
        await new AddIntegrationHandler(ledger).HandleAsync(new AddIntegration(Integration, "Acme", Email, "Night sync", null, NetworkTrust.Trusted, [], []));
        await new AddTokenHandler(ledger).HandleAsync(new AddToken(Token, TokenKind.ApiKey, Email));
        await new UseTokenHandler(ledger).HandleAsync(new UseToken(Token, Integration, "Nightly run", null));
    }

    [TearDown]
    public async Task Stop() => await _web.DisposeAsync();

    [Test]
    public async Task ATokenNamedWithSlashesAndSymbols_OpensFromItsLink_AndItsFormsComeBackToIt()
    {
        var client = await _web.SignedInAsync(WebLedger.Officer);

        var tokenPage = await OpenAsync(client, WebLedger.Link(await client.GetStringAsync("/tokens"), Token));
        var confirmation = await OpenAsync(client, WebLedger.Link(tokenPage.Page, "Revoke…"));
        var revoke = WebLedger.Html(confirmation.Page).QuerySelectorAll("form").Single(f => f.GetAttribute("action")!.Contains("handler=Revoke", StringComparison.Ordinal)).GetAttribute("action")!;
        var revoked = await client.PostAsync(revoke, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebLedger.AntiforgeryToken(confirmation.Page), ["Revoke.Reason"] = "Unused", ["Revoke.Note"] = "replaced", ["Revoke.Confirmed"] = "true",
        }));

        Assert.That(revoked.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(revoked.Headers.Location!.OriginalString, Is.EqualTo(tokenPage.Address), "back to the token's own page");
        Assert.That(_web.Text("SELECT Status FROM Tokens WHERE Label = 'ops/etl key?#50% é'"), Is.EqualTo("Revoked"));
        Assert.That((await OpenAsync(client, tokenPage.Address)).Page, Does.Contain("Revoked").IgnoreCase);
    }

    [Test]
    public async Task AnIntegrationNamedWithSlashesAndSymbols_OpensFromItsLink_AndLinksToItsToken()
    {
        var client = await _web.SignedInAsync(WebLedger.Officer);

        var integrationPage = await OpenAsync(client, WebLedger.Link(await client.GetStringAsync("/integrations"), Integration));
        var tokenPage = await OpenAsync(client, WebLedger.Link(integrationPage.Page, Token));

        Assert.That(WebLedger.Html(integrationPage.Page).QuerySelector("h1")!.TextContent, Does.Contain(Integration));
        Assert.That(WebLedger.Html(tokenPage.Page).QuerySelector("h1")!.TextContent, Does.Contain(Token));
    }

    [Test]
    public async Task APersonWithSymbolsInTheirEmail_OpensFromTheirLink_AndLinksToWhatTheyOwn()
    {
        var client = await _web.SignedInAsync(WebLedger.Officer);

        var personPage = await OpenAsync(client, WebLedger.Link(await client.GetStringAsync("/people"), Email));
        var integrationPage = await OpenAsync(client, WebLedger.Link(personPage.Page, Integration));
        var tokenPage = await OpenAsync(client, WebLedger.Link(personPage.Page, Token));

        Assert.That(WebLedger.Html(personPage.Page).QuerySelector("h1")!.TextContent, Is.EqualTo("Owen O'Brien"));
        Assert.That(WebLedger.Html(integrationPage.Page).QuerySelector("h1")!.TextContent, Does.Contain(Integration));
        Assert.That(WebLedger.Html(tokenPage.Page).QuerySelector("h1")!.TextContent, Does.Contain(Token));
    }

    private static async Task<(string Address, string Page)> OpenAsync(HttpClient client, string address)
    {
        var response = await client.GetAsync(address);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"GET {address}");
        return (address, await response.Content.ReadAsStringAsync());
    }
}
