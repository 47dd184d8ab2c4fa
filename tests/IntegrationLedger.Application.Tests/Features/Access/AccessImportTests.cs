using System.IO.Compression;
using IntegrationLedger.Application.Features.Importing;
using IntegrationLedger.Application.Tests.Support;
using IntegrationLedger.Domain.Access;
using IntegrationLedger.Domain.Accounts;
using Microsoft.EntityFrameworkCore;
using static IntegrationLedger.Application.Tests.Features.Access.AccessScenario;

namespace IntegrationLedger.Application.Tests.Features.Access;

/// <summary>The four access exports: recognised, read into snapshots with history, every change audited, bad input refused whole.</summary>
public class AccessImportTests
{
    [TestCase("user.csv", "sf-users", 12)]
    [TestCase("permissionsetassignment.csv", "sf-permission-sets", 21)]
    [TestCase("twofactormethodsinfo.csv", "sf-mfa", 11)]
    [TestCase("userlogin.csv", "sf-user-logins", 12)]
    public async Task Auto_RecognisesEachAccessExport(string file, string format, int rows)
    {
        await using var test = await LedgerAsync();
        if (file != "user.csv")
            await ImportSampleAsync(test, "user.csv");

        var result = await ImportSampleAsync(test, file);

        Assert.That((result.Format, result.FormatDetected, result.Counts.Read, result.Counts.Rejected, result.Committed), Is.EqualTo((format, true, (long)rows, 0L, true)));
    }

    [Test]
    public async Task Auto_UserExport_IsNotTakenForThePeopleTemplate()
    {
        await using var test = await LedgerAsync();

        var result = await ImportSampleAsync(test, "user.csv");

        Assert.That(result.Format, Is.EqualTo("sf-users"), "a User export has Email and Name, as the people template does, but fits sf-users better");
        Assert.That(await test.Ledger.Db.People.CountAsync(), Is.Zero, "no person is made from a Salesforce user");
        Assert.That(await test.Ledger.Db.Accounts.CountAsync(), Is.EqualTo(12));
    }

    [Test]
    public async Task Auto_HeaderThatFitsTwoFormatsEqually_IsRefusedNamingBoth()
    {
        await using var test = await LedgerAsync();
        var path = Samples.Write(test, "mixed.csv", "UserId,IsFrozen,HasTotp\n005xx000001Va1MAAS,false,true\n");

        var refusal = Assert.ThrowsAsync<ImportFileException>(() => ImportAsync(test, path));

        Assert.That(refusal!.Message, Does.Contain("sf-mfa").And.Contain("sf-user-logins").And.Contain("name the format"));
    }

    [Test]
    public async Task Import_FourExports_GiveEachAccountsAccess()
    {
        await using var test = await LedgerAsync();

        await ImportAllAsync(test);

        var etl = await AccessOfAsync(test, "etl.bot@example.com");
        Assert.That(etl.PowerfulHeld, Is.EqualTo(SalesforcePermissions.ModifyAllData | SalesforcePermissions.ViewAllData));
        Assert.That(etl.SourcesOf(SalesforcePermissions.ModifyAllData), Is.EqualTo(new[] { "permission set Orbit_BI_Full_Access" }));
        Assert.That(etl.IsApiOnly, Is.False);
        var mulesoft = await AccessOfAsync(test, "mulesoft.api@example.com");
        Assert.That((mulesoft.IsApiOnly, mulesoft.PowerfulHeld, mulesoft.SignsInThroughBrowser), Is.EqualTo((true, SalesforcePermissions.None, false)));
        var admin = await AccessOfAsync(test, "admin.ops@example.com");
        Assert.That((admin.HasStrongMfa, admin.Holds(SalesforcePermissions.BypassMfaForUiLogins)), Is.EqualTo((false, true)));
        Assert.That(admin.MfaMethods, Is.EqualTo(MfaMethods.UserVerifiedEmailAddress));
        var rivera = await AccessOfAsync(test, "j.rivera@example.com");
        Assert.That(rivera.HasStrongMfa, Is.True, "Salesforce Authenticator is strong");
        var novak = await AccessOfAsync(test, "d.novak@example.com");
        Assert.That((novak.IsActive, novak.IsFrozen, novak.CanSignIn), Is.EqualTo(((bool?)true, (bool?)true, false)), "frozen but still active");
        Assert.That((await AccessOfAsync(test, "l.moreau@example.com")).Login!.IsPasswordLocked, Is.True);
        var old = await AccessOfAsync(test, "etl.bot.old@example.com");
        Assert.That((old.IsActive, old.MfaMethods), Is.EqualTo(((bool?)false, (MfaMethods?)MfaMethods.None)), "no TwoFactorMethodsInfo row is no method");
        Assert.That(old.User!.LastPasswordChangeAt, Is.EqualTo(new DateTime(2023, 5, 9, 16, 20, 0, DateTimeKind.Utc)), "+0000 times are UTC");
    }

