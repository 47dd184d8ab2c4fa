using System.Net;
using IntegrationLedger.Application;
using IntegrationLedger.Application.Features.Findings;
using IntegrationLedger.Application.Features.People;
using IntegrationLedger.Application.Features.Tokens;
using IntegrationLedger.Domain.Tokens;
using IntegrationLedger.Web.Tests.Support;

namespace IntegrationLedger.Web.Tests.Pages;

/// <summary>Every change the web offers, refused to an auditor one by one; and the officer's and admin's later changes.</summary>
public class MoreChangesTests
{
    private WebLedger _web = null!;

    [SetUp]
    public async Task Start() => _web = await WebLedger.StartAsync();

    [TearDown]
    public async Task Stop() => await _web.DisposeAsync();

    /// <summary>Every POST the pages accept, and three pages that accept none.</summary>
    private static readonly string[] ChangeEndpoints =
    [
        "/people", "/people/ana@example.com?handler=Offboard",
        "/integrations", "/integrations/Nightly%20ETL?handler=Change", "/integrations/Nightly%20ETL?handler=Vet",
        "/tokens", "/tokens/etl-token?handler=Use", "/tokens/etl-token?handler=Reset", "/tokens/etl-token?handler=Confirm", "/tokens/etl-token?handler=Revoke",
        "/import?handler=Check", "/import?handler=Recheck", "/import?handler=Commit",
        "/findings", "/findings?handler=Run",
        "/reviews", "/reviews/start",
        "/admin?handler=Add", "/admin?handler=Role", "/admin?handler=Password", "/admin?handler=Enabled", "/admin?handler=Setting",
        "/", "/reports", "/audit",
    ];

