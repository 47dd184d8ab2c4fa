using IntegrationLedger.Application.Features.Importing;
using IntegrationLedger.Application.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Tests.Features.Importing;

/// <summary>Every sample export imports as its format with every row, and again adds nothing.</summary>
public class ImportSamplesTests
{
    [TestCase("elf-login.csv", "sf-elf", 12)]
    [TestCase("elf-loginas.csv", "sf-elf", 10)]
    [TestCase("elf-logout.csv", "sf-elf", 10)]
    [TestCase("elf-api.csv", "sf-elf", 10)]
    [TestCase("elf-api-modern-inferred.csv", "sf-elf", 10)]
    [TestCase("elf-restapi.csv", "sf-elf", 10)]
    [TestCase("elf-restapi-modern-inferred.csv", "sf-elf", 10)]
    [TestCase("elf-bulkapi.csv", "sf-elf", 10)]
    [TestCase("elf-apitotalusage.csv", "sf-elf", 12)]
    [TestCase("elf-uri.csv", "sf-elf", 10)]
    [TestCase("loginhistory-api-fields.csv", "sf-loginhistory-api", 12)]
    [TestCase("loginhistory-api-fields-uppercase.csv", "sf-loginhistory-api", 12)]
    [TestCase("login-history-setup-download.csv", "sf-login-history", 13)]
    [TestCase("oauthtoken.csv", "sf-oauth-tokens", 10)]
    [TestCase("setup-audit-trail.csv", "sf-setup-audit-trail", 12)]
    public async Task Import_Sample_IsRecognisedAndEveryRowAddedOnce(string file, string format, int rows)
    {
        await using var test = await TestLedger.CreateAsync();
        var request = new ImportFile("auto", Samples.Salesforce(file), TimeZone: "America/Los_Angeles");

        var first = await test.Ledger.ImportUsageAsync(request);
        var second = await test.Ledger.ImportUsageAsync(request);

        Assert.That(first.Format, Is.EqualTo(format));
        Assert.That(first.FormatDetected, Is.True);
        Assert.That(first.Errors, Is.Empty);
        Assert.That((first.Counts.Read, first.Counts.Added, first.Counts.Rejected), Is.EqualTo((rows, rows, 0L)));
        Assert.That((second.Counts.Added, second.Counts.Duplicates), Is.EqualTo((0L, rows)), "re-importing adds nothing");
        Assert.That(await test.Ledger.Db.UsageEvents.CountAsync(), Is.EqualTo(rows));
        Assert.That(await test.Ledger.Db.ImportBatches.CountAsync(), Is.EqualTo(2), "each import is a batch, even one that adds nothing");
    }

    [Test]
    public async Task Import_TheSameLoginsWithOtherHeaderCasing_AreTheSameEvents()
    {
        await using var test = await TestLedger.CreateAsync();

        await Import(test, "loginhistory-api-fields.csv");
        var upper = await Import(test, "loginhistory-api-fields-uppercase.csv");

        Assert.That(upper.Counts.Duplicates, Is.EqualTo(12));
    }

    [Test]
    public async Task Import_Elf_ReadsTimesIdsStatusesAndClients()
    {
        await using var test = await TestLedger.CreateAsync();

        await Import(test, "elf-login.csv");

        var failure = await test.Ledger.Db.UsageEvents.SingleAsync(e => e.NaturalKey == "Login:4H0qP_fels3ndiALS_Stk-");
        Assert.That(failure.OccurredAt, Is.EqualTo(new DateTime(2026, 11, 28, 8, 14, 26, 194, DateTimeKind.Utc)));
        Assert.That(failure.UserId, Is.EqualTo("005xx000001Sv7AAAS"));
        Assert.That(failure.Username, Is.EqualTo("integration.sync@example.com"));
        Assert.That(failure.Status, Is.EqualTo("Failed: API security token required"));
        Assert.That(failure.Succeeded, Is.False);
        Assert.That(failure.SourceIp, Is.EqualTo("192.0.2.10"));
        Assert.That(failure.LoginType, Is.EqualTo("Partner Product"));
        Assert.That(failure.ClientName, Does.StartWith("AcmeSync/4.2.1"));
        Assert.That(failure.LineNumber, Is.EqualTo(4));
    }