    [Test]
    public async Task Import_TheSameExportAgain_ChangesNothing()
    {
        await using var test = await LedgerAsync();
        await ImportAllAsync(test);
        var snapshots = await test.Ledger.Db.AccessSnapshots.CountAsync();

        var again = await ImportSampleAsync(test, "permissionsetassignment.csv");

        Assert.That((again.Counts.Unchanged, again.Counts.Recorded), Is.EqualTo((12L, 0L)));
        Assert.That(await test.Ledger.Db.AccessSnapshots.CountAsync(), Is.EqualTo(snapshots));
    }

    [Test]
    public async Task Import_LaterExportWithAGain_RecordsTheChangeInTheAuditLog()
    {
        await using var test = await LedgerAsync();
        await ImportSampleAsync(test, "user.csv");
        await ImportSampleAsync(test, "permissionsetassignment-earlier.csv", ExportedAt.AddDays(-7));

        var later = await ImportSampleAsync(test, "permissionsetassignment.csv");

        Assert.That((later.Counts.Changed, later.Counts.Unchanged), Is.EqualTo((1L, 11L)));
        Assert.That(later.Changes.Single().Username, Is.EqualTo("etl.bot@example.com"));
        Assert.That(later.Changes.Single().Changes, Does.Contain("gained Modify All Data through permission set Orbit_BI_Full_Access"));
        var logged = await test.Ledger.Db.AuditEntries.Where(e => e.EntityType == nameof(AccessChangeRecord) && e.After!.Contains("gained Modify All Data")).CountAsync();
        Assert.That(logged, Is.EqualTo(1), "the change is in the hash-chained log");
        var before = await AccessOfAsync(test, "etl.bot@example.com", ExportedAt.AddDays(-1));
        Assert.That(before.Holds(SalesforcePermissions.ModifyAllData), Is.False, "as of the day before, the gain had not happened");
    }

    [Test]
    public async Task Import_OlderExport_IsKeptAsHistoryNotAsTheCurrentState()
    {
        await using var test = await LedgerAsync();
        await ImportSampleAsync(test, "user.csv");
        await ImportSampleAsync(test, "permissionsetassignment.csv");

        var older = await ImportSampleAsync(test, "permissionsetassignment-earlier.csv", ExportedAt.AddDays(-7));

        Assert.That((older.Counts.History, older.Counts.Changed, older.LaterHeld), Is.EqualTo((12L, 0L, (DateTime?)ExportedAt)),
            "every account's earlier state is history: the ledger knew nothing of them that early");
        Assert.That(ImportSummary.Of(await ImportAsync(test, Samples.Salesforce("permissionsetassignment-earlier.csv"), ExportedAt.AddDays(-7))).Figures, Does.Contain("unchanged 12"));
        Assert.That((await AccessOfAsync(test, "etl.bot@example.com")).Holds(SalesforcePermissions.ModifyAllData), Is.True, "the current state is the latest export's");
        Assert.That((await AccessOfAsync(test, "etl.bot@example.com", ExportedAt.AddDays(-3))).Holds(SalesforcePermissions.ModifyAllData), Is.False, "history shows the earlier state");
    }

    [Test]
    public async Task Import_OlderExport_SaysSoInItsSummary()
    {
        await using var test = await LedgerAsync();
        await ImportSampleAsync(test, "user.csv");
        await ImportSampleAsync(test, "permissionsetassignment.csv");

        var outcome = await ImportAsync(test, Samples.Salesforce("permissionsetassignment-earlier.csv"), ExportedAt.AddDays(-7));

        Assert.That(ImportSummary.Of(outcome).Note, Does.Contain("kept as history, not taken as the current state"));
    }

