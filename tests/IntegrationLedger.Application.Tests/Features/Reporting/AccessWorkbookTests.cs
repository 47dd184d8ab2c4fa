using ClosedXML.Excel;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using IntegrationLedger.Application.Features.Importing;
using IntegrationLedger.Application.Features.Integrations;
using IntegrationLedger.Application.Features.Reporting;
using IntegrationLedger.Application.Features.Tokens;
using IntegrationLedger.Application.Tests.Support;
using IntegrationLedger.Domain.Integrations;
using IntegrationLedger.Domain.People;
using IntegrationLedger.Domain.Reviews;
using IntegrationLedger.Domain.Tokens;

namespace IntegrationLedger.Application.Tests.Features.Reporting;

/// <summary>
/// The workbook's access sheets: the four sample access exports as of 29 November 2026, a second permission-set
/// export on 15 December in which integration.sync gains Modify All Data, and, after the quarter, exports and
/// changes the Q4 workbook must not show.
/// </summary>
public class AccessWorkbookTests
{
    private static readonly Quarter Q4 = Quarter.Parse("2026-Q4");
    private static readonly DateTime ExportsAsOf = new(2026, 11, 29, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime GainAsOf = new(2026, 12, 15, 0, 0, 0, DateTimeKind.Utc);

    private static readonly string[] SampleExports = ["user.csv", "permissionsetassignment.csv", "twofactormethodsinfo.csv", "userlogin.csv"];

    private static async Task<TestLedger> LedgerAsync()
    {
        var test = await TestLedger.CreateAsync();
        // The owners first, so that the accounts the User export adds are theirs (it matches its Email column).
        await test.AddPersonAsync("bi-team@example.com", "BI Team");
        await test.AddPersonAsync("it-integrations@example.com", "IT Integrations");
        test.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));
        foreach (var file in SampleExports)
            await ImportAsync(test, Samples.Salesforce(file), ExportsAsOf);
        await new AddIntegrationHandler(test.Ledger).HandleAsync(new AddIntegration("Orbit BI Extract", "Orbit", "bi-team@example.com", "Reporting extract", null,
            NetworkTrust.Untrusted, [], [new AttributionRuleSpec(AttributionRuleKind.Account, "ETL.Bot@example.com")]));
        await test.AddIntegrationAsync("MuleSoft Case Sync", "it-integrations@example.com");
        await new AddTokenHandler(test.Ledger).HandleAsync(new AddToken("mulesoft-key", TokenKind.SalesforceSecurityToken, "it-integrations@example.com",
            Account: "mulesoft.api@example.com", RotateEveryDays: 90));
        await test.UseTokenAsync("mulesoft-key", "MuleSoft Case Sync");
        await RecordTrainingAsync(test, "bi-team@example.com", new DateOnly(2026, 11, 15));

