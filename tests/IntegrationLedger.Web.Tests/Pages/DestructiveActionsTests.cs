using System.Net;
using IntegrationLedger.Application;
using IntegrationLedger.Application.Features.Integrations;
using IntegrationLedger.Application.Features.People;
using IntegrationLedger.Application.Features.Reviews;
using IntegrationLedger.Application.Features.Tokens;
using IntegrationLedger.Domain.Integrations;
using IntegrationLedger.Domain.Reviews;
using IntegrationLedger.Domain.Tokens;
using IntegrationLedger.Web.Tests.Support;

namespace IntegrationLedger.Web.Tests.Pages;

/// <summary>
/// Reset, revoke and offboard each go through a confirmation step that names what will break, and act only
/// when posted from it; a revocation needs a reason chosen (none is preselected) and a note, and the token
/// page then says why, when and by whom it was revoked.
/// </summary>
public class DestructiveActionsTests
{
    private const string TokenPage = $"/tokens/{WebLedger.Token}";
    private WebLedger _web = null!;

    [SetUp]
    public async Task Start()
    {
        _web = await WebLedger.StartAsync();
        await using var ledger = await Ledger.OpenAsync(new LedgerOptions(_web.DatabasePath, "setup", _web.Clock));
        await new AddIntegrationHandler(ledger).HandleAsync(new AddIntegration("Warehouse Sync", "Acme", "ana@example.com", "Loads", null, NetworkTrust.Trusted, [], []));
        await new UseTokenHandler(ledger).HandleAsync(new UseToken(WebLedger.Token, WebLedger.Integration, "Nightly export", null));
        await new UseTokenHandler(ledger).HandleAsync(new UseToken(WebLedger.Token, "Warehouse Sync", "Loads", null));
    }

    [TearDown]
    public async Task Stop() => await _web.DisposeAsync();

    private string TokenStatus => _web.Text($"SELECT Status FROM Tokens WHERE Label = '{WebLedger.Token}'")!;

    [Test]
    public async Task TokenPage_ResetAndRevokeAreDangerLinksToTheirConfirmation_RecordUseStaysPlain()
    {
        var client = await _web.SignedInAsync(WebLedger.Officer);

        var page = WebLedger.Html(await client.GetStringAsync(TokenPage));

        var reset = page.QuerySelectorAll("a").Single(a => a.TextContent.Trim() == "Reset…");
        var revoke = page.QuerySelectorAll("a").Single(a => a.TextContent.Trim() == "Revoke…");
        Assert.That(reset.ClassList, Does.Contain("danger"));
        Assert.That(revoke.ClassList, Does.Contain("danger"));
        Assert.That(revoke.GetAttribute("href"), Is.EqualTo(TokenPage + "?handler=Revoke"));
        var recordUse = page.QuerySelectorAll("button").Single(b => b.TextContent.Trim() == "Record use");
        Assert.That(recordUse.ClassList, Does.Not.Contain("danger"));
        Assert.That(page.QuerySelectorAll("form").Any(f => f.GetAttribute("action")!.Contains("handler=Revoke", StringComparison.Ordinal)), Is.False,
            "the token page itself holds no form that revokes");
    }

    [TestCase("Revoke")]
    [TestCase("Reset")]
    public async Task TheConfirmationStep_NamesTheIntegrationsThatBreak_WithLinks_AndThePendingUpdates(string action)
    {
        var client = await _web.SignedInAsync(WebLedger.Officer);
        await WebLedger.PostFormAsync(client, TokenPage + "?handler=Reset", TokenPage + "?handler=Reset", new() { ["Reset.Confirmed"] = "true" });
        await WebLedger.PostFormAsync(client, TokenPage, TokenPage + "?handler=Confirm", new() { ["Confirm.Integration"] = "Warehouse Sync" });

        var page = WebLedger.Html(await client.GetStringAsync($"{TokenPage}?handler={action}"));

        Assert.That(page.QuerySelector("h1")!.TextContent, Is.EqualTo($"{action} token {WebLedger.Token}?"));
        var breaks = page.QuerySelectorAll("#what-breaks a").Select(a => (a.TextContent, a.GetAttribute("href"))).ToList();
        Assert.That(breaks, Is.EqualTo(new[] { ("Nightly ETL", "/integrations/Nightly%20ETL"), ("Warehouse Sync", "/integrations/Warehouse%20Sync") }));
        Assert.That(page.QuerySelector("#pending-updates")!.TextContent, Does.Contain("1 update(s) from the last reset are still pending"));
        Assert.That(page.QuerySelectorAll("button.danger").Single().TextContent.Trim(), Is.EqualTo($"{action} {WebLedger.Token}"));
    }