    [Test]
    public async Task Import_UserIdsNotInAnyUserExport_AreRefusedWholeNamingLineAndField()
    {
        await using var test = await LedgerAsync();

        var outcome = await ImportAsync(test, Samples.Salesforce("twofactormethodsinfo.csv"));

        Assert.That(outcome.Rejected, Is.True);
        Assert.That(outcome.Errors[0], Is.EqualTo(new RowError(2, "UserId",
            "user 005xx000001Va1MAAS is in no User export the ledger holds; import the User export (sf-users) of the same org first, or with this file")));
        Assert.That(await test.Ledger.Db.AccessSnapshots.CountAsync(), Is.Zero);
        Assert.That(await test.Ledger.Db.ImportBatches.CountAsync(), Is.Zero, "nothing half-written");
    }

    [Test]
    public async Task Import_APermissionValueThatIsNoBoolean_IsRefusedNamingTheColumn()
    {
        await using var test = await LedgerAsync();
        await ImportSampleAsync(test, "user.csv");
        var text = File.ReadAllText(Samples.Salesforce("permissionsetassignment.csv"));
        var path = Samples.Write(test, "psa.csv", text.Replace("Orbit BI Extract, full access\",false,,true,false,true", "Orbit BI Extract, full access\",false,,true,false,yes"));

        var outcome = await ImportAsync(test, path);

        Assert.That(outcome.Rejected, Is.True);
        Assert.That(outcome.Errors.Select(e => (e.Field, e.Reason)), Has.Member(("PermissionSet.PermissionsModifyAllData", "'yes' is not a yes or no (1, 0, true or false)")));
        Assert.That(await test.Ledger.Db.AccessSnapshots.CountAsync(a => a.Facet == AccessFacet.PermissionSets), Is.Zero);
    }

    [Test]
    public async Task Import_UnknownAccounts_AreAddedAndLinkedToTheirPersonByEmail()
    {
        await using var test = await LedgerAsync();
        await test.AddPersonAsync("j.rivera@example.com", "Jordan Rivera");

        await ImportSampleAsync(test, "user.csv");

        var accounts = await test.Ledger.Db.Accounts.ToDictionaryAsync(a => a.Username);
        var rivera = await test.Ledger.Db.People.SingleAsync(p => p.Email == "j.rivera@example.com");
        Assert.That((accounts["j.rivera@example.com"].OwnerId, accounts["j.rivera@example.com"].Kind), Is.EqualTo(((Guid?)rivera.Id, AccountKind.Personal)));
        Assert.That((accounts["integration.sync@example.com"].OwnerId, accounts["integration.sync@example.com"].Kind), Is.EqualTo(((Guid?)null, AccountKind.Integration)),
            "a shared mailbox is nobody in the ledger: the account waits for an owner");
        Assert.That(accounts["mulesoft.api@example.com"].PlatformUserId, Is.EqualTo("005xx000001Sv8QAAS"));
    }

    [Test]
    public async Task Import_AMissingPermissionColumn_IsUnknownSoHoldingItLaterIsNoGain()
    {
        await using var test = await LedgerAsync();
        await ImportSampleAsync(test, "user.csv");
        var earlier = Samples.Write(test, "psa-narrow.csv",
            "AssigneeId,PermissionSet.Name,PermissionSet.PermissionsApiEnabled\n005xx000001Uq9kAAC,Orbit_BI_Full_Access,true\n");
        await ImportAsync(test, earlier, ExportedAt.AddDays(-7));

        var later = await ImportSampleAsync(test, "permissionsetassignment.csv");

        var change = later.Changes.Single(c => c.Username == "etl.bot@example.com").Changes;
        Assert.That(change, Does.Not.Contain("gained Modify All Data"), "the earlier export did not say, so it is no gain");
        Assert.That(change, Does.Contain("assigned profile Integration User"));
    }

    [Test]
    public async Task Import_FifteenCharacterIdsAndUpperCaseHeaders_MatchTheUsers()
    {
        await using var test = await LedgerAsync();
        await ImportSampleAsync(test, "user.csv");
        var path = Samples.Write(test, "logins.csv", "\"USERID\",\"ISFROZEN\",\"ISPASSWORDLOCKED\"\n\"005xx000001Xd4N\",\"TRUE\",\"0\"\n");

        var outcome = await ImportAsync(test, path);

        Assert.That(outcome.Errors, Is.Empty);
        Assert.That((await AccessOfAsync(test, "d.novak@example.com")).IsFrozen, Is.True);
    }

