using IntegrationLedger.Application.Features.Findings;
using IntegrationLedger.Application.Features.Importing;
using IntegrationLedger.Application.Features.Integrations;
using IntegrationLedger.Application.Features.Reporting;
using IntegrationLedger.Application.Features.Reviews;
using IntegrationLedger.Application.Features.Tokens;
using IntegrationLedger.Application.Tests.Support;
using IntegrationLedger.Domain.Integrations;
using IntegrationLedger.Domain.Reviews;
using IntegrationLedger.Domain.Tokens;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Tests.Features.Reviews;

/// <summary>Access reviews over the sample access exports: each integration account's access level is an item its owner attests.</summary>
public class AccessLevelReviewTests
{
    private static readonly Quarter Q4 = Quarter.Parse("2026-Q4");
    private static readonly DateTime ExportsAsOf = new(2026, 11, 29, 6, 0, 0, DateTimeKind.Utc);
    private const string EtlBotItem = "etl.bot@example.com access level";

    /// <summary>The orbit line of etl.bot's permission-set export, which later exports grant more.</summary>
    private const string EtlBotOrbitLine =
        "005xx000001Uq9kAAC,etl.bot@example.com,Orbit_BI_Full_Access,\"Orbit BI Extract, full access\",false,,true,false,true,true,false,false,false,false";

    private static string Fixture(string file) => Path.Combine(AppContext.BaseDirectory, "samples", "salesforce", file);

    /// <summary>
    /// A ledger on 1 December 2026 with Ana's integration Orbit BI Extract recognised by etl.bot@example.com, the
    /// integrations mailbox as a person (so the accounts whose User rows give it are theirs), and the four sample
    /// exports as of 29 November.
    /// </summary>
    private static async Task<TestLedger> LedgerAsync()
    {
        var test = await TestLedger.CreateAsync();
        test.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
        await test.AddPersonAsync("ana@example.com", "Ana");
        await test.AddPersonAsync("it-integrations@example.com", "Integrations team");
        await new AddIntegrationHandler(test.Ledger).HandleAsync(new AddIntegration(
            "Orbit BI Extract", "Orbit", "ana@example.com", "BI extracts", null, NetworkTrust.Untrusted, ["192.0.2.0/24"],
            [new AttributionRuleSpec(AttributionRuleKind.Account, "etl.bot@example.com")]));
        foreach (var file in new[] { "user.csv", "permissionsetassignment.csv", "twofactormethodsinfo.csv", "userlogin.csv" })
            await ImportAsync(test, Fixture(file), ExportsAsOf);
        return test;
    }

    private static async Task ImportAsync(TestLedger test, string path, DateTime asOf)
    {
        var outcome = await new ImportFileHandler(test.Ledger).HandleAsync(new ImportFile("auto", path, AsOf: asOf));
        Assert.That(outcome.Access, Is.Not.Null, $"{Path.GetFileName(path)} was not read as an access export");
        Assert.That(outcome.Access!.Counts.Rejected, Is.Zero, Path.GetFileName(path));
        test.Clock.Advance(TimeSpan.FromMinutes(5));
    }

    /// <summary>A permission-set export in which etl.bot's Orbit set grants what <paramref name="orbitLine"/> says.</summary>
    private static async Task ImportPermissionSetsAsync(TestLedger test, string name, string orbitLine, DateTime asOf, string? extraLine = null)
    {
        var text = File.ReadAllText(Fixture("permissionsetassignment.csv"));
        Assert.That(text, Does.Contain(EtlBotOrbitLine));
        var content = text.Replace(EtlBotOrbitLine, orbitLine + (extraLine is null ? "" : "\n" + extraLine));
        await ImportAsync(test, Samples.Write(test, name, content), asOf);
    }

    private static async Task<ReviewItemView> EtlBotItemAsync(TestLedger test) =>
        (await new GetReviewStatusHandler(test.Ledger).HandleAsync(Q4)).ItemList.Single(i => i.Subject == EtlBotItem);

    private static async Task<FindingView?> AccessGainedAsync(TestLedger test, string username = "etl.bot@example.com") =>
        (await new RunRulesHandler(test.Ledger).HandleAsync(new RunRules(Rule: "access-gained"))).SingleOrDefault(f => f.Subject == username);

