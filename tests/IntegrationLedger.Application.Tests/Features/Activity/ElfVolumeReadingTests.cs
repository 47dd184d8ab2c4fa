using IntegrationLedger.Application.Tests.Support;
using IntegrationLedger.Domain.Usage;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Tests.Features.Activity;

/// <summary>
/// Each Event Monitoring type writes the data it moved under its own columns (formats README §8): the
/// sample rows come back as events with their rows, failures, bytes, object, operation and Bulk job.
/// </summary>
public sealed class ElfVolumeReadingTests
{
    /// <summary>One sample row and the volume its event must carry.</summary>
    public sealed record Expected(string File, int Line, string EventType, long? Rows, long? Failed, long? Bytes, string? Entity, string? Operation, string? JobId)
    {
        public override string ToString() => $"{File} line {Line}";
    }

    private static readonly Expected[] SampleRows =
    [
        // SOAP API: ROWS_PROCESSED and RESPONSE_SIZE; the operation is the SOAP method, the object ENTITY_NAME.
        new("elf-api.csv", 2, "API", 200, null, 84_627, "Account", "query", null),
        new("elf-api.csv", 4, "API", 57, null, 168_267, "Contact", "upsert", null),
        new("elf-api.csv", 5, "API", null, null, 112_630, "Opportunity", "describeSObjects", null),
        new("elf-api-modern-inferred.csv", 6, "API", 1_250, null, 41_048, "Opportunity", "query", null),
        // RestApi: the operation is the HTTP method; the 2015 layout names no object.
        new("elf-restapi.csv", 5, "RestApi", 1_000, null, 176_867, null, "GET", null),
        new("elf-restapi.csv", 3, "RestApi", null, null, 203_941, null, "GET", null),
        new("elf-restapi-modern-inferred.csv", 9, "RestApi", 25, null, 63_505, "Contact", "PATCH", null),
        // BulkApi: rows and failures per batch, the object in ENTITY_TYPE, no bytes; the 15-character job id kept in 18.
        new("elf-bulkapi.csv", 3, "BulkApi", 2_000, 3, null, "Contact", "upsert", "750xx00000cStF4AAK"),
        new("elf-bulkapi.csv", 5, "BulkApi", 250, 250, null, "Lead", "insert", "750xx00000dsDFIAA2"),
        // BulkApi2: RECORDS_PROCESSED and RECORDS_FAILED of one state event; an empty count is none, not zero.
        new("elf-bulkapi2.csv", 16, "BulkApi2", 1_204_332, 0, null, "Contact", "query", "750xx00000Lq4ZkAAJ"),
        new("elf-bulkapi2.csv", 11, "BulkApi2", 24_310, 12, null, "Contact", "upsert", "750xx00000Lq3HdAAJ"),
        new("elf-bulkapi2.csv", 13, "BulkApi2", null, null, null, "Contact", "query", "750xx00000Lq4ZkAAJ"),
        // Report: ROW_COUNT, and bytes = ROW_COUNT × AVERAGE_ROW_SIZE (250,000 × 1,840 and 412 × 620); no operation.
        new("elf-report.csv", 12, "Report", 250_000, null, 250_000L * 1_840, "Lead", null, null),
        new("elf-report.csv", 2, "Report", 412, null, 412 * 620, "Opportunity", null, null),
    ];

    [TestCaseSource(nameof(SampleRows))]
    public async Task Import_SampleRow_KeepsItsVolume(Expected expected)
    {
        await using var test = await VolumeScenario.LedgerAsync();
        await VolumeScenario.ImportSampleAsync(test, expected.File);

        var e = await test.Ledger.Db.UsageEvents.AsNoTracking().SingleAsync(e => e.LineNumber == expected.Line);

        Assert.Multiple(() =>
        {
            Assert.That(e.EventType, Is.EqualTo(expected.EventType));
            Assert.That(e.RowsProcessed, Is.EqualTo(expected.Rows), "rows");
            Assert.That(e.RowsFailed, Is.EqualTo(expected.Failed), "failed");
            Assert.That(e.BytesReturned, Is.EqualTo(expected.Bytes), "bytes");
            Assert.That(e.Entity, Is.EqualTo(expected.Entity), "entity");
            Assert.That(e.Operation, Is.EqualTo(expected.Operation), "operation");
            Assert.That(e.JobId, Is.EqualTo(expected.JobId), "job");
        });
    }

    [Test]
    public async Task Import_Report_KeepsTheReportItRanAsTheSubject()
    {
        await using var test = await VolumeScenario.LedgerAsync();
        await VolumeScenario.ImportSampleAsync(test, "elf-report.csv");

        var export = await test.Ledger.Db.UsageEvents.AsNoTracking().SingleAsync(e => e.LineNumber == 12);

        Assert.That(export.Subject, Is.EqualTo("00Oxx000000Pq3CEAS"));
        Assert.That(await test.Ledger.Db.UsageEvents.CountAsync(e => e.EventType == UsageEventTypes.Report), Is.EqualTo(13), "every Report row is an event");
    }

