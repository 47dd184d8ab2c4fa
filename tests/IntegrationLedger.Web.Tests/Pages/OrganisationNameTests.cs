using System.Net;
using ClosedXML.Excel;
using IntegrationLedger.Web.Tests.Support;

namespace IntegrationLedger.Web.Tests.Pages;

/// <summary>The organisation's name, set by an admin on the web, audited, and on the cover of the workbooks the web builds.</summary>
public class OrganisationNameTests
{
    private WebLedger _web = null!;

    [SetUp]
    public async Task Start() => _web = await WebLedger.StartAsync();

    [TearDown]
    public async Task Stop() => await _web.DisposeAsync();

    [Test]
    public async Task Admin_SetsTheOrganisationsName_WhichIsAudited_AndOnTheWorkbooksCover()
    {
        var admin = await _web.SignedInAsync(WebLedger.Admin);

        await WebLedger.PostFormAsync(admin, "/admin", "/admin?handler=Organisation", new() { ["Organisation.Name"] = "Example Corp" });

        var page = await admin.GetStringAsync("/admin");
        Assert.That(page, Does.Contain("The organisation is now called Example Corp"));
        Assert.That(WebLedger.Field(page, "Organisation.Name"), Is.EqualTo("Example Corp"), "the form shows the name in force");
        Assert.That(_web.Text("SELECT Actor FROM AuditEntries WHERE Action = 'settings.set' AND EntityId = 'organisation.name'"), Is.EqualTo(WebLedger.Admin));
        var workbook = await admin.GetAsync($"/reports/Quarterly?Workbook.Quarter={Domain.Reviews.Quarter.Of(_web.Clock.GetUtcNow().UtcDateTime)}");
        Assert.That(workbook.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using var book = new XLWorkbook(await workbook.Content.ReadAsStreamAsync());
        Assert.That(book.Worksheet("Cover").Cell(2, 2).GetString(), Is.EqualTo("Example Corp"));
    }

    [Test]
    public async Task AnEmptyName_IsRefused_NamingTheField_AndNothingIsWritten()
    {
        var admin = await _web.SignedInAsync(WebLedger.Admin);
        var entries = _web.Scalar("SELECT count(*) FROM AuditEntries WHERE Action = 'settings.set'");

        await WebLedger.PostFormAsync(admin, "/admin", "/admin?handler=Organisation", new() { ["Organisation.Name"] = "   " });

        Assert.That(await admin.GetStringAsync("/admin"), Does.Contain("The organisation&#x27;s name must be 1 to 200 characters"));
        Assert.That(_web.Scalar("SELECT count(*) FROM AuditEntries WHERE Action = 'settings.set'"), Is.EqualTo(entries));
    }

    [Test]
    public async Task AnOfficer_CannotSetIt()
    {
        var officer = await _web.SignedInAsync(WebLedger.Officer);
        var token = WebLedger.AntiforgeryToken(await officer.GetStringAsync("/tokens"));

        var response = await officer.PostAsync("/admin?handler=Organisation", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Organisation.Name"] = "Evil Corp",
        }));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(_web.Scalar("SELECT count(*) FROM Settings WHERE Name = 'organisation.name'"), Is.Zero);
    }
}