    [Test]
    public async Task Auditor_EveryChangeCraftedByHand_IsRefusedWith403_AndEachIsAccountedForInTheAuditLog()
    {
        var client = await _web.SignedInAsync(WebLedger.Auditor);
        var before = _web.Scalar("SELECT count(*) FROM AuditEntries WHERE Action NOT LIKE 'auth.%'");

        foreach (var url in ChangeEndpoints)
        {
            var response = await WebLedger.PostFormAsync(client, "/", url, new()
            {
                ["Add.Email"] = "x@example.com", ["Add.Name"] = "X", ["Use.Integration"] = WebLedger.Integration, ["Use.Purpose"] = "x", ["Revoke.Reason"] = "Compromised",
                ["Add.Role"] = "Admin", ["Add.Password"] = "a long enough password", ["Start.Quarter"] = "2026-Q4", ["Offboard.On"] = "2026-11-01", ["Offboard.Tokens"] = "Revoke",
                ["Add.Label"] = "t", ["Add.Kind"] = "ApiKey", ["Add.Owner"] = "ana@example.com", ["Add.Network"] = "Untrusted", ["Change.NewOwner"] = "ana@example.com",
            });
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), url);
        }

        // Refusals on one page after its first are counted, and the counts written when the server stops.
        await _web.App.StopAsync();
        var details = RawSql.Column(_web.DatabasePath, "SELECT Detail FROM AccessEvents WHERE Kind = 'Denied'");
        Assert.That(details.Sum(d => d.Contains(" more between ", StringComparison.Ordinal) ? int.Parse(d[..d.IndexOf(' ', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture) : 1),
            Is.EqualTo(ChangeEndpoints.Length), string.Join("\n", details));
        Assert.That(_web.Scalar("SELECT count(*) FROM AuditEntries WHERE Action NOT LIKE 'auth.%'"), Is.EqualTo(before), "nothing but the refusals was recorded");
    }

    [Test]
    public async Task Officer_OffboardsAPerson_RevokingTheirTokens()
    {
        var client = await _web.SignedInAsync(WebLedger.Officer);
        const string page = "/people/ana@example.com";

        await WebLedger.PostFormAsync(client, page + "?handler=Offboard", page + "?handler=Offboard",
            new() { ["Offboard.On"] = "2026-10-31", ["Offboard.Tokens"] = "Revoke", ["Offboard.ReassignTo"] = "", ["Offboard.Confirmed"] = "true" });

        Assert.That(await client.GetStringAsync(page), Does.Contain("Recorded that Ana Lima left on 2026-10-31."));
        Assert.That(_web.Text("SELECT Status FROM People WHERE Email = 'ana@example.com'"), Is.EqualTo("Departed"));
        Assert.That(_web.Text($"SELECT Status FROM Tokens WHERE Label = '{WebLedger.Token}'"), Is.EqualTo("Revoked"));
    }

    [Test]
    public async Task Officer_ChangesAnIntegrationsOwnerNetworksAndRules()
    {
        await using (var ledger = await Ledger.OpenAsync(new LedgerOptions(_web.DatabasePath, "setup", _web.Clock)))
            await new AddPersonHandler(ledger).HandleAsync(new AddPerson("gus@example.com", "Gus", null));
        var client = await _web.SignedInAsync(WebLedger.Officer);
        const string page = "/integrations/Nightly%20ETL";

        await WebLedger.PostFormAsync(client, page, page + "?handler=Owner", new() { ["Owner.Email"] = "gus@example.com" });
        await WebLedger.PostFormAsync(client, page, page + "?handler=Change", new()
        {
            ["Change.AllowCidrs"] = "203.0.113.0/24", ["Change.RuleKind"] = "ClientName", ["Change.RuleValues"] = "AcmeSync/4.2; AcmeSync/5.0",
        });
        var after = await client.GetStringAsync(page);

        Assert.That(after, Does.Contain("Saved the changes to Nightly ETL.").And.Contain("owner gus@example.com").And.Contain("203.0.113.0/24"));
        Assert.That(after, Does.Contain("AcmeSync/4.2").And.Contain("AcmeSync/5.0"));
        var unchanged = await WebLedger.PostFormAsync(client, page, page + "?handler=Change", new() { ["Change.AllowCidrs"] = "203.0.113.0/24", ["Change.RuleKind"] = "ClientName", ["Change.RuleValues"] = "" });
        Assert.That(await unchanged.Content.ReadAsStringAsync(), Does.Contain("nothing was changed"));
    }

    [Test]
    public async Task Officer_AcknowledgesAndResolvesAFindingWithANote()
    {
        await using (var ledger = await Ledger.OpenAsync(new LedgerOptions(_web.DatabasePath, "setup", _web.Clock)))
        {
            await new AddTokenHandler(ledger).HandleAsync(new AddToken("old-key", TokenKind.ApiKey, "ana@example.com", RotateEveryDays: 30, IssuedAt: new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc)));
            await new RunRulesHandler(ledger).HandleAsync(new RunRules());
        }
        var client = await _web.SignedInAsync(WebLedger.Officer);
        var page = await client.GetStringAsync("/findings");
        var id = WebLedger.Field(page, "Work.Ids");
        Assert.That(id, Is.Not.Empty, page);

        await WebLedger.PostFormAsync(client, "/findings", "/findings", new() { ["Work.Ids[0]"] = id, ["Work.Action"] = "Acknowledge", ["Work.Note"] = "rotation booked for Monday" });
        Assert.That(await client.GetStringAsync("/findings?status=Acknowledged"), Does.Contain("rotation booked for Monday"));
        await WebLedger.PostFormAsync(client, "/findings?status=Acknowledged", "/findings?status=Acknowledged", new() { ["Work.Ids[0]"] = id, ["Work.Action"] = "Resolve", ["Work.Note"] = "rotated" });

        Assert.That(await client.GetStringAsync("/findings?status=Resolved"), Does.Contain("rotated"));
        Assert.That(_web.Text("SELECT Actor FROM AuditEntries WHERE Action = 'finding.resolve' LIMIT 1"), Is.EqualTo(WebLedger.Officer));
    }

    [Test]
    public async Task Review_StartedByAnOfficer_AnAdminAttestsTheirOwnItem_AnAuditorCannot()
    {
        await using (var ledger = await Ledger.OpenAsync(new LedgerOptions(_web.DatabasePath, "setup", _web.Clock)))
        {
            await new AddPersonHandler(ledger).HandleAsync(new AddPerson(WebLedger.Admin, "Ada Admin", null));
            await new AddTokenHandler(ledger).HandleAsync(new AddToken("ada-key", TokenKind.ApiKey, WebLedger.Admin));
        }
        var officer = await _web.SignedInAsync(WebLedger.Officer);
        await WebLedger.PostFormAsync(officer, "/reviews", "/reviews/start", new() { ["Start.Quarter"] = "2026-Q4", ["Start.DueOn"] = "" });
        Assert.That(await officer.GetStringAsync("/reviews"), Does.Contain("Started the review of 2026-Q4"));

        var admin = await _web.SignedInAsync(WebLedger.Admin);
        var page = await admin.GetStringAsync("/reviews");
        var item = WebLedger.Field(page, "Attest.Item");
        await WebLedger.PostFormAsync(admin, "/reviews", "/reviews", new() { ["Attest.Item"] = item, ["Attest.Decision"] = "Keep", ["Attest.Note"] = "still used by the backup job" });
        Assert.That(_web.Text("SELECT Actor FROM AuditEntries WHERE Action = 'review.attest' LIMIT 1"), Is.EqualTo(WebLedger.Admin));

        var auditor = await _web.SignedInAsync(WebLedger.Auditor);
        Assert.That(WebLedger.Html(await auditor.GetStringAsync("/reviews")).QuerySelectorAll("[name='Attest.Decision']"), Is.Empty, "no decision is offered");
    }

    [Test]
    public async Task Admin_GivesANewPassword_WhichLiftsTheWaitAfterFailedSignIns()
    {
        var stranger = _web.Client();
        for (var i = 0; i < 8; i++)
            await WebLedger.SignInAsync(stranger, WebLedger.Officer, "wrong " + i);
        Assert.That((await WebLedger.SignInAsync(_web.Client(), WebLedger.Officer, WebLedger.Password)).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "the account waits");
        var admin = await _web.SignedInAsync(WebLedger.Admin);

        await WebLedger.PostFormAsync(admin, "/admin", "/admin?handler=Password", new() { ["Password.Email"] = WebLedger.Officer, ["Password.Password"] = "a brand new passphrase" });

        Assert.That((await WebLedger.SignInAsync(_web.Client(), WebLedger.Officer, "a brand new passphrase")).StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
    }
}