    [Test]
    public async Task Import_GzipAndZip_ReadAsThePlainFile()
    {
        await using var test = await LedgerAsync();
        var gzip = Path.Combine(test.Folder, "user.csv.gz");
        await using (var output = File.Create(gzip))
        await using (var compressor = new GZipStream(output, CompressionLevel.Fastest))
            await using (var input = File.OpenRead(Samples.Salesforce("user.csv")))
                await input.CopyToAsync(compressor);
        var zip = Path.Combine(test.Folder, "logins.zip");
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
            archive.CreateEntryFromFile(Samples.Salesforce("userlogin.csv"), "UserLogin.csv");

        var users = await ImportAsync(test, gzip);
        var logins = await ImportAsync(test, zip);

        Assert.That((users.Format, users.Read, users.RejectedRows), Is.EqualTo(("sf-users", 12L, 0L)));
        Assert.That((logins.Format, logins.Read, logins.RejectedRows), Is.EqualTo(("sf-user-logins", 12L, 0L)));
    }

    [Test]
    public async Task Import_DryRun_WritesNothing()
    {
        await using var test = await LedgerAsync();

        var outcome = await ImportAsync(test, Samples.Salesforce("user.csv"), dryRun: true);

        Assert.That((outcome.Access!.Counts.FirstRecorded, outcome.Committed), Is.EqualTo((12L, false)));
        Assert.That(await test.Ledger.Db.Accounts.CountAsync(), Is.Zero);
    }

    [Test]
    public async Task Import_AMomentInTheFuture_IsRefused()
    {
        await using var test = await LedgerAsync();

        Assert.ThrowsAsync<FluentValidation.ValidationException>(() => ImportAsync(test, Samples.Salesforce("user.csv"), test.Ledger.Now.AddDays(2)));
    }

    [Test]
    public async Task Import_AFolderInAnyOrder_ReadsTheUserExportFirst()
    {
        await using var test = await LedgerAsync();
        var folder = Directory.CreateDirectory(Path.Combine(test.Folder, "access")).FullName;
        // Named so that the folder's order puts every other export before the User export.
        File.Copy(Samples.Salesforce("user.csv"), Path.Combine(folder, "z-users.csv"));
        foreach (var file in FourExports.Skip(1))
            File.Copy(Samples.Salesforce(file), Path.Combine(folder, "a-" + file));

        var run = await new ImportSetHandler(test.Ledger).HandleAsync(new ImportSet("auto", [folder]) { AsOf = ExportedAt });

        Assert.That(run.AllTaken, Is.True, run.Verdict());
        Assert.That(await test.Ledger.Db.AccessSnapshots.Select(s => s.Facet).Distinct().CountAsync(), Is.EqualTo(4));
    }

    [Test]
    public async Task Verify_ASnapshotChangedBehindTheLedgersBack_NamesItsBatch()
    {
        await using var test = await LedgerAsync();
        await ImportAllAsync(test);
        test.ExecuteRaw("UPDATE AccessSnapshots SET Granted = 'ApiEnabled' WHERE Granted LIKE '%ModifyAllData%' AND AccountId = (SELECT Id FROM Accounts WHERE Username = 'etl.bot@example.com')");

        var verification = await new IntegrationLedger.Application.Features.Audit.VerifyLedgerHandler(test.Ledger).HandleAsync(new IntegrationLedger.Application.Features.Audit.VerifyLedger());

        Assert.That(verification.Holds, Is.False, "taking a powerful permission out of the history must not go unseen");
        Assert.That(verification.Differences.Select(d => d.Message), Has.Some.Contains("permissionsetassignment.csv").And.Some.Contains("access snapshots' digest"));
    }

    [Test]
    public async Task Import_AccessExports_LeaveALedgerThatVerifies()
    {
        await using var test = await LedgerAsync();
        await ImportAllAsync(test);
        await ImportSampleAsync(test, "permissionsetassignment-earlier.csv", ExportedAt.AddDays(-7));

        var verification = await new IntegrationLedger.Application.Features.Audit.VerifyLedgerHandler(test.Ledger).HandleAsync(new IntegrationLedger.Application.Features.Audit.VerifyLedger());

        Assert.That(verification.Holds, Is.True, string.Join("; ", verification.Differences.Select(d => d.Message)));
    }
}