    [Test]
    public async Task ARevokePostedWithoutTheConfirmation_ShowsTheConfirmationStep_AndRevokesNothing()
    {
        var client = await _web.SignedInAsync(WebLedger.Officer);

        var response = await WebLedger.PostFormAsync(client, TokenPage, TokenPage + "?handler=Revoke", new() { ["Revoke.Reason"] = "Compromised", ["Revoke.Note"] = "leaked" });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var page = WebLedger.Html(await response.Content.ReadAsStringAsync());
        Assert.That(page.QuerySelector("h1")!.TextContent, Is.EqualTo($"Revoke token {WebLedger.Token}?"));
        Assert.That(page.QuerySelector("input[name='Revoke.Reason'][value=Compromised]")!.HasAttribute("checked"), Is.True, "what was posted is kept");
        Assert.That(TokenStatus, Is.EqualTo("Active"));
        Assert.That(_web.Scalar("SELECT count(*) FROM AuditEntries WHERE Action = 'token.revoke'"), Is.Zero);
    }

    [Test]
    public async Task AResetPostedWithoutTheConfirmation_ResetsNothing()
    {
        var client = await _web.SignedInAsync(WebLedger.Officer);

        var response = await WebLedger.PostFormAsync(client, TokenPage, TokenPage + "?handler=Reset", new() { ["Reset.NewSecret"] = "second-secret-value-0002" });

        var body = await response.Content.ReadAsStringAsync();
        Assert.That(WebLedger.Html(body).QuerySelector("h1")!.TextContent, Is.EqualTo($"Reset token {WebLedger.Token}?"));
        Assert.That(body, Does.Not.Contain("second-secret-value-0002"), "a secret typed is never sent back");
        Assert.That(_web.Scalar("SELECT count(*) FROM AuditEntries WHERE Action = 'token.reset'"), Is.Zero);
    }

    [Test]
    public async Task TheRevocationStep_PreselectsNoReason_AndAsksForANote()
    {
        var client = await _web.SignedInAsync(WebLedger.Officer);

        var page = WebLedger.Html(await client.GetStringAsync(TokenPage + "?handler=Revoke"));

        var reasons = page.QuerySelectorAll("input[name='Revoke.Reason']");
        Assert.That(reasons.Select(r => r.GetAttribute("value")), Is.EqualTo(new[] { "Compromised", "Offboarding", "Unused", "Other" }));
        Assert.That(reasons.Where(r => r.HasAttribute("checked")), Is.Empty, "no reason is chosen for the officer");
        Assert.That(reasons.All(r => r.HasAttribute("required")), Is.True);
        Assert.That(page.QuerySelector("textarea[name='Revoke.Note']")!.HasAttribute("required"), Is.True);
    }

    [Test]
    public async Task AConfirmedRevokeWithoutAReasonOrNote_IsRefusedBesideEachField_AndRevokesNothing()
    {
        var client = await _web.SignedInAsync(WebLedger.Officer);

        var response = await WebLedger.PostFormAsync(client, TokenPage + "?handler=Revoke", TokenPage + "?handler=Revoke", new() { ["Revoke.Note"] = "", ["Revoke.Confirmed"] = "true" });

        var page = WebLedger.Html(await response.Content.ReadAsStringAsync());
        Assert.That(page.QuerySelector("#Revoke_Reason-error")!.TextContent, Is.EqualTo("Choose why the token is revoked."));
        Assert.That(page.QuerySelector("#Revoke_Note-error")!.TextContent, Does.Contain("note"));
        Assert.That(page.QuerySelector("textarea[name='Revoke.Note']")!.GetAttribute("aria-invalid"), Is.EqualTo("true"));
        Assert.That(page.QuerySelector("[role=alert]")!.QuerySelector("a")!.GetAttribute("href"), Is.EqualTo("#Revoke_Reason").Or.EqualTo("#Revoke_Note"));
        Assert.That(TokenStatus, Is.EqualTo("Active"));
    }