    [Test]
    public async Task Start_AddsAnItemPerIntegrationAccountsAccessLevel_OwnedByTheAccountsOwnerElseItsIntegrationsOwner()
    {
        await using var test = await LedgerAsync();

        var started = await new StartReviewHandler(test.Ledger).HandleAsync(new StartReview(Q4));

        var levels = started.ItemList.Where(i => i.SubjectType == ReviewSubjects.AccountAccess).ToDictionary(i => i.Subject, i => i.Owner);
        // The people's own logins (admin.ops, j.rivera...) are not integration accounts: their access is not an item.
        Assert.That(levels, Is.EquivalentTo(new Dictionary<string, string>
        {
            [EtlBotItem] = "ana@example.com",
            ["etl.bot.old@example.com access level"] = GetReviewStatusHandler.Unassigned,
            ["integration.sync@example.com access level"] = "it-integrations@example.com",
            ["mulesoft.api@example.com access level"] = "it-integrations@example.com",
        }));
        Assert.That(started.ItemList.Count(i => i.SubjectType == ReviewSubjects.Integration), Is.EqualTo(1));
    }

    [Test]
    public async Task TheAttestingView_ListsThePowerfulPermissionsWithTheirSets_ApiOnlyAndMfa()
    {
        await using var test = await LedgerAsync();
        await new StartReviewHandler(test.Ledger).HandleAsync(new StartReview(Q4));

        var status = await new GetReviewStatusHandler(test.Ledger).HandleAsync(Q4);

        var etl = status.ItemList.Single(i => i.Subject == EtlBotItem).Access!;
        Assert.That(etl.Level, Is.EqualTo("holds Modify All Data through permission set Orbit_BI_Full_Access, View All Data through profile Integration User " +
            "and permission set Orbit_BI_Full_Access; not API only; no MFA"));
        Assert.That(etl.Powerful, Is.EqualTo(new[] { "Modify All Data", "View All Data" }));
        Assert.That((etl.ApiOnly, etl.StrongMfa, etl.AsOf), Is.EqualTo(((bool?)false, (bool?)false, (DateTime?)ExportsAsOf)));
        var mulesoft = status.ItemList.Single(i => i.Subject == "mulesoft.api@example.com access level").Access!;
        Assert.That(mulesoft.Level, Is.EqualTo("holds no powerful permission; API only; no MFA"));
        Assert.That(status.ItemList.Single(i => i.Subject == "etl.bot.old@example.com access level").Access!.Level, Does.StartWith("inactive; holds Modify All Data"));
        Assert.That(status.ItemList.Where(i => i.SubjectType != ReviewSubjects.AccountAccess).Select(i => i.Access), Is.All.Null);
    }

    [Test]
    public async Task RevokingAnAccessLevel_IsRecorded_RevokesNoToken_AndSaysWhatToDoInSalesforce()
    {
        await using var test = await LedgerAsync();
        await new AddTokenHandler(test.Ledger).HandleAsync(new AddToken("orbit-token", TokenKind.SalesforceSecurityToken, "ana@example.com", Account: "etl.bot@example.com"));
        await test.UseTokenAsync("orbit-token", "Orbit BI Extract");
        await new StartReviewHandler(test.Ledger).HandleAsync(new StartReview(Q4));
        var item = await EtlBotItemAsync(test);

        var result = await new AttestReviewItemHandler(test.Ledger).HandleAsync(new AttestReviewItem(item.Id, ReviewDecision.Revoke, "Extracts need read access only"));

        Assert.That(result.TokensRevoked, Is.Empty);
        Assert.That((await test.Ledger.Db.Tokens.SingleAsync(t => t.Label == "orbit-token")).Status, Is.EqualTo(TokenStatus.Active));
        Assert.That(result.InSalesforce, Does.Contain("The ledger does not change Salesforce and revoked no token")
            .And.Contain("unassign permission set Orbit_BI_Full_Access from etl.bot@example.com")
            .And.Contain("instead of profile Integration User")
            .And.Contain("import fresh User and permission-set exports"));
        Assert.That((await EtlBotItemAsync(test)).Decision, Is.EqualTo(ReviewDecision.Revoke));
        Assert.That(await test.Ledger.Db.AuditEntries.CountAsync(e => e.Action == "review.attest" && e.EntityType == "ReviewItem"), Is.EqualTo(1));
    }

