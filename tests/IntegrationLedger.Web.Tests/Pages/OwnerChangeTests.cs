using System.Net;
using IntegrationLedger.Application;
using IntegrationLedger.Application.Features.People;
using IntegrationLedger.Web.Tests.Support;

namespace IntegrationLedger.Web.Tests.Pages;

/// <summary>"Change owner" on a token's and an integration's page: audited, and refused beside the field for someone who left or is unknown.</summary>
public class OwnerChangeTests
{
    private const string TokenPage = $"/tokens/{WebLedger.Token}";
    private const string IntegrationPage = "/integrations/Nightly%20ETL";
    private WebLedger _web = null!;

    [SetUp]
    public async Task Start()
    {
        _web = await WebLedger.StartAsync();
        await using var ledger = await Ledger.OpenAsync(new LedgerOptions(_web.DatabasePath, "setup", _web.Clock));
        await new AddPersonHandler(ledger).HandleAsync(new AddPerson("gus@example.com", "Gus Reyes", "Ops"));
        await new AddPersonHandler(ledger).HandleAsync(new AddPerson("lee@example.com", "Lee Park", "Ops"));
        await new OffboardPersonHandler(ledger).HandleAsync(new OffboardPerson("lee@example.com", new DateOnly(2026, 6, 30)));
    }

    [TearDown]
    public async Task Stop() => await _web.DisposeAsync();

    [TestCase(TokenPage, "token.owner", "etl-token is now owned by gus@example.com.")]
    [TestCase(IntegrationPage, "integration.owner", "Nightly ETL is now owned by gus@example.com.")]
    public async Task Officer_ChangesTheOwner_WhichIsAudited(string page, string action, string said)
    {
        var client = await _web.SignedInAsync(WebLedger.Officer);

        var response = await WebLedger.PostFormAsync(client, page, page + "?handler=Owner", new() { ["Owner.Email"] = "gus@example.com" });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(WebLedger.Html(await client.GetStringAsync(page)).QuerySelector("[role=status]")!.TextContent, Is.EqualTo(said));
        Assert.That(_web.Text($"SELECT Actor FROM AuditEntries WHERE Action = '{action}'"), Is.EqualTo(WebLedger.Officer));
    }

    [TestCase(TokenPage, "lee@example.com", "departed on 2026-06-30")]
    [TestCase(IntegrationPage, "lee@example.com", "has departed")]
    [TestCase(TokenPage, "nobody@example.com", "No person with email 'nobody@example.com'")]
    [TestCase(IntegrationPage, "nobody@example.com", "No person with email 'nobody@example.com'")]
    public async Task AnOwnerWhoLeftOrIsUnknown_IsRefusedBesideTheField_KeepingWhatWasTyped(string page, string owner, string reason)
    {
        var client = await _web.SignedInAsync(WebLedger.Officer);
        var before = _web.Scalar("SELECT count(*) FROM AuditEntries WHERE Action LIKE '%.owner'");

        var response = await WebLedger.PostFormAsync(client, page, page + "?handler=Owner", new() { ["Owner.Email"] = owner });

        var html = WebLedger.Html(await response.Content.ReadAsStringAsync());
        var field = html.QuerySelector("input[name='Owner.Email']")!;
        Assert.That(field.GetAttribute("value"), Is.EqualTo(owner));
        Assert.That(field.GetAttribute("aria-invalid"), Is.EqualTo("true"));
        Assert.That(html.GetElementById(field.GetAttribute("aria-describedby")!)!.TextContent, Does.Contain(reason));
        Assert.That(_web.Scalar("SELECT count(*) FROM AuditEntries WHERE Action LIKE '%.owner'"), Is.EqualTo(before));
    }

    [Test]
    public async Task TheOwnerField_OffersThePeopleWhoHaveNotLeft()
    {
        var client = await _web.SignedInAsync(WebLedger.Officer);

        var html = WebLedger.Html(await client.GetStringAsync(TokenPage));

        var list = html.GetElementById(html.QuerySelector("input[name='Owner.Email']")!.GetAttribute("list")!)!;
        Assert.That(list.QuerySelectorAll("option").Select(o => o.GetAttribute("value")), Is.EqualTo(new[] { "ana@example.com", "gus@example.com" }));
    }
}