    [Test]
    public async Task Import_LogoutWithVaryingFractionDigits_KeepsEachPrecision()
    {
        await using var test = await TestLedger.CreateAsync();

        await Import(test, "elf-logout.csv");

        var first = await test.Ledger.Db.UsageEvents.OrderBy(e => e.LineNumber).FirstAsync();
        Assert.That(first.OccurredAt, Is.EqualTo(new DateTime(2026, 11, 27, 15, 0, 0, DateTimeKind.Utc)));
        var times = await test.Ledger.Db.UsageEvents.Select(e => e.OccurredAt).ToListAsync();
        Assert.That(times, Is.All.Property(nameof(DateTime.Kind)).EqualTo(DateTimeKind.Utc));
    }

    [Test]
    public async Task Import_SetupDownload_ReadsLocalTimesInTheGivenZone()
    {
        await using var test = await TestLedger.CreateAsync();

        await test.Ledger.ImportUsageAsync(new ImportFile("sf-login-history", Samples.Salesforce("login-history-setup-download.csv"), "America/New_York"));

        var first = await test.Ledger.Db.UsageEvents.OrderBy(e => e.LineNumber).FirstAsync();
        Assert.That(first.OccurredAt, Is.EqualTo(new DateTime(2026, 11, 28, 11, 0, 0, DateTimeKind.Utc)), "6:00 AM in New York in November is 11:00 UTC");
        Assert.That(first.Username, Is.EqualTo("integration.sync@example.com"));
    }

    [Test]
    public async Task Import_SetupDownloadWithoutZone_SaysToGiveOneAndChangesNothing()
    {
        await using var test = await TestLedger.CreateAsync();

        Assert.That(async () => await test.Ledger.ImportUsageAsync(new ImportFile("auto", Samples.Salesforce("login-history-setup-download.csv"))),
            Throws.TypeOf<Application.Features.Importing.ImportFileException>().With.Message.Contains("give the zone the file was exported in").And.Message.Contains("line 2"));
        Assert.That(await test.Ledger.Db.UsageEvents.CountAsync(), Is.Zero);
    }

    [Test]
    public async Task Import_SetupAuditTrail_TurnsResetsAndAppChangesIntoEvidence()
    {
        await using var test = await TestLedger.CreateAsync();

        await Import(test, "setup-audit-trail.csv");

        var reset = await test.Ledger.Db.UsageEvents.SingleAsync(e => e.Category == "PasswordReset");
        Assert.That(reset.Subject, Is.EqualTo("integration.sync@example.com"));
        Assert.That(reset.OccurredAt, Is.EqualTo(new DateTime(2026, 11, 28, 19, 2, 13, DateTimeKind.Utc)), "11:02:13 AM PST");
        Assert.That(await test.Ledger.Db.UsageEvents.CountAsync(e => e.Category == "ConnectedAppChange"), Is.EqualTo(3));
        Assert.That(await test.Ledger.Db.UsageEvents.CountAsync(e => e.Category == "OAuthRevocation"), Is.EqualTo(1));
        Assert.That(await test.Ledger.Db.UsageEvents.AnyAsync(e => e.Detail!.Contains("\"Permitted Users\"")), Is.True, "embedded quotes survive");
    }