    [Test]
    public async Task AConfirmedRevoke_Revokes_AndTheTokenPageShowsTheReasonTheTimeAndWho()
    {
        var client = await _web.SignedInAsync(WebLedger.Officer);

        var response = await WebLedger.PostFormAsync(client, TokenPage + "?handler=Revoke", TokenPage + "?handler=Revoke",
            new() { ["Revoke.Reason"] = "Unused", ["Revoke.Note"] = "replaced by the OAuth flow", ["Revoke.Confirmed"] = "true" });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), "a change made comes back by a redirect");
        Assert.That(response.Headers.Location!.OriginalString, Is.EqualTo(TokenPage));
        Assert.That(TokenStatus, Is.EqualTo("Revoked"));
        var revocation = WebLedger.Html(await client.GetStringAsync(TokenPage)).QuerySelector("#revocation")!.TextContent;
        Assert.That(revocation, Does.Contain($"by {WebLedger.Officer}").And.Contain("unused").And.Contain("replaced by the OAuth flow").And.Contain(_web.Clock.GetUtcNow().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Test]
    public async Task AConfirmedReset_Resets_AndEveryIntegrationWaits()
    {
        var client = await _web.SignedInAsync(WebLedger.Officer);

        var response = await WebLedger.PostFormAsync(client, TokenPage + "?handler=Reset", TokenPage + "?handler=Reset", new() { ["Reset.NewSecret"] = "", ["Reset.Confirmed"] = "true" });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(_web.Scalar("SELECT count(*) FROM TokenUsages WHERE Status = 'PendingUpdate'"), Is.EqualTo(2));
    }

    [Test]
    public async Task AnOffboardingPostedWithoutTheConfirmation_ShowsWhatItTouches_AndChangesNothing()
    {
        var client = await _web.SignedInAsync(WebLedger.Officer);
        const string page = "/people/ana@example.com";

        var response = await WebLedger.PostFormAsync(client, page, page + "?handler=Offboard", new() { ["Offboard.On"] = "2026-10-31", ["Offboard.Tokens"] = "Revoke", ["Offboard.ReassignTo"] = "" });

        var html = WebLedger.Html(await response.Content.ReadAsStringAsync());
        Assert.That(html.QuerySelector("h1")!.TextContent, Is.EqualTo("Offboard Ana Lima?"));
        Assert.That(html.QuerySelector("#what-breaks")!.TextContent, Does.Contain(WebLedger.Token).And.Contain("Nightly ETL").And.Contain("Warehouse Sync"));
        Assert.That(html.QuerySelector("input[value=Revoke]")!.HasAttribute("checked"), Is.True, "the plan posted is kept");
        Assert.That(_web.Text("SELECT Status FROM People WHERE Email = 'ana@example.com'"), Is.EqualTo("Active"));
        Assert.That(TokenStatus, Is.EqualTo("Active"));
    }

    [Test]
    public async Task DisablingAnAccount_IsAskedForFirst_AndDisablesNothingUntilConfirmed()
    {
        var admin = await _web.SignedInAsync(WebLedger.Admin);

        var response = await WebLedger.PostFormAsync(admin, "/admin", "/admin?handler=Enabled", new() { ["Access.Email"] = WebLedger.Officer, ["Access.Enabled"] = "false" });

        var page = WebLedger.Html(await response.Content.ReadAsStringAsync());
        Assert.That(page.QuerySelector(".confirm h2")!.TextContent, Is.EqualTo($"Disable {WebLedger.Officer}?"));
        Assert.That(page.QuerySelector(".confirm")!.TextContent, Does.Contain("sessions end at once"));
        Assert.That(page.QuerySelector(".confirm button.danger")!.TextContent, Is.EqualTo($"Disable {WebLedger.Officer}"));
        Assert.That(_web.Scalar($"SELECT count(*) FROM Users WHERE Email = '{WebLedger.Officer}' AND DisabledAt IS NULL"), Is.EqualTo(1));
        Assert.That(_web.Scalar("SELECT count(*) FROM AuditEntries WHERE Action = 'user.disable'"), Is.Zero);
    }

    [Test]
    public async Task AReviewsRevoke_IsAskedForFirst_AndRevokesOnlyOnceConfirmed()
    {
        await using (var ledger = await Ledger.OpenAsync(new LedgerOptions(_web.DatabasePath, "setup", _web.Clock)))
        {
            await new AddPersonHandler(ledger).HandleAsync(new AddPerson(WebLedger.Officer, "Olga Officer", "Security"));
            await new AddTokenHandler(ledger).HandleAsync(new AddToken("olga-key", TokenKind.ApiKey, WebLedger.Officer));
            await new StartReviewHandler(ledger).HandleAsync(new StartReview(Quarter.Parse("2026-Q4")));
        }
        var client = await _web.SignedInAsync(WebLedger.Officer);
        var item = WebLedger.Field(await client.GetStringAsync("/reviews"), "Attest.Item");
        var attest = new Dictionary<string, string> { ["Attest.Item"] = item, ["Attest.Decision"] = "Revoke", ["Attest.Note"] = "no longer used" };

        var asked = WebLedger.Html(await (await WebLedger.PostFormAsync(client, "/reviews", "/reviews", attest)).Content.ReadAsStringAsync());
        Assert.That(asked.QuerySelector(".confirm h2")!.TextContent, Is.EqualTo("Revoke for olga-key?"));
        Assert.That(_web.Text("SELECT Status FROM Tokens WHERE Label = 'olga-key'"), Is.EqualTo("Active"));

        var confirmed = await WebLedger.PostFormAsync(client, "/reviews", "/reviews", new(attest) { ["Attest.Confirmed"] = "true" });
        Assert.That(confirmed.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(_web.Text("SELECT Status FROM Tokens WHERE Label = 'olga-key'"), Is.EqualTo("Revoked"));
    }

    [Test]
    public async Task AnAuditorAskingForAConfirmationStep_SeesNoForm()
    {
        var client = await _web.SignedInAsync(WebLedger.Auditor);

        var page = await client.GetStringAsync(TokenPage + "?handler=Revoke");

        Assert.That(page, Does.Not.Contain("Revoke.Confirmed"));
    }

    [Test]
    public async Task TheConfirmationStepOfATokenNotInTheLedger_IsA404()
    {
        var client = await _web.SignedInAsync(WebLedger.Officer);

        var response = await client.GetAsync("/tokens/no-such-token?handler=Revoke");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }
}
