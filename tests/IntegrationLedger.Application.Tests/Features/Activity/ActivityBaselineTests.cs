using IntegrationLedger.Application.Features.Activity;
using IntegrationLedger.Application.Features.Audit;
using IntegrationLedger.Application.Tests.Features.Findings;
using IntegrationLedger.Application.Tests.Support;
using IntegrationLedger.Domain.Activity;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Tests.Features.Activity;

/// <summary>
/// The baselines each import adds to in its transaction (ActivityDays, ActivityObjects, ActivitySources,
/// BulkJobs, FailedLoginHours), and <see cref="RebuildActivityHandler"/>, which must arrive at the same tables from the events.
/// </summary>
public sealed class ActivityBaselineTests
{
    private static readonly DateOnly Nov27 = new(2026, 11, 27);
    private static readonly DateOnly Nov28 = new(2026, 11, 28);

    /// <summary>Every Event Monitoring sample, logins first so that the API files' user ids have their usernames.</summary>
    private static readonly string[] ElfSamples =
    [
        "elf-login.csv", "elf-login-burst.csv", "elf-loginas.csv", "elf-logout.csv", "elf-api.csv", "elf-api-modern-inferred.csv",
        "elf-restapi.csv", "elf-restapi-modern-inferred.csv", "elf-bulkapi.csv", "elf-bulkapi2.csv", "elf-bulkapi2-history.csv",
        "elf-report.csv", "elf-apitotalusage.csv", "elf-uri.csv",
    ];

    /// <summary>
    /// Job 750xx00000Lq7Mn begins at 23:58 on 27 November and ends after midnight: its first file has the
    /// upload and 400,000 rows, the second 1,204,332 rows and a completion that gives no count (as the
    /// sample's line 12 does), beside another job of 5,000 Account rows that is all on the 28th.
    /// </summary>
    private static (string First, string Second) SplitJobFiles(TestLedger test)
    {
        var start = new DateTime(2026, 11, 27, 23, 58, 0, DateTimeKind.Utc);
        var first = VolumeScenario.BulkApi2File(test,
        [
            new(start, "750xx00000Lq7Mn", "UploadComplete", null),
            new(start.AddMinutes(1), "750xx00000Lq7Mn", "InProgress", 400_000),
        ]);
        var second = VolumeScenario.BulkApi2File(test,
        [
            new(start.AddMinutes(3), "750xx00000Lq7Mn", "InProgress", 1_204_332),
            new(start.AddMinutes(4), "750xx00000Lq7Mn", "JobComplete", null),
            new(start.AddHours(2), "750xx00000Lq9Aa", "UploadComplete", null, Entity: "Account"),
            new(start.AddHours(2).AddMinutes(1), "750xx00000Lq9Aa", "JobComplete", 5_000, Entity: "Account"),
        ]);
        return (first, second);
    }

    [TestCase(false, TestName = "BulkJob_SplitOverTwoFiles_CountsItsLargestRowsOnce_OnTheDayItBegan_AsOneCall")]
    [TestCase(true, TestName = "BulkJob_SplitOverTwoFilesImportedLastFileFirst_CountsItsLargestRowsOnce_OnTheDayItBegan_AsOneCall")]
    public async Task BulkJob_SplitOverTwoFiles_CountsItsLargestRowsOnceOnTheDayItBegan(bool lastFileFirst)
    {
        await using var test = await VolumeScenario.LedgerAsync();
        var (first, second) = SplitJobFiles(test);

        foreach (var path in lastFileFirst ? new[] { second, first } : [first, second])
            await VolumeScenario.ImportAsync(test, path);

        var subject = await VolumeScenario.SubjectAsync(test, VolumeScenario.Extract);
        var days = await test.Ledger.Db.ActivityDays.AsNoTracking()
            .Where(d => d.Scope == ActivityScope.Integration && d.Subject == subject).OrderBy(d => d.Day).ToListAsync();
        Assert.That(days.Select(d => (d.Day, d.Calls, d.Rows, d.Objects)), Is.EqualTo(new[]
        {
            (Nov27, 1L, 1_204_332L, 1L),
            (Nov28, 1L, 5_000L, 1L),
        }), "the split job is one call of its largest count (not 1,604,332, the sum), on the 27th; the 28th has only the other job");
        var job = await test.Ledger.Db.BulkJobs.AsNoTracking().SingleAsync(j => j.JobId == "750xx00000Lq7MnAAJ");
        Assert.That((job.Day, job.Rows, job.Entity, job.Operation), Is.EqualTo((Nov27, 1_204_332L, "Contact", "query")));
        var objects = await test.Ledger.Db.ActivityObjects.AsNoTracking()
            .Where(o => o.Scope == ActivityScope.Integration && o.Subject == subject).OrderBy(o => o.Day).ToListAsync();
        Assert.That(objects.Select(o => (o.Day, o.Entity, o.Calls, o.Rows)), Is.EqualTo(new[]
        {
            (Nov27, "Contact", 1L, 1_204_332L),
            (Nov28, "Account", 1L, 5_000L),
        }));

        // However the files came in, the counts are those the events give.
        var imported = VolumeScenario.BaselineRows(test);
        await new RebuildActivityHandler(test.Ledger).HandleAsync();
        VolumeScenario.AssertSameBaselines(imported, VolumeScenario.BaselineRows(test), "rebuilt from the events");
    }