    [TestCase("12.5", 13_107_200L)]
    [TestCase("0.75", 786_432L)]
    [TestCase("0", 0L)]
    [TestCase("3", 3_145_728L)]
    public async Task Import_ResultSizeInMegabytes_IsKeptInBytes(string megabytes, long bytes)
    {
        await using var test = await VolumeScenario.LedgerAsync();
        var at = new DateTime(2026, 11, 28, 3, 0, 0, DateTimeKind.Utc);
        var path = VolumeScenario.BulkApi2File(test,
        [
            new(at, "750xx00000Lq9Aa", "InProgress", 1_000),
            new(at.AddMinutes(1), "750xx00000Lq9Aa", "JobComplete", 2_000, ResultSizeMb: megabytes),
        ]);

        await VolumeScenario.ImportAsync(test, path);

        var complete = await test.Ledger.Db.UsageEvents.AsNoTracking().SingleAsync(e => e.LineNumber == 3);
        var inProgress = await test.Ledger.Db.UsageEvents.AsNoTracking().SingleAsync(e => e.LineNumber == 2);
        Assert.That(complete.BytesReturned, Is.EqualTo(bytes));
        Assert.That(inProgress.BytesReturned, Is.Null, "an empty RESULT_SIZE_MB is normal and is no size");
        var job = await test.Ledger.Db.BulkJobs.AsNoTracking().SingleAsync();
        Assert.That((job.Rows, job.Bytes), Is.EqualTo((2_000L, bytes)));
    }

    [Test]
    public async Task Import_ReportExportRows_AreKeptAsEventsBesideTheReportRow()
    {
        await using var test = await VolumeScenario.LedgerAsync();
        string[] header = ["EVENT_TYPE", "TIMESTAMP", "REQUEST_ID", "ORGANIZATION_ID", "USER_ID", "URI", "SESSION_KEY", "LOGIN_KEY", "CLIENT_INFO",
            "REPORT_DESCRIPTION", "TIMESTAMP_DERIVED", "USER_ID_DERIVED", "CLIENT_IP", "URI_ID_DERIVED"];
        var path = VolumeScenario.ElfFile(test, header,
            ["ReportExport", "20261127223104.120", "4iIUJLe7Cvm5q66lPnIs-x", "00Dxx0000001gPL", "005xx000001Xd4N", "/00Oxx000000Pq3C", "lVOJO2v5nTr53VaY",
                "GeeZWhbLpKGVHKVw", "Mozilla/5.0", "Open leads", "2026-11-27T22:31:04.120Z", "005xx000001Xd4NAAS", "203.0.113.77", ""],
            ["ReportExport", "20261128090559.500", "4vC5ZQwffklGT1L7gDHw2x", "00Dxx0000001gPL", "005xx000001Va1M", "/00Oxx000000Pq5E", "WHya4EukD1PkGwS1",
                "YrspXWTkJ3jnOblo", "Mozilla/5.0", "Accounts", "2026-11-28T09:05:59.500Z", "005xx000001Va1MAAS", "192.0.2.44", ""]);

        var exports = await VolumeScenario.ImportAsync(test, path);
        await VolumeScenario.ImportSampleAsync(test, "elf-report.csv");

        Assert.That((exports.Counts.Read, exports.Counts.Added, exports.Counts.SetAside), Is.EqualTo((2L, 2L, 0L)), "ReportExport is read, not set aside");
        var events = await test.Ledger.Db.UsageEvents.AsNoTracking().Where(e => e.EventType == UsageEventTypes.ReportExport).OrderBy(e => e.OccurredAt).ToListAsync();
        Assert.That(events, Has.Count.EqualTo(2));
        Assert.That(events[0].OccurredAt, Is.EqualTo(new DateTime(2026, 11, 27, 22, 31, 4, 120, DateTimeKind.Utc)));
        Assert.That(events[0].UserId, Is.EqualTo("005xx000001Xd4NAAS"));
        Assert.That(events[0].SourceIp, Is.EqualTo("203.0.113.77"));
        Assert.That(events.Select(e => (e.RowsProcessed, e.BytesReturned)), Is.All.EqualTo(((long?)null, (long?)null)),
            "a ReportExport row writes no volume: the Report row of the same export has it");
        Assert.That(await test.Ledger.Db.UsageEvents.CountAsync(e => e.EventType == UsageEventTypes.Report), Is.EqualTo(13));
    }
}
