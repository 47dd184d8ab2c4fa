using IntegrationLedger.Application.Features.Audit;
using IntegrationLedger.Application.Persistence.Auditing.Verification;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Tests.Features.Activity;

/// <summary>
/// An event's volume columns are part of its batch's digest (EventDigest.VolumeColumns) whenever it has one:
/// a ledger of volume events verifies, and a volume changed behind the application's back is caught.
/// </summary>
public sealed class VolumeVerificationTests
{
    private static readonly string[] Files = ["elf-login.csv", "elf-api.csv", "elf-bulkapi.csv", "elf-bulkapi2.csv", "elf-report.csv"];

    [Test]
    public async Task Verify_ALedgerOfVolumeEvents_Holds()
    {
        await using var test = await LedgerAsync();

        var verification = await VerifyAsync(test.Ledger);

        Assert.That(test.ScalarRaw("SELECT count(*) FROM UsageEvents WHERE RowsProcessed IS NOT NULL OR BytesReturned IS NOT NULL"), Is.GreaterThan(30));
        Assert.That(verification.Holds, Is.True, string.Join("\n", verification.Differences));
        Assert.That(verification.Notes, Is.Empty, "every batch was digested, volumes included");
    }

    [TestCase("RowsProcessed = RowsProcessed + 1", "JobId = '750xx00000Lq4ZkAAJ' AND RowsProcessed = 1204332 AND LineNumber = 16",
        TestName = "Verify_OneEventsRowsProcessedChanged_IsADigestDifferenceOfItsBatch")]
    [TestCase("RowsProcessed = NULL", "EventType = 'BulkApi' AND LineNumber = 3",
        TestName = "Verify_OneEventsRowsProcessedEmptied_IsADigestDifferenceOfItsBatch")]
    [TestCase("RowsProcessed = 5000", "EventType = 'Login' AND LineNumber = 2",
        TestName = "Verify_RowsProcessedGivenToAnEventThatHadNoVolume_IsADigestDifferenceOfItsBatch")]
    [TestCase("BytesReturned = BytesReturned / 2", "EventType = 'Report' AND LineNumber = 12",
        TestName = "Verify_OneEventsBytesHalved_IsADigestDifferenceOfItsBatch")]
    public async Task Verify_AVolumeChangedWithRawSql_IsADigestDifferenceOfItsBatch(string change, string which)
    {
        await using var test = await LedgerAsync();
        var batch = test.ScalarRawText($"SELECT BatchId FROM UsageEvents WHERE {which}");
        Assert.That(batch, Is.Not.Null);
        var file = await test.Ledger.Db.ImportBatches.AsNoTracking().Where(b => b.Id == Guid.Parse(batch!)).Select(b => b.FileName).SingleAsync();
        var events = test.ScalarRaw("SELECT count(*) FROM UsageEvents");

        Assert.That(test.ExecuteRaw($"UPDATE UsageEvents SET {change} WHERE {which}"), Is.EqualTo(1));
        var verification = await VerifyAsync(test.Ledger);

        Assert.That(verification.Holds, Is.False);
        Assert.That(verification.ChainHolds, Is.True, "the audit chain itself was not touched");
        var difference = verification.Differences.Single();
        Assert.That((difference.Table, difference.Field), Is.EqualTo(("UsageEvents", "digest")));
        Assert.That(difference.Row, Does.StartWith(batch!.ToLowerInvariant()).And.Contain(file), "the batch the event belongs to, by its id and file");
        Assert.That(difference.Message, Does.Contain("were changed, added or removed"));
        Assert.That(test.ScalarRaw("SELECT count(*) FROM UsageEvents"), Is.EqualTo(events), "the count still agrees: only the digest can tell");
    }

    private static async Task<Support.TestLedger> LedgerAsync()
    {
        var test = await VolumeScenario.LedgerAsync();
        foreach (var file in Files)
            await VolumeScenario.ImportSampleAsync(test, file);
        return test;
    }

    private static Task<LedgerVerification> VerifyAsync(Ledger ledger) => new VerifyLedgerHandler(ledger).HandleAsync(new VerifyLedger());
}