    [Test]
    public async Task BulkJob_StateEventsOutOfOrderInOneFile_CountOnTheDayItBegan()
    {
        await using var test = await VolumeScenario.LedgerAsync();
        var start = new DateTime(2026, 11, 27, 23, 58, 0, DateTimeKind.Utc);
        await VolumeScenario.ImportAsync(test, VolumeScenario.BulkApi2File(test,
        [
            new(start.AddMinutes(3), "750xx00000Lq7Mn", "InProgress", 1_204_332),
            new(start.AddMinutes(4), "750xx00000Lq7Mn", "JobComplete", null),
            new(start, "750xx00000Lq7Mn", "UploadComplete", null),
            new(start.AddMinutes(1), "750xx00000Lq7Mn", "InProgress", 400_000),
        ]));

        var subject = await VolumeScenario.SubjectAsync(test, VolumeScenario.Extract);
        var days = await test.Ledger.Db.ActivityDays.AsNoTracking()
            .Where(d => d.Scope == ActivityScope.Integration && d.Subject == subject).OrderBy(d => d.Day).ToListAsync();
        Assert.That(days.Select(d => (d.Day, d.Calls, d.Rows, d.Objects, d.Sources)), Is.EqualTo(new[]
        {
            (Nov27, 1L, 1_204_332L, 1L, 1L),
            (Nov28, 0L, 0L, 0L, 1L),
        }), "the job's call and rows on the 27th; the 28th keeps only where its later events came from");
        Assert.That(await test.Ledger.Db.ActivityObjects.AsNoTracking().Select(o => o.Day).ToListAsync(), Is.EqualTo(new[] { Nov27 }));
        Assert.That((await test.Ledger.Db.BulkJobs.AsNoTracking().SingleAsync()).Day, Is.EqualTo(Nov27));

        var imported = VolumeScenario.BaselineRows(test);
        await new RebuildActivityHandler(test.Ledger).HandleAsync();
        VolumeScenario.AssertSameBaselines(imported, VolumeScenario.BaselineRows(test), "rebuilt from the events");
    }

    [Test]
    public async Task Import_TheSameFilesAgain_ChangesNoBaseline()
    {
        await using var test = await VolumeScenario.LedgerAsync();
        foreach (var file in ElfSamples)
            await VolumeScenario.ImportSampleAsync(test, file);
        var (first, second) = SplitJobFiles(test);
        await VolumeScenario.ImportAsync(test, first);
        await VolumeScenario.ImportAsync(test, second);
        var before = VolumeScenario.BaselineRows(test);
        Assert.That(before.Values, Has.All.Not.Empty, "every baseline table has rows to keep");

        foreach (var path in ElfSamples.Select(Samples.Salesforce).Append(first).Append(second))
        {
            var again = await VolumeScenario.ImportAsync(test, path);
            Assert.That(again.Counts.Added, Is.Zero, Path.GetFileName(path));
        }

        VolumeScenario.AssertSameBaselines(before, VolumeScenario.BaselineRows(test), "after importing every file again");
    }