    [Test]
    public async Task Import_OauthTokens_KeepsUseButNeverTheTokens()
    {
        await using var test = await TestLedger.CreateAsync();
        var secrets = File.ReadAllLines(Samples.Salesforce("oauthtoken.csv")).Skip(1)
            .Select(line => line.Split("\",\"")[7]).Where(t => t.Length > 20).ToList();
        Assert.That(secrets, Is.Not.Empty, "the sample carries DeleteToken values");

        await Import(test, "oauthtoken.csv");

        var used = await test.Ledger.Db.UsageEvents.Where(e => e.EventType == "OAuthToken").OrderByDescending(e => e.UseCount).FirstAsync();
        Assert.That(used.UseCount, Is.GreaterThan(1000));
        var bytes = File.ReadAllBytes(test.DatabasePath).Concat(File.Exists(test.DatabasePath + "-wal") ? File.ReadAllBytes(test.DatabasePath + "-wal") : []).ToArray();
        foreach (var secret in secrets)
            Assert.That(bytes.AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(secret)), Is.EqualTo(-1), "a DeleteToken reached the database");
    }

    [Test]
    public async Task Import_RecordsTheBatchWithHashCountsAndActorAndAuditsIt()
    {
        await using var test = await TestLedger.CreateAsync();

        var result = await Import(test, "elf-api.csv");

        var batch = await test.Ledger.Db.ImportBatches.SingleAsync();
        var expectedHash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(Samples.Salesforce("elf-api.csv"))));
        Assert.That(batch.Sha256, Is.EqualTo(expectedHash));
        Assert.That(result.Sha256, Is.EqualTo(expectedHash));
        Assert.That((batch.Format, batch.FileName, batch.Actor), Is.EqualTo(("sf-elf", "elf-api.csv", "tester")));
        Assert.That(batch.Counts.Added, Is.EqualTo(10));
        Assert.That(await test.Ledger.Db.UsageEvents.AllAsync(e => e.BatchId == batch.Id), Is.True);
        Assert.That(await test.Ledger.Db.AuditEntries.CountAsync(e => e.Action == "import.sf-elf"), Is.EqualTo(1));
        var chain = await new Application.Features.Audit.VerifyAuditChainHandler(test.Ledger).HandleAsync();
        Assert.That(chain.Holds, Is.True);
    }

    [Test]
    public async Task Import_EventWhoseKeyHashIsTaken_IsStillAddedUnderTheNextValue()
    {
        await using var test = await TestLedger.CreateAsync();
        // Another event of the same moment already holds the hash that the first row of elf-api.csv will get.
        var taken = Application.Features.Importing.UsageEventWriter.KeyHash("sf-elf", "API:46Z1jgECCxtc-1uM_Yv_L-");
        test.ExecuteRaw(
            "INSERT INTO ImportBatches (Id, FileName, Sha256, Format, Actor, ImportedAt, Counts_Read, Counts_Added, Counts_Duplicates, Counts_Rejected, Counts_Attributed, Counts_Unattributed) " +
            "VALUES ('00000000-0000-0000-0000-000000000001', 'other.csv', '', 'sf-elf', 't', '2026-01-01 00:00:00', 0, 0, 0, 0, 0, 0);" +
            $"INSERT INTO UsageEvents (BatchId, LineNumber, Source, EventType, NaturalKey, KeyHash, OccurredAt) VALUES ('00000000-0000-0000-0000-000000000001', 2, 'sf-elf', 'API', 'API:some-other-event', {taken}, '2026-11-28 08:10:00');");

        var first = await Import(test, "elf-api.csv");
        var again = await Import(test, "elf-api.csv");

        Assert.That(first.Counts.Added, Is.EqualTo(10));
        Assert.That(again.Counts.Duplicates, Is.EqualTo(10), "the moved event is recognised on re-import");
        Assert.That(test.ScalarRaw($"SELECT KeyHash FROM UsageEvents WHERE NaturalKey = 'API:46Z1jgECCxtc-1uM_Yv_L-'"), Is.EqualTo(taken + 1));
    }

    private static Task<UsageImportResult> Import(TestLedger test, string file) =>
        test.Ledger.ImportUsageAsync(new ImportFile("auto", Samples.Salesforce(file), TimeZone: "America/Los_Angeles"));
}
