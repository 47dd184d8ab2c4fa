using System.Net;
using IntegrationLedger.Web.Tests.Support;

namespace IntegrationLedger.Web.Tests.Pages;

/// <summary>
/// A refused form comes back where it stands, with what was typed (never a secret), each reason beside its
/// field (aria-invalid, aria-describedby) and a summary at the top that leads to it; a form made no change.
/// </summary>
public class FormErrorsTests
{
    private const string Secret = "typed-secret-value-4321";
    private WebLedger _web = null!;

    [SetUp]
    public async Task Start() => _web = await WebLedger.StartAsync();

    [TearDown]
    public async Task Stop() => await _web.DisposeAsync();

    private static async Task<AngleSharp.Dom.IDocument> RegisterAsync(HttpClient client, string owner)
    {
        var response = await WebLedger.PostFormAsync(client, "/tokens", "/tokens", new()
        {
            ["Add.Label"] = "crm-key", ["Add.Kind"] = "OauthRefreshToken", ["Add.Owner"] = owner, ["Add.Account"] = "", ["Add.Secret"] = Secret,
        });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), "refused forms are shown again, not redirected");
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(body, Does.Not.Contain(Secret), "a secret typed is never sent back");
        return WebLedger.Html(body);
    }

    [Test]
    public async Task ARegistrationRefused_KeepsWhatWasTyped_AndMarksTheOwnerField()
    {
        var client = await _web.SignedInAsync(WebLedger.Officer);

        var page = await RegisterAsync(client, "nobody@example.com");

        Assert.That(page.QuerySelector("input[name='Add.Label']")!.GetAttribute("value"), Is.EqualTo("crm-key"));
        Assert.That(page.QuerySelector("select[name='Add.Kind'] option[selected]")!.GetAttribute("value"), Is.EqualTo("OauthRefreshToken"));
        var owner = page.QuerySelector("input[name='Add.Owner']")!;
        Assert.That(owner.GetAttribute("value"), Is.EqualTo("nobody@example.com"));
        Assert.That(owner.GetAttribute("aria-invalid"), Is.EqualTo("true"));
        Assert.That(owner.ClassList, Does.Contain("input-validation-error"));
        Assert.That(page.GetElementById(owner.GetAttribute("aria-describedby")!)!.TextContent, Does.Contain("No person with email 'nobody@example.com'"));
        Assert.That(page.QuerySelector("input[name='Add.Secret']")!.GetAttribute("value"), Is.Null.Or.Empty);
        Assert.That(page.QuerySelector("input[name='Add.Label']")!.HasAttribute("aria-invalid"), Is.False, "only the field at fault is marked");
        Assert.That(_web.Scalar("SELECT count(*) FROM Tokens WHERE Label = 'crm-key'"), Is.Zero);
    }

    [Test]
    public async Task TheSummaryAtTheTop_LinksToTheFieldAtFault()
    {
        var client = await _web.SignedInAsync(WebLedger.Officer);

        var page = await RegisterAsync(client, "not-an-email");

        var link = page.QuerySelector("main [role=alert] a")!;
        Assert.That(link.GetAttribute("href"), Is.EqualTo("#Add_Owner"));
        Assert.That(page.GetElementById("Add_Owner")!.GetAttribute("name"), Is.EqualTo("Add.Owner"));
        Assert.That(link.TextContent, Does.Contain("email"));
    }

    [Test]
    public async Task TheRegisterForm_StandsAboveTheList_FoldedUntilWanted_AndOpenWhenRefused()
    {
        var client = await _web.SignedInAsync(WebLedger.Officer);

        var quiet = WebLedger.Html(await client.GetStringAsync("/tokens"));
        var refused = await RegisterAsync(client, "nobody@example.com");

        var details = quiet.QuerySelector("main details")!;
        Assert.That(details.QuerySelector("summary")!.TextContent, Is.EqualTo("Register a token"));
        Assert.That(details.HasAttribute("open"), Is.False);
        Assert.That(details.CompareDocumentPosition(quiet.QuerySelector("main table")!) & AngleSharp.Dom.DocumentPositions.Following, Is.Not.Zero, "the form comes before the list");
        Assert.That(refused.QuerySelector("main details")!.HasAttribute("open"), Is.True);
    }

    [TestCase("/people", "Add.Email", "not-an-email", "Add.Email")]
    [TestCase("/integrations", "Add.Owner", "nobody@example.com", "Add.Owner")]
    public async Task OtherListForms_AreRefusedBesideTheirField(string page, string field, string value, string marked)
    {
        var client = await _web.SignedInAsync(WebLedger.Officer);

        var response = await WebLedger.PostFormAsync(client, page, page, new() { ["Add.Name"] = "Something", [field] = value });

        var html = WebLedger.Html(await response.Content.ReadAsStringAsync());
        Assert.That(html.QuerySelector($"[name='{marked}']")!.GetAttribute("aria-invalid"), Is.EqualTo("true"));
        Assert.That(html.QuerySelector($"[name='{marked}']")!.GetAttribute("value"), Is.EqualTo(value));
        Assert.That(html.QuerySelector("main details")!.HasAttribute("open"), Is.True);
    }

    [Test]
    public async Task ATokenPageFormRefused_StaysOnTheTokenPage_WithTheIntegrationMarked()
    {
        var client = await _web.SignedInAsync(WebLedger.Officer);
        const string page = $"/tokens/{WebLedger.Token}";

        var response = await WebLedger.PostFormAsync(client, page, page + "?handler=Use", new() { ["Use.Integration"] = "No Such Integration", ["Use.Purpose"] = "nightly" });

        var html = WebLedger.Html(await response.Content.ReadAsStringAsync());
        Assert.That(html.QuerySelector("h1")!.TextContent, Is.EqualTo($"Token {WebLedger.Token}"));
        Assert.That(html.QuerySelector("input[name='Use.Integration']")!.GetAttribute("aria-invalid"), Is.EqualTo("true"));
        Assert.That(html.QuerySelector("input[name='Use.Purpose']")!.GetAttribute("value"), Is.EqualTo("nightly"));
    }
}