    [Test]
    public async Task ObjectsAndSources_OfADay_AreDistinctCountsAcrossImports()
    {
        await using var test = await ActivityScenario.LedgerAsync();
        var at = new DateTime(2026, 11, 20, 8, 0, 0, DateTimeKind.Utc);
        await ActivityScenario.ImportAsync(test,
        [
            new(at, "Account", 100, 1_000, Ip: "192.0.2.10"),
            new(at.AddMinutes(1), "Contact", 10, 100, Ip: "192.0.2.11"),
            new(at.AddMinutes(2), "Account", 100, 1_000, Ip: "192.0.2.10"),
        ]);
        await ActivityScenario.ImportAsync(test,
        [
            new(at.AddHours(1), "Account", 50, 500, Ip: "192.0.2.11"),
            new(at.AddHours(2), "Lead", 5, 50, Ip: "192.0.2.12"),
        ]);

        var integration = (await test.Ledger.Db.Integrations.AsNoTracking().SingleAsync()).Id.ToString().ToUpperInvariant();
        foreach (var (scope, subject) in new[] { (ActivityScope.Integration, integration), (ActivityScope.Account, ActivityScenario.SyncUser) })
        {
            var day = await test.Ledger.Db.ActivityDays.AsNoTracking().SingleAsync(d => d.Scope == scope && d.Subject == subject);
            Assert.That((day.Day, day.Calls, day.Rows, day.Bytes), Is.EqualTo((DateOnly.FromDateTime(at), 5L, 265L, 2_650L)), scope.ToString());
            Assert.That((day.Objects, day.Sources), Is.EqualTo((3L, 3L)), $"{scope}: Account, Contact, Lead from .10, .11, .12 (not 4 and 4, the sums of the two imports)");
            var objects = await test.Ledger.Db.ActivityObjects.AsNoTracking().Where(o => o.Scope == scope && o.Subject == subject).OrderBy(o => o.Entity).ToListAsync();
            Assert.That(objects.Select(o => (o.Entity, o.Calls, o.Rows)), Is.EqualTo(new[] { ("Account", 3L, 250L), ("Contact", 1L, 10L), ("Lead", 1L, 5L) }));
            var sources = await test.Ledger.Db.ActivitySources.AsNoTracking().Where(s => s.Scope == scope && s.Subject == subject).OrderBy(s => s.Source).ToListAsync();
            Assert.That(sources.Select(s => (s.Source, s.Calls)), Is.EqualTo(new[] { ("192.0.2.10", 2L), ("192.0.2.11", 2L), ("192.0.2.12", 1L) }));
        }
    }

    [Test]
    public async Task FailedLogins_AreCountedInTheHourTheyHappened()
    {
        await using var test = await VolumeScenario.LedgerAsync();
        await VolumeScenario.ImportSampleAsync(test, "elf-login.csv");
        await VolumeScenario.ImportSampleAsync(test, "elf-login-burst.csv");
        var day = new DateTime(2026, 11, 29, 0, 0, 0, DateTimeKind.Utc);
        await RuleScenario.ImportLoginsAsync(test,
            (day.AddHours(6).AddMinutes(10), "dana@example.com", "203.0.113.5", "LOGIN_ERROR_INVALID_PASSWORD", "Browser"),
            (day.AddHours(6).AddMinutes(20), "dana@example.com", "203.0.113.5", RuleScenario.Success, "Browser"),
            (day.AddHours(6).AddMinutes(59).AddSeconds(59), "dana@example.com", "203.0.113.5", "LOGIN_ERROR_INVALID_PASSWORD", "Browser"),
            (day.AddHours(7), "dana@example.com", "203.0.113.5", "LOGIN_ERROR_INVALID_PASSWORD", "Browser"));

        var hours = await test.Ledger.Db.FailedLoginHours.AsNoTracking().OrderBy(h => h.Hour).ThenBy(h => h.Username).ToListAsync();

        Assert.That(hours.Select(h => (h.Username, h.Hour, h.Failures, h.FirstAt, h.LastAt)), Is.EqualTo(new[]
        {
            ("mulesoft.api@example.com", At(2026, 11, 27, 22), 12L, At(2026, 11, 27, 22, 4, 44, 815), At(2026, 11, 27, 22, 22, 36, 107)),
            ("integration.sync@example.com", At(2026, 11, 28, 8), 1L, At(2026, 11, 28, 8, 14, 26, 194), At(2026, 11, 28, 8, 14, 26, 194)),
            ("j.rivera@example.com", At(2026, 11, 28, 10), 1L, At(2026, 11, 28, 10, 28, 52, 388), At(2026, 11, 28, 10, 28, 52, 388)),
            ("dana@example.com", At(2026, 11, 29, 6), 2L, At(2026, 11, 29, 6, 10), At(2026, 11, 29, 6, 59, 59)),
            ("dana@example.com", At(2026, 11, 29, 7), 1L, At(2026, 11, 29, 7), At(2026, 11, 29, 7)),
        }), "a challenge (admin.ops) and successful logins are not failures; 07:00:00 begins the next hour");
        Assert.That(test.ScalarRawText("SELECT Hour FROM FailedLoginHours WHERE Username = 'dana@example.com' ORDER BY Hour LIMIT 1"),
            Is.EqualTo("2026-11-29 06:00:00"), "stored as EF Core writes times, so queries on it compare as times");
        var failures = await test.Ledger.Db.ActivityDays.AsNoTracking()
            .Where(d => d.Scope == ActivityScope.Account && d.Subject == "mulesoft.api@example.com" && d.Day == Nov27).Select(d => d.Failures).SingleAsync();
        Assert.That(failures, Is.EqualTo(12), "the account's day counts them as failures too");
    }

