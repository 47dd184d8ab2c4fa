using System.Net;
using IntegrationLedger.Application;
using IntegrationLedger.Application.Features.Importing;
using IntegrationLedger.Application.Features.Integrations;
using IntegrationLedger.Application.Features.People;
using IntegrationLedger.Application.Features.Reviews;
using IntegrationLedger.Domain.Integrations;
using IntegrationLedger.Domain.Reviews;
using IntegrationLedger.Web.Tests.Support;

namespace IntegrationLedger.Web.Tests.Pages;

/// <summary>
/// The Reviews page shows the owner of an integration account's access level what the account holds now, and a
/// revoke of it is recorded without the confirmation step of a token revocation (it revokes nothing).
/// </summary>
public class AccessLevelReviewPageTests
{
    private const string EtlItem = "AccountAccess: etl.bot@example.com access level";

    /// <summary>etl.bot's rows of the sample User and PermissionSetAssignment exports.</summary>
    private const string Users =
        "Id,Username,Name,Email,IsActive,UserType,Profile.Name,Profile.UserLicense.Name,UserRole.Name,LastLoginDate,LastPasswordChangeDate,CreatedDate,FederationIdentifier\n" +
        "005xx000001Uq9kAAC,etl.bot@example.com,ETL Bot,bi-team@example.com,true,Standard,Integration User,Salesforce,,2026-10-28T13:49:31.000+0000,2026-02-10T11:20:44.000+0000,2024-10-21T13:58:02.000+0000,\n";

    private const string PermissionSets =
        "AssigneeId,Assignee.Username,PermissionSet.Name,PermissionSet.Label,PermissionSet.IsOwnedByProfile,PermissionSet.Profile.Name,PermissionSet.PermissionsApiEnabled,PermissionSet.PermissionsApiUserOnly,PermissionSet.PermissionsModifyAllData,PermissionSet.PermissionsViewAllData,PermissionSet.PermissionsAuthorApex,PermissionSet.PermissionsManageUsers,PermissionSet.PermissionsCustomizeApplication,PermissionSet.PermissionsBypassMFAForUiLogins\n" +
        "005xx000001Uq9kAAC,etl.bot@example.com,X00exx000000Kq7ZAAS,00exx000000Kq7ZAAS,true,Integration User,true,false,false,true,false,false,false,false\n" +
        "005xx000001Uq9kAAC,etl.bot@example.com,Orbit_BI_Full_Access,\"Orbit BI Extract, full access\",false,,true,false,true,true,false,false,false,false\n";

    private WebLedger _web = null!;

    [SetUp]
    public async Task Start()
    {
        _web = await WebLedger.StartAsync();
        await using var ledger = await Ledger.OpenAsync(new LedgerOptions(_web.DatabasePath, "setup", _web.Clock));
        await new AddPersonHandler(ledger).HandleAsync(new AddPerson(WebLedger.Officer, "Olga Officer", "Security"));
        await new AddIntegrationHandler(ledger).HandleAsync(new AddIntegration("Orbit BI Extract", "Orbit", WebLedger.Officer, "BI extracts", null, NetworkTrust.Untrusted, [],
            [new AttributionRuleSpec(AttributionRuleKind.Account, "etl.bot@example.com")]));
        var asOf = _web.Clock.GetUtcNow().UtcDateTime.AddDays(-1);
        foreach (var (name, content) in new[] { ("user.csv", Users), ("permissionsetassignment.csv", PermissionSets) })
        {
            var path = Path.Combine(_web.Folder, name);
            await File.WriteAllTextAsync(path, content);
            var outcome = await new ImportFileHandler(ledger).HandleAsync(new ImportFile("auto", path, AsOf: asOf));
            Assert.That(outcome.Access?.Counts.Rejected, Is.Zero, name);
        }
        await new StartReviewHandler(ledger).HandleAsync(new StartReview(Quarter.Of(asOf)));
    }

    [TearDown]
    public async Task Stop() => await _web.DisposeAsync();

    [Test]
    public async Task TheOwnerSeesTheAccessLevelNow_AndARevokeIsRecordedAtOnce_WithWhatToDoInSalesforce()
    {
        var client = await _web.SignedInAsync(WebLedger.Officer);

        var page = await client.GetStringAsync("/reviews");
        var row = WebLedger.Html(page).QuerySelectorAll("tr").Single(r => r.TextContent.Contains(EtlItem, StringComparison.Ordinal));
        Assert.That(row.QuerySelector(".access-level")!.TextContent, Does.Contain("Least privilege: keep, change or revoke? Now: holds Modify All Data through permission set Orbit_BI_Full_Access")
            .And.Contain("not API only"));
        var item = row.QuerySelectorAll("input").Single(i => i.GetAttribute("name") == "Attest.Item").GetAttribute("value")!;

        var revoked = await WebLedger.PostFormAsync(client, "/reviews", "/reviews",
            new() { ["Attest.Item"] = item, ["Attest.Decision"] = "Revoke", ["Attest.Note"] = "Read access is enough" });

        Assert.That(revoked.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), "no confirmation step: nothing is revoked");
        var told = WebLedger.Html(await client.GetStringAsync("/reviews")).Body!.TextContent;
        Assert.That(told, Does.Contain("Recorded 'revoke' for etl.bot@example.com access level. The ledger does not change Salesforce and revoked no token")
            .And.Contain("unassign permission set Orbit_BI_Full_Access from etl.bot@example.com"));
        Assert.That(_web.Text("SELECT Decision FROM ReviewItems WHERE Subject = 'etl.bot@example.com access level'"), Is.EqualTo(nameof(ReviewDecision.Revoke)));
        var after = WebLedger.Html(await client.GetStringAsync("/reviews")).Body!.TextContent;
        Assert.That(after, Does.Not.Contain("unassign permission set"), "the instruction is said once, with the decision");
    }
}
