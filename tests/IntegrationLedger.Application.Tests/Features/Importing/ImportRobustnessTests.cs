using IntegrationLedger.Application.Features.Importing;
using IntegrationLedger.Application.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Tests.Features.Importing;

/// <summary>Files as real exports and spreadsheets write them, including the ways they go wrong.</summary>
public class ImportRobustnessTests
{
    private static async Task<TestLedger> CreateAsync()
    {
        var test = await TestLedger.CreateAsync();
        test.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero));
        return test;
    }

    private static Task<UsageImportResult> Usage(TestLedger test, string format, string path, string? zone = null, bool skipInvalid = false, string? errors = null) =>
        test.Ledger.ImportUsageAsync(new ImportFile(format, path, zone, SkipInvalid: skipInvalid, ErrorsPath: errors));

    private static Task<InventoryImportResult> Inventory(TestLedger test, string template, string path, bool skipInvalid = false) =>
        test.Ledger.ImportInventoryAsync(new ImportFile(template, path, SkipInvalid: skipInvalid));

    [Test]
    public async Task IsoTimeWithoutZone_IsRefusedInAnApiExportAndReadInTheGivenZoneInASetupDownload()
    {
        await using var test = await CreateAsync();
        var api = Samples.Write(test, "api.csv", "Id,UserId,LoginTime\n0Yaxx0000000001,005xx000001Sv7AAAS,2026-11-28T06:00:00\n");
        var setup = Samples.Write(test, "setup.csv", "Login Time,Username\n2026-11-28 06:00:00,ana@example.com\n");

        var apiResult = await Usage(test, "sf-loginhistory-api", api);
        await Usage(test, "sf-login-history", setup, "America/New_York");

        Assert.That(apiResult.Errors.Single().Field, Is.EqualTo("LoginTime"));
        Assert.That(await test.Ledger.Db.UsageEvents.Select(e => e.OccurredAt).SingleAsync(), Is.EqualTo(new DateTime(2026, 11, 28, 11, 0, 0, DateTimeKind.Utc)));
    }

    [Test]
    public async Task DayFirstDates_AreRefusedWithAHint_AndReadWithDayFirst()
    {
        await using var test = await CreateAsync();
        var path = Samples.Write(test, "uk.csv", "Username,Login Time,Source IP,Status\n" +
            "sync@example.com,03/11/2026 06:00,192.0.2.10,Success\n" +
            "sync@example.com,28/11/2026 06:00,192.0.2.10,Success\n");

        var monthFirst = await test.Ledger.ImportUsageAsync(new ImportFile("sf-login-history", path, "Europe/London"));
        Assert.That(monthFirst.Rejected, Is.True, "28/11 cannot be month first, so the file is not taken as if it were");
        Assert.That(monthFirst.Errors.Single().Reason, Does.Contain("read it with the day first"), "the neutral remedy: no front end's option");

        var dayFirst = await test.Ledger.ImportUsageAsync(new ImportFile("sf-login-history", path, "Europe/London", DayFirst: true));
        Assert.That(dayFirst.Committed, Is.True);
        var days = await test.Ledger.Db.UsageEvents.OrderBy(e => e.OccurredAt).Select(e => e.OccurredAt).ToListAsync();
        Assert.That(days.Select(d => (d.Month, d.Day)), Is.EqualTo(new[] { (11, 3), (11, 28) }));
    }

    [TestCase("GMT+01:00", 15)]
    [TestCase("GMT-5", 21)]
    [TestCase("UTC+0530", 10)]
    public async Task NumericGmtOffsetLabel_NeedsNoZone(string label, int utcHour)
    {
        await using var test = await CreateAsync();
        var path = Samples.Write(test, "trail.csv", $"Date,User,Action,Section\n\"9/10/2026, 4:21 PM {label}\",admin@example.com,Reset password for a@example.com,Manage Users\n");

        await Usage(test, "sf-setup-audit-trail", path);

        var at = await test.Ledger.Db.UsageEvents.Select(e => e.OccurredAt).SingleAsync();
        Assert.That((at.Hour, at.Minute), Is.EqualTo((utcHour, label == "UTC+0530" ? 51 : 21)));
    }

    [TestCase(null, null, Description = "CST names US Central and China: a zone must be given")]
    [TestCase("Asia/Shanghai", 8)]
    [TestCase("America/Chicago", 21)]
    public async Task AmbiguousZoneAbbreviation_IsReadOnlyWithTheGivenZone(string? zone, int? utcHour)
    {
        await using var test = await CreateAsync();
        var path = Samples.Write(test, "trail.csv", "Date,User,Action,Section\n\"9/10/2026, 4:21 PM CST\",admin@example.com,Reset password for a@example.com,Manage Users\n");

        if (zone is null)
        {
            Assert.That(async () => await Usage(test, "sf-setup-audit-trail", path), Throws.TypeOf<ImportFileException>().With.Message.Contains("give the exporter's zone"));
            return;
        }
        await Usage(test, "sf-setup-audit-trail", path, zone);
        var at = await test.Ledger.Db.UsageEvents.Select(e => e.OccurredAt).SingleAsync();
        Assert.That(at.Hour, Is.EqualTo(utcHour));
    }

    [Test]
    public async Task IdenticalRowsInOneFile_AreSeparateEventsButNotAddedAgainOnReimport()
    {
        await using var test = await CreateAsync();
        var path = Samples.Write(test, "bursts.csv", "Login Time,Username,Source IP,Status\n" +
            string.Concat(Enumerable.Repeat("11/28/2026 6:00 AM,etl@example.com,192.0.2.10,Success\n", 3)));

        var first = await Usage(test, "sf-login-history", path, "UTC");
        var again = await Usage(test, "sf-login-history", path, "UTC");

        Assert.That(first.Counts.Added, Is.EqualTo(3));
        Assert.That(again.Counts.Duplicates, Is.EqualTo(3));
    }

    [Test]
    public async Task LoginHistoryIds_InFifteenAndEighteenCharacters_AreTheSameEvent()
    {
        await using var test = await CreateAsync();
        var lines = File.ReadAllLines(Samples.Salesforce("loginhistory-api-fields.csv"));
        var shortIds = lines.Take(1).Concat(lines.Skip(1).Select(l => l[..16] + l[19..])).ToArray();
        var path = Samples.Write(test, "short-ids.csv", string.Join("\n", shortIds));

        await Usage(test, "auto", Samples.Salesforce("loginhistory-api-fields.csv"));
        var again = await Usage(test, "auto", path);

        Assert.That(again.Errors, Is.Empty);
        Assert.That(again.Counts.Duplicates, Is.EqualTo(12));
    }

    [TestCase("12345")]
    [TestCase("1.2.3")]
    [TestCase("0x7f.1")]
    public async Task ShorthandAddresses_AreRefused(string address)
    {
        await using var test = await CreateAsync();
        var path = Samples.Write(test, "ip.csv", $"Id,UserId,LoginTime,SourceIp\n0Yaxx0000000001,005xx000001Sv7AAAS,2026-11-28T06:00:00Z,{address}\n");

        var result = await Usage(test, "sf-loginhistory-api", path);

        Assert.That(result.Errors.Single().Field, Is.EqualTo("SourceIp"));
    }

    [Test]
    public async Task OauthRowWithTooFewFields_NeverCopiesASecretIntoTheErrorsFile()
    {
        await using var test = await CreateAsync();
        var path = Samples.Write(test, "oauth.csv",
            "Id,AppName,UserId,AppMenuItemId,UseCount,LastUsedDate,CreatedDate,DeleteToken,AccessToken,RequestToken,Delete_Token\n" +
            ",App,005xx000001Sv7AAAS,,1,2026-11-28T00:00:00Z,SECRET3,x\n" +
            ",App,005xx000001Sv7AAAS,,1,2026-11-28T00:00:00Z,2025-01-01T00:00:00Z,SECRET1,,,SECRET2\n" +
            ",App,005xx000001Sv7AAAS,,bad,2026-11-28T00:00:00Z,2025-01-01T00:00:00Z,SECRET4,,,SECRET5\n");
        var errors = Path.Combine(test.Folder, "errors.csv");

        await Usage(test, "sf-oauth-tokens", path, errors: errors);

        var written = await File.ReadAllTextAsync(errors);
        Assert.That(written, Does.Contain("UseCount"), "the bad row is reported");
        Assert.That(written, Does.Not.Contain("SECRET"));
    }

    [Test]
    public async Task ErrorsFile_CannotReplaceTheInputOrBeAFolder()
    {
        await using var test = await CreateAsync();
        var path = Samples.Write(test, "in.csv", "Id,UserId,LoginTime\n0Yaxx0000000001,bad,2026-11-28T06:00:00Z\n");

        Assert.That(async () => await Usage(test, "sf-loginhistory-api", path, errors: path), Throws.TypeOf<ImportFileException>().With.Message.Contains("being imported"));
        Assert.That(async () => await Usage(test, "sf-loginhistory-api", path, errors: test.Folder), Throws.TypeOf<ImportFileException>().With.Message.Contains("folder"));
        Assert.That(File.ReadAllText(path), Does.StartWith("Id,UserId"));
    }

    [Test]
    public async Task Inventory_SkipInvalid_LeavesNothingOfARejectedRow()
    {
        await using var test = await CreateAsync();
        var path = Samples.Write(test, "integrations.csv", "name,vendor,allowed_cidrs\nGood,V,192.0.2.0/24\nBad,V,10.0.0.0/8;not-a-cidr\n");

        var result = await Inventory(test, "integrations", path, skipInvalid: true);

        Assert.That((result.Committed, result.Counts.Created, result.Counts.Rejected), Is.EqualTo((true, 1L, 1L)));
        Assert.That(await test.Ledger.Db.Integrations.Select(i => i.Name).ToListAsync(), Is.EqualTo(new[] { "Good" }));
    }

    [Test]
    public async Task Inventory_RowAfterABadlyQuotedOne_IsStillImported()
    {
        await using var test = await CreateAsync();
        var path = Samples.Write(test, "people.csv", "email,name,department\na@example.com,A \"x\" B,D\nb@example.com,Bee,D\n");

        var result = await Inventory(test, "people", path, skipInvalid: true);

        Assert.That(result.Counts.Rejected, Is.EqualTo(1));
        Assert.That(await test.Ledger.Db.People.Select(p => p.Email).ToListAsync(), Does.Contain("b@example.com"));
    }

    [Test]
    public async Task Inventory_UnquotedCommaShiftingTheRow_IsRefused()
    {
        await using var test = await CreateAsync();
        var path = Samples.Write(test, "people.csv", "email,name,department\ne@example.com,Smith, John,Finance\n");

        var result = await Inventory(test, "people", path);

        Assert.That(result.Errors.Single().Reason, Does.Contain("4 fields where the header has 3"));
    }

    [Test]
    public async Task Inventory_RowsOfEmptyCellsAsSpreadsheetsSaveThem_AreBlankLines()
    {
        await using var test = await CreateAsync();
        var path = Samples.Write(test, "people.csv", "email,name,department\nana@example.com,Ana,Sales\n,,\n,,\n");

        var result = await Inventory(test, "people", path);

        Assert.That((result.Committed, result.Counts.Created, result.Counts.Rejected), Is.EqualTo((true, 1L, 0L)));
    }

    [TestCase("Token Secret")]
    [TestCase("API Token")]
    [TestCase("secret_token")]
    [TestCase("Security Token")]
    [TestCase("")]
    public async Task Tokens_WithAColumnThatMayHoldSecrets_AreRefused(string column)
    {
        await using var test = await CreateAsync();
        await test.AddPersonAsync("ana@example.com");
        var path = Samples.Write(test, "tokens.csv", $"label,kind,owner,{column}\nt,api-key,ana@example.com,AbCd1234\n");

        Assert.That(async () => await Inventory(test, "tokens", path), Throws.TypeOf<ImportFileException>());
        Assert.That(await test.Ledger.Db.Tokens.CountAsync(), Is.Zero);
    }
}