    [Test]
    public async Task Rebuild_OfALedgerOfManyFiles_GivesExactlyTheTablesTheImportsBuilt()
    {
        await using var test = await VolumeScenario.LedgerAsync();
        foreach (var file in ElfSamples)
            await VolumeScenario.ImportSampleAsync(test, file);
        var (first, second) = SplitJobFiles(test);
        await VolumeScenario.ImportAsync(test, first);
        await VolumeScenario.ImportAsync(test, second);
        await ActivityScenario.ImportAsync(test, ActivityScenario.Habit(new DateTime(2026, 11, 20, 0, 0, 0, DateTimeKind.Utc), 20));
        await RuleScenario.ImportLoginsAsync(test, (new DateTime(2026, 11, 29, 6, 0, 0, DateTimeKind.Utc), "dana@example.com", "203.0.113.5", "LOGIN_ERROR_INVALID_PASSWORD", "Browser"));
        var imported = VolumeScenario.BaselineRows(test);
        Assert.That(imported.Values, Has.All.Not.Empty, "every baseline table has rows to compare");
        Assert.That(imported["ActivityDays"], Has.Some.StartsWith("Scope=Integration").And.Some.StartsWith("Scope=Account"));
        Assert.That(imported["BulkJobs"], Has.Count.GreaterThan(60), "the history's jobs, the sample's and the split ones");
        var events = VolumeScenario.Count(test, "UsageEvents");

        var rebuilt = await new RebuildActivityHandler(test.Ledger).HandleAsync();

        Assert.That(rebuilt.Events, Is.EqualTo(events));
        Assert.That((rebuilt.Days, rebuilt.BulkJobs), Is.EqualTo(((long)imported["ActivityDays"].Count, (long)imported["BulkJobs"].Count)));
        VolumeScenario.AssertSameBaselines(imported, VolumeScenario.BaselineRows(test), "rebuilt from the events");
    }

    [Test]
    public async Task Rebuild_RepairsEditedBaselines_AndIsRecordedInTheAuditLogAsASetting()
    {
        await using var test = await VolumeScenario.LedgerAsync();
        await VolumeScenario.ImportSampleAsync(test, "elf-login-burst.csv");
        await VolumeScenario.ImportSampleAsync(test, "elf-bulkapi2.csv");
        var imported = VolumeScenario.BaselineRows(test);
        test.ExecuteRaw("UPDATE ActivityDays SET Rows = Rows * 10; DELETE FROM BulkJobs; DELETE FROM FailedLoginHours; INSERT INTO ActivityObjects VALUES ('Integration', 'X', '2026-11-01', 'Lead', 1, 1)");
        var entries = VolumeScenario.Count(test, "AuditEntries");

        var first = await new RebuildActivityHandler(test.Ledger).HandleAsync();
        test.Clock.Advance(TimeSpan.FromDays(1));
        var second = await new RebuildActivityHandler(test.Ledger).HandleAsync();

        VolumeScenario.AssertSameBaselines(imported, VolumeScenario.BaselineRows(test), "rebuilt after someone edited them");
        Assert.That(first, Is.EqualTo(new ActivityRebuilt(30, imported["ActivityDays"].Count, 5)), "12 logins and 18 Bulk API 2.0 state events of 5 jobs");
        Assert.That(second, Is.EqualTo(first));
        var setting = await test.Ledger.Db.Settings.AsNoTracking().SingleAsync(s => s.Name == RebuildActivityHandler.RebuiltSetting);
        Assert.That(setting.Value, Is.EqualTo($"2026-07-02T09:00:00Z: 30 events, {first.Days} days, 5 Bulk API 2.0 jobs"));
        var audit = await test.Ledger.Db.AuditEntries.AsNoTracking().Where(e => e.Sequence > entries).OrderBy(e => e.Sequence).ToListAsync();
        Assert.That(audit.Select(e => (e.Action, e.EntityType, e.EntityId, e.Actor)), Is.EqualTo(new[]
        {
            ("activity.rebuilt", "LedgerSetting", "activity.rebuilt", "tester"),
            ("activity.rebuilt", "LedgerSetting", "activity.rebuilt", "tester"),
        }), "one entry per rebuild: who rebuilt the baselines, and when");
        Assert.That(audit[0].Before, Is.Null);
        Assert.That(audit[0].After, Does.Contain($"2026-07-01T09:00:00Z: 30 events, {first.Days} days, 5 Bulk API 2.0 jobs"));
        Assert.That(audit[1].Before, Does.Contain("2026-07-01T09:00:00Z"));
        Assert.That(audit[1].After, Does.Contain("2026-07-02T09:00:00Z"));
        var verification = await new VerifyLedgerHandler(test.Ledger).HandleAsync(new VerifyLedger());
        Assert.That(verification.Holds, Is.True, string.Join("\n", verification.Differences));
    }

    private static DateTime At(int year, int month, int day, int hour, int minute = 0, int second = 0, int millisecond = 0) =>
        new(year, month, day, hour, minute, second, millisecond, DateTimeKind.Utc);
}