    [Test]
    public async Task KeepingAnAccessLevel_SilencesTheGainsImportedBefore_ButNotAGainRecordedAfter()
    {
        await using var test = await LedgerAsync();
        var withApex = EtlBotOrbitLine.Replace("true,true,false,false,false,false", "true,true,true,false,false,false", StringComparison.Ordinal);
        await ImportPermissionSetsAsync(test, "permissionsetassignment-apex.csv", withApex, ExportsAsOf.AddDays(1));
        var before = await AccessGainedAsync(test);
        Assert.That(before?.Summary, Does.Contain("gained Author Apex through permission set Orbit_BI_Full_Access").And.Contain("no access review has confirmed it"));

        await new StartReviewHandler(test.Ledger).HandleAsync(new StartReview(Q4));
        test.Clock.Advance(TimeSpan.FromHours(1));
        await new AttestReviewItemHandler(test.Ledger).HandleAsync(new AttestReviewItem((await EtlBotItemAsync(test)).Id, ReviewDecision.Keep, "Apex deploys for the extract, approved by CAB-112"));

        Assert.That(await AccessGainedAsync(test), Is.Null, "the gain was imported before the owner kept the access level");

        test.Clock.Advance(TimeSpan.FromHours(1));
        var withUsers = withApex.Replace("true,true,true,false,false,false", "true,true,true,true,false,false", StringComparison.Ordinal);
        await ImportPermissionSetsAsync(test, "permissionsetassignment-users.csv", withUsers, test.Clock.GetUtcNow().UtcDateTime.AddMinutes(-1));
        var after = await AccessGainedAsync(test);
        Assert.That(after?.Summary, Does.Contain("gained Manage Users").And.Not.Contain("Author Apex").And.Contain("no access review has confirmed it")
            .And.Contain("kept in the access review of 2026-Q4"));

        // A later export that adds nothing powerful still shows the gain since the review, which the two latest exports alone no longer do.
        test.Clock.Advance(TimeSpan.FromHours(1));
        const string ReportBuilder = "005xx000001Uq9kAAC,etl.bot@example.com,Report_Builder,Report Builder,false,,false,false,false,false,false,false,false,false";
        await ImportPermissionSetsAsync(test, "permissionsetassignment-reports.csv", withUsers, test.Clock.GetUtcNow().UtcDateTime.AddMinutes(-1), ReportBuilder);
        Assert.That((await AccessGainedAsync(test))?.Summary, Does.Contain("gained Manage Users").And.Not.Contain("Author Apex"));
    }

    [Test]
    public async Task OnlyKeepConfirmsAGain_ChangeDoesNot()
    {
        await using var test = await LedgerAsync();
        var withApex = EtlBotOrbitLine.Replace("true,true,false,false,false,false", "true,true,true,false,false,false", StringComparison.Ordinal);
        await ImportPermissionSetsAsync(test, "permissionsetassignment-apex.csv", withApex, ExportsAsOf.AddDays(1));
        await new StartReviewHandler(test.Ledger).HandleAsync(new StartReview(Q4));
        test.Clock.Advance(TimeSpan.FromHours(1));

        var result = await new AttestReviewItemHandler(test.Ledger).HandleAsync(new AttestReviewItem((await EtlBotItemAsync(test)).Id, ReviewDecision.Change, "Apex is not the extract's job"));

        Assert.That(result.InSalesforce, Does.StartWith("The ledger does not change Salesforce: reduce etl.bot@example.com's access there"));
        Assert.That((await AccessGainedAsync(test))?.Summary, Does.Contain("gained Author Apex"));
    }

    [Test]
    public async Task TheQuarterlyWorkbooksReviewSheet_ListsAccessLevelItemsLikeTheOthers()
    {
        await using var test = await LedgerAsync();
        await new StartReviewHandler(test.Ledger).HandleAsync(new StartReview(Q4));
        await new AttestReviewItemHandler(test.Ledger).HandleAsync(new AttestReviewItem((await EtlBotItemAsync(test)).Id, ReviewDecision.Keep, "Needed for the extract"));
        var path = Path.Combine(test.Folder, "q4.xlsx");

        await new BuildQuarterlyReportHandler(test.Ledger).HandleAsync(new BuildQuarterlyReport(Q4, path, "Example Corp"));

        using var workbook = new XLWorkbook(path);
        var rows = workbook.Worksheet("Access review").RowsUsed().Skip(1).ToList();
        var etl = rows.Single(r => r.Cell(4).GetString() == EtlBotItem);
        Assert.That((etl.Cell(2).GetString(), etl.Cell(3).GetString(), etl.Cell(5).GetString(), etl.Cell(6).GetString()),
            Is.EqualTo(("ana@example.com", ReviewSubjects.AccountAccess, "keep", "Needed for the extract")));
        Assert.That(rows.Count(r => r.Cell(3).GetString() == ReviewSubjects.AccountAccess), Is.EqualTo(4));
        Assert.That(rows.Select(r => r.Cell(3).GetString()), Does.Contain(ReviewSubjects.Integration));
    }
}