        test.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 16, 0, 0, 0, TimeSpan.Zero));
        await ImportAsync(test, PermissionSets(test, "permissions-2026-12-15.csv", grantModifyAllTo: "Acme_Sync_Object_Access"), GainAsOf);

        // After the quarter: mulesoft.api gains Modify All Data, an export as of 20 December is imported late (d.novak
        // unfrozen), a new account appears, the token is revoked and more training is recorded. None of it is Q4's.
        test.Clock.SetUtcNow(new DateTimeOffset(2027, 1, 5, 0, 0, 0, TimeSpan.Zero));
        await ImportAsync(test, PermissionSets(test, "permissions-2027-01-03.csv", grantModifyAllTo: "MuleSoft_Case_Sync"), new DateTime(2027, 1, 3, 0, 0, 0, DateTimeKind.Utc));
        var logins = File.ReadAllText(Samples.Salesforce("userlogin.csv")).Replace("\"005xx000001Xd4NAAS\",\"true\"", "\"005xx000001Xd4NAAS\",\"false\"", StringComparison.Ordinal);
        await ImportAsync(test, Samples.Write(test, "userlogin-2026-12-20.csv", logins), new DateTime(2026, 12, 20, 0, 0, 0, DateTimeKind.Utc));
        var newHire = File.ReadAllLines(Samples.Salesforce("user.csv"))[0] + "\n" +
            "005xx000001Zz9AAAS,new.hire@example.com,New Hire,new.hire@example.com,true,Standard,Standard User,Salesforce,,,2027-01-02T09:00:00.000+0000,2027-01-02T09:00:00.000+0000,\n";
        await ImportAsync(test, Samples.Write(test, "user-2027-01-03.csv", newHire), new DateTime(2027, 1, 3, 0, 0, 0, DateTimeKind.Utc));
        await new RevokeTokenHandler(test.Ledger).HandleAsync(new RevokeToken("mulesoft-key", RevocationReason.Unused));
        await RecordTrainingAsync(test, "it-integrations@example.com", new DateOnly(2027, 1, 4));
        return test;
    }

    private static async Task ImportAsync(TestLedger test, string path, DateTime asOf)
    {
        var result = await new ImportFileHandler(test.Ledger).HandleAsync(new ImportFile("auto", path, AsOf: asOf));
        Assert.That(result.Access, Is.Not.Null, $"{path} read as an access export");
        Assert.That((result.Access!.Committed, result.Access.Counts.Rejected), Is.EqualTo((true, 0L)), path);
    }

    /// <summary>The sample PermissionSetAssignment export with Modify All Data granted by one more permission set.</summary>
    private static string PermissionSets(TestLedger test, string name, string grantModifyAllTo)
    {
        var lines = File.ReadAllLines(Samples.Salesforce("permissionsetassignment.csv")).Select(line =>
        {
            var fields = line.Split(',');
            if (fields[2] != grantModifyAllTo)
                return line;
            // PermissionsModifyAllData is the ninth column; no label of these sets holds a comma.
            fields[8] = "true";
            return string.Join(',', fields);
        });
        return Samples.Write(test, name, string.Join('\n', lines) + "\n");
    }

    /// <summary>No use case records training yet (ledger person train is still to come): the record is added as that one would add it, in an audited change.</summary>
    private static async Task RecordTrainingAsync(TestLedger test, string email, DateOnly completedOn)
    {
        var ledger = test.Ledger;
        await using var change = await ledger.BeginChangeAsync("person.train");
        var person = ledger.Db.People.Single(p => p.Email == email);
        ledger.Db.TrainingRecords.Add(new TrainingRecord(person.Id, completedOn, null, ledger.Actor, ledger.Now));
        await change.CommitAsync();
    }

    private static async Task<string> BuildAsync(TestLedger test, Quarter quarter)
    {
        var path = Path.Combine(test.Folder, $"{quarter}.xlsx");
        await new BuildQuarterlyReportHandler(test.Ledger).HandleAsync(new BuildQuarterlyReport(quarter, path, "Example Corp"));
        return path;
    }

    private static List<Dictionary<string, IXLCell>> Rows(XLWorkbook workbook, string sheet)
    {
        var rows = workbook.Worksheet(sheet).RowsUsed().ToList();
        var headers = rows[0].CellsUsed().Select(c => c.GetString()).ToList();
        return rows.Skip(1).Select(r => headers.Select((h, i) => (h, r.Cell(i + 1))).ToDictionary(p => p.h, p => p.Item2)).ToList();
    }

    private static Dictionary<string, IXLCell> Account(XLWorkbook workbook, string username) =>
        Rows(workbook, "Access levels").Single(r => r["Account"].GetString() == username);

    [Test]
    public async Task AccessLevels_ShowEachAccountAsItStoodAtTheEndOfTheQuarter()
    {
        await using var test = await LedgerAsync();

        using var workbook = new XLWorkbook(await BuildAsync(test, Q4));

        var levels = Rows(workbook, "Access levels");
        Assert.That(levels.Select(r => r["Account"].GetString()).ToList(), Has.Count.EqualTo(12).And.Ordered.And.No.EqualTo("new.hire@example.com"),
            "the twelve accounts of the sample User export; the one first seen in January is not Q4's");

        var etl = Account(workbook, "etl.bot@example.com");
        Assert.That(etl["Powerful permissions (granted by)"].GetString(), Is.EqualTo(
            "Modify All Data (permission set Orbit_BI_Full_Access), View All Data (profile Integration User, permission set Orbit_BI_Full_Access)"));
        Assert.That(etl["Permission sets"].GetString(), Is.EqualTo("Integration User (profile); Orbit_BI_Full_Access"));
        Assert.That((etl["Kind"].GetString(), etl["Integration account"].GetString(), etl["Least privileged"].GetString()), Is.EqualTo(("integration", "yes", "no")));
        Assert.That((etl["Owner"].GetString(), etl["Used by"].GetString()), Is.EqualTo(("bi-team@example.com", "Orbit BI Extract")), "used through the attribution rule");
        Assert.That((etl["Active"].GetString(), etl["Frozen"].GetString(), etl["API only"].GetString()), Is.EqualTo(("yes", "no", "no")));
        Assert.That((etl["MFA methods"].GetString(), etl["Strong MFA"].GetString()), Is.EqualTo(("none", "no")));
        Assert.That(etl["Password last changed (UTC)"].GetDateTime(), Is.EqualTo(new DateTime(2026, 2, 10, 11, 20, 44)));
        Assert.That(etl["Password age at period end (days)"].GetDouble(), Is.EqualTo(324), "10 February 2026 11:20 to 1 January 2027");
        Assert.That(etl["As of (UTC)"].GetDateTime(), Is.EqualTo(ExportsAsOf));
        Assert.That(etl["Account"].Style.Fill.BackgroundColor.Color.ToArgb() & 0xFFFFFF, Is.EqualTo(0xF8CBAD), "an over-privileged integration account stands out");

        var mulesoft = Account(workbook, "mulesoft.api@example.com");
        Assert.That((mulesoft["Least privileged"].GetString(), mulesoft["Powerful permissions (granted by)"].GetString(), mulesoft["API only"].GetString()),
            Is.EqualTo(("yes", "none", "yes")), "its Modify All Data of January is not Q4's");
        Assert.That(mulesoft["Licence"].GetString(), Is.EqualTo("Salesforce Integration"));
        Assert.That(mulesoft["Used by"].GetString(), Is.EqualTo("MuleSoft Case Sync"), "through its token, revoked only in January");
        Assert.That(mulesoft["Password age at period end (days)"].GetDouble(), Is.EqualTo(183));

        var sync = Account(workbook, "integration.sync@example.com");
        Assert.That(sync["Powerful permissions (granted by)"].GetString(), Does.StartWith("Modify All Data (permission set Acme_Sync_Object_Access)"), "the gain of 15 December");
        Assert.That(sync["As of (UTC)"].GetDateTime(), Is.EqualTo(GainAsOf), "its latest snapshot");
        Assert.That(Account(workbook, "d.novak@example.com")["Frozen"].GetString(), Is.EqualTo("yes"), "the unfreezing recorded in January is not Q4's, though it is as of December");
        var rivera = Account(workbook, "j.rivera@example.com");
        Assert.That((rivera["Kind"].GetString(), rivera["Integration account"].GetString(), rivera["Least privileged"].GetString()), Is.EqualTo(("personal", "no", "")),
            "least privilege is asked of integration accounts");
        Assert.That((rivera["MFA methods"].GetString(), rivera["Strong MFA"].GetString()),
            Is.EqualTo(("Salesforce Authenticator, verified mobile number, mobile number verified by the user", "yes")));
    }

    [Test]
    public async Task AccessChanges_ListTheGainAndTheAccountsFirstSeen_OfTheQuarterOnly()
    {
        await using var test = await LedgerAsync();

        using var workbook = new XLWorkbook(await BuildAsync(test, Q4));

        var changes = Rows(workbook, "Access changes");
        var gain = changes.Single(r => r["What changed"].GetString() != "first seen");
        Assert.That(gain["Account"].GetString(), Is.EqualTo("integration.sync@example.com"));
        Assert.That(gain["What changed"].GetString(), Is.EqualTo("gained Modify All Data through permission set Acme_Sync_Object_Access"));
        Assert.That((gain["Export"].GetString(), gain["File"].GetString()), Is.EqualTo(("PermissionSetAssignment (permission sets)", "permissions-2026-12-15.csv")));
        Assert.That(gain["As of (UTC)"].GetDateTime(), Is.EqualTo(GainAsOf));
        Assert.That(gain["Account"].Style.Fill.BackgroundColor.Color.ToArgb() & 0xFFFFFF, Is.EqualTo(0xF8CBAD), "a powerful permission gained stands out");

        var firstSeen = changes.Where(r => r["What changed"].GetString() == "first seen").ToList();
        Assert.That(firstSeen, Has.Count.EqualTo(12), "every account of the sample export, first seen on 29 November");
        Assert.That(firstSeen.Select(r => (r["As of (UTC)"].GetDateTime(), r["Export"].GetString(), r["File"].GetString())).Distinct(),
            Is.EqualTo(new[] { (ExportsAsOf, "User (user details)", "user.csv") }));
        Assert.That(changes.Select(r => r["Account"].GetString()), Has.None.EqualTo("new.hire@example.com"));
        Assert.That(changes.Select(r => r["What changed"].GetString()), Has.None.Contains("unfrozen").And.None.Contains("MuleSoft"), "January's imports are not Q4's");
    }

    [Test]
    public async Task Summary_GivesMfaCoverageAndLeastPrivilege_AsCountedByHandFromTheSamples()
    {
        await using var test = await LedgerAsync();

        using var workbook = new XLWorkbook(await BuildAsync(test, Q4));

        var figures = Rows(workbook, "Summary").ToDictionary(r => r["Figure"].GetString());
        // Browser sign-ins: every active, unfrozen account that is not API-only (mulesoft.api is; d.novak is frozen;
        // etl.bot.old inactive): nine. Strong methods: j.rivera (Salesforce Authenticator), a.okafor (security key),
        // k.patel (Salesforce Authenticator, built-in) and l.moreau (TOTP); email, text and temporary codes do not count.
        var mfa = figures[AccessSheets.MfaCoverage];
        Assert.That(mfa["Value"].GetDouble(), Is.EqualTo(4));
        Assert.That(mfa["Note"].GetString(), Does.StartWith("4 of 9 (44.4%) of the accounts that sign in through the browser, at the end of the quarter"));
        // Integration accounts: integration.sync, mulesoft.api, etl.bot and etl.bot.old (usernames that are not their
        // email, or the Integration licence). Only mulesoft.api holds none of the powerful permissions: the Integration
        // User profile grants View All Data, and etl.bot.old, inactive, still holds Orbit_BI_Full_Access.
        var least = figures[AccessSheets.LeastPrivilege];
        Assert.That(least["Value"].GetDouble(), Is.EqualTo(1));
        Assert.That(least["Note"].GetString(), Does.StartWith("1 of 4 (25.0%) of the integration accounts hold none of the powerful permissions, at the end of the quarter"));
    }

    [Test]
    public async Task AQuarterBeforeAnyAccessExport_SaysSo_RatherThanZeroPercent()
    {
        await using var test = await LedgerAsync();

        using var workbook = new XLWorkbook(await BuildAsync(test, Quarter.Parse("2026-Q3")));

        var figures = Rows(workbook, "Summary").ToDictionary(r => r["Figure"].GetString());
        foreach (var figure in new[] { AccessSheets.MfaCoverage, AccessSheets.LeastPrivilege })
        {
            Assert.That(figures[figure]["Value"].IsEmpty(), Is.True, figure);
            Assert.That(figures[figure]["Note"].GetString(), Does.StartWith("no access exports"), figure);
        }
        Assert.That(Rows(workbook, "Access levels"), Is.Empty, "the accounts were added in December");
        Assert.That(Rows(workbook, "Access changes"), Is.Empty);
        Assert.That(Rows(workbook, "Training"), Is.Empty);
    }

    [Test]
    public async Task Training_ListsTheRecordsHeldAtTheEndOfTheQuarter()
    {
        await using var test = await LedgerAsync();

        using var workbook = new XLWorkbook(await BuildAsync(test, Q4));

        var training = Rows(workbook, "Training").Single();
        Assert.That((training["Person"].GetString(), training["Course"].GetString(), training["Recorded by"].GetString()),
            Is.EqualTo(("bi-team@example.com", TrainingRecord.DefaultCourse, "tester")), "the record of January is not Q4's");
        Assert.That(training["Completed on"].GetDateTime(), Is.EqualTo(new DateTime(2026, 11, 15)));
    }

    [Test]
    public async Task NewSheets_AreTablesWithFrozenHeaders_ExplainedByTheGuide_AndTheWorkbookValidates()
    {
        await using var test = await LedgerAsync();

        var path = await BuildAsync(test, Q4);
        using (var workbook = new XLWorkbook(path))
        {
            var names = workbook.Worksheets.Select(w => w.Name).ToList();
            Assert.That(names, Is.SupersetOf(new[] { "Access levels", "Access changes", "Training" }));
            Assert.That(names.IndexOf("Access levels"), Is.EqualTo(names.IndexOf("Token usage") + 1));
            var guide = Rows(workbook, "How to read").Select(r => r["Topic"].GetString()).ToList();
            foreach (var name in new[] { "Access levels", "Access changes", "Training" })
            {
                var sheet = workbook.Worksheet(name);
                Assert.That(sheet.Tables.Count(), Is.EqualTo(1), name);
                Assert.That(sheet.SheetView.SplitRow, Is.EqualTo(1), name);
                Assert.That(guide, Does.Contain(name), $"the guide explains {name}");
            }
        }
        using var document = SpreadsheetDocument.Open(path, false);
        var errors = new OpenXmlValidator(FileFormatVersions.Office2013).Validate(document).Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}").ToList();
        Assert.That(errors, Is.Empty);
    }

    [Test]
    public async Task TextFromAnExport_ThatLooksLikeAFormula_StaysText()
    {
        await using var test = await TestLedger.CreateAsync();
        test.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));
        await ImportAsync(test, Samples.Salesforce("user.csv"), ExportsAsOf);
        await ImportAsync(test, Samples.Salesforce("permissionsetassignment.csv"), ExportsAsOf);
        var formula = File.ReadAllText(Samples.Salesforce("permissionsetassignment.csv"))
            + "005xx000001Tb3RAAS,a.okafor@example.com,\"=HYPERLINK(\"\"http://example.com\"\")\",=1+1,false,,false,false,false,false,false,false,false,false\n";
        await ImportAsync(test, Samples.Write(test, "formula.csv", formula), ExportsAsOf.AddDays(1));

        using var workbook = new XLWorkbook(await BuildAsync(test, Q4));

        Assert.That(Account(workbook, "a.okafor@example.com")["Permission sets"].GetString(), Does.EndWith("; =HYPERLINK(\"http://example.com\")"));
        var change = Rows(workbook, "Access changes").Single(r => r["Account"].GetString() == "a.okafor@example.com" && r["What changed"].GetString() != "first seen");
        Assert.That(change["What changed"].GetString(), Is.EqualTo("assigned permission set =HYPERLINK(\"http://example.com\")"));
        Assert.That(workbook.Worksheets.SelectMany(w => w.CellsUsed()).Any(c => c.HasFormula), Is.False, "nothing in the workbook is a formula");
    }
}
