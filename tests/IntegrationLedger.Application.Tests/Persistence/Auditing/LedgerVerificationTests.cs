using IntegrationLedger.Application.Features.Audit;
using IntegrationLedger.Application.Features.Importing;
using IntegrationLedger.Application.Persistence.Auditing;
using IntegrationLedger.Application.Persistence.Auditing.Verification;
using IntegrationLedger.Application.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Tests.Persistence.Auditing;

/// <summary>
/// Import batches keep a digest of their events that the chain protects, and verification recomputes it;
/// batches imported before digests were kept (the fixture ledger) are counted against the batch table and said to be.
/// </summary>
public class LedgerVerificationTests
{
    private static Task<LedgerVerification> VerifyAsync(Ledger ledger) =>
        new VerifyLedgerHandler(ledger).HandleAsync(new VerifyLedger());

    [Test]
    public async Task Import_TheSameFileTwice_SecondBatchDigestsNoEventsAndTheLedgerVerifies()
    {
        await using var test = await TestLedger.CreateAsync();
        var request = new ImportFile("auto", Samples.Salesforce("elf-login.csv"), TimeZone: "America/Los_Angeles");

        var first = await test.Ledger.ImportUsageAsync(request);
        var second = await test.Ledger.ImportUsageAsync(request);

        Assert.That((first.Counts.Added, second.Counts.Added), Is.EqualTo((first.Counts.Read, 0L)));
        var digests = await test.Ledger.Db.ImportBatches.OrderBy(b => b.ImportedAt).Select(b => b.EventsDigest).ToListAsync();
        Assert.That(digests, Has.Count.EqualTo(2));
        Assert.That(digests[0], Has.Length.EqualTo(64).And.Not.EqualTo(EventDigest.OfNoEvents));
        Assert.That(digests[1], Is.EqualTo(EventDigest.OfNoEvents), "every row was a duplicate: the second batch added nothing");
        var entry = await test.Ledger.Db.AuditEntries.Where(e => e.EntityType == "ImportBatch").Select(e => e.After).FirstAsync();
        Assert.That(entry, Does.Contain($"\"EventsDigest\":\"{digests[0]}\"").And.Contain($"\"Counts.Added\":{first.Counts.Added}"),
            "the batch's audit entry carries its digest and count, so the chain protects them");
        var verification = await VerifyAsync(test.Ledger);
        Assert.That(verification.Holds, Is.True, string.Join("\n", verification.Differences));
        Assert.That(verification.Notes, Is.Empty);
    }

    [Test]
    public async Task Verify_EventsMovedToAnotherBatch_NamesBothBatches()
    {
        await using var test = await TestLedger.CreateAsync();
        await test.Ledger.ImportUsageAsync(new ImportFile("auto", Samples.Salesforce("elf-login.csv"), TimeZone: "America/Los_Angeles"));
        await test.Ledger.ImportUsageAsync(new ImportFile("auto", Samples.Salesforce("elf-api.csv"), TimeZone: "America/Los_Angeles"));
        test.ExecuteRaw("UPDATE UsageEvents SET BatchId = (SELECT BatchId FROM UsageEvents ORDER BY Id DESC LIMIT 1) WHERE Id = (SELECT min(Id) FROM UsageEvents)");

        var verification = await VerifyAsync(test.Ledger);

        Assert.That(verification.Holds, Is.False);
        Assert.That(verification.Differences.Where(d => d.Field == "count").Select(d => d.Row[..36]).Distinct().Count(), Is.EqualTo(2),
            string.Join("\n", verification.Differences));
    }

    [Test]
    public async Task Verify_ALedgerFromBeforeDigests_HoldsAndSaysItsBatchesWereOnlyCounted()
    {
        await using var fixture = await FixtureAsync();

        var verification = await VerifyAsync(fixture.Ledger);

        Assert.That(verification.Holds, Is.True, string.Join("\n", verification.Differences));
        Assert.That(verification.Notes, Has.One.Contains("15 import batches were imported before events were digested"));
    }

    [Test]
    public async Task Verify_AnEventDeletedFromABatchBeforeDigests_IsCaughtByTheBatchTablesCount()
    {
        await using var fixture = await FixtureAsync();
        var batch = fixture.ScalarText("SELECT BatchId FROM UsageEvents ORDER BY Id LIMIT 1");
        RawSql.Execute(fixture.Ledger.DatabasePath, "DELETE FROM UsageEvents WHERE Id = (SELECT min(Id) FROM UsageEvents)");

        var verification = await VerifyAsync(fixture.Ledger);

        Assert.That(verification.Holds, Is.False);
        var difference = verification.Differences.Single();
        Assert.That(difference.Row, Does.StartWith(batch!.ToLowerInvariant()));
        Assert.That(difference.Message, Does.Contain("where the batch table records"));
    }

    /// <summary>The ledger an earlier build wrote (Fixtures/ledger-before-findings), copied and migrated to today's schema.</summary>
    private static async Task<MigratedFixture> FixtureAsync()
    {
        var folder = Directory.CreateTempSubdirectory("ledger-fixture-").FullName;
        foreach (var file in new[] { "ledger.db", "ledger.db.key" })
            File.Copy(Path.Combine(AppContext.BaseDirectory, "Fixtures", "ledger-before-findings", file), Path.Combine(folder, file));
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
        return new MigratedFixture(folder, await Ledger.OpenAsync(TestLedger.Options(folder, clock)));
    }

    private sealed record MigratedFixture(string Folder, Ledger Ledger) : IAsyncDisposable
    {
        public string? ScalarText(string sql) => RawSql.ScalarText(Ledger.DatabasePath, sql);

        public async ValueTask DisposeAsync()
        {
            await Ledger.DisposeAsync();
            Directory.Delete(Folder, recursive: true);
        }
    }
}
