using IntegrationLedger.Application.Features.Importing;
using IntegrationLedger.Application.Tests.Support;

namespace IntegrationLedger.Application.Tests.Features.Activity;

/// <summary>
/// A volume that cannot be one, or a Bulk API 2.0 job whose state events disagree, is an error naming its
/// line and column, and the file is refused whole (the command's exit 2): no event, no baseline, no batch.
/// </summary>
public sealed class ElfVolumeRejectionTests
{
    [Test]
    public async Task Import_NegativeRowsProcessed_IsRefusedNamingLineAndColumn()
    {
        await using var test = await VolumeScenario.LedgerAsync();
        var path = VolumeScenario.EditedSample(test, "elf-api.csv", 4, "\"57\"", "\"-57\"");

        var outcome = await RefusedAsync(test, path);

        var error = outcome.Errors.Single();
        Assert.That((error.Line, error.Field), Is.EqualTo((4L, "ROWS_PROCESSED")));
        Assert.That(error.Reason, Does.Contain("'-57' is negative"));
    }

    [Test]
    public async Task Import_NonNumericResponseSize_IsRefusedNamingLineAndColumn()
    {
        await using var test = await VolumeScenario.LedgerAsync();
        var path = VolumeScenario.EditedSample(test, "elf-restapi.csv", 6, "\"95310\"", "\"93.1 KB\"");

        var outcome = await RefusedAsync(test, path);

        var error = outcome.Errors.Single();
        Assert.That((error.Line, error.Field), Is.EqualTo((6L, "RESPONSE_SIZE")));
        Assert.That(error.Reason, Does.Contain("'93.1 KB' is not a number of bytes"));
    }

    [Test]
    public async Task Import_FractionInRowCount_IsRefusedNamingLineAndColumn()
    {
        await using var test = await VolumeScenario.LedgerAsync();
        var path = VolumeScenario.EditedSample(test, "elf-report.csv", 12, "\"250000\"", "\"12.5\"");

        var outcome = await RefusedAsync(test, path);

        var error = outcome.Errors.Single();
        Assert.That((error.Line, error.Field), Is.EqualTo((12L, "ROW_COUNT")));
        Assert.That(error.Reason, Does.Contain("'12.5' is not a number of rows").And.Contain("whole number"));
    }

    [Test]
    public async Task Import_JobWhoseStateEventsNameTwoUsers_IsRefusedAtTheRowThatDisagrees()
    {
        await using var test = await VolumeScenario.LedgerAsync();
        // Line 15, the third state event of job 750xx00000Lq4Zk (first at line 13), made mulesoft.api's.
        var path = VolumeScenario.EditedSample(test, "elf-bulkapi2.csv", 15, "\"005xx000001Uq9k\"", "\"005xx000001Sv8Q\"");
        path = EditAgain(path, 15, "\"005xx000001Uq9kAAC\"", "\"005xx000001Sv8QAAS\"");

        var outcome = await RefusedAsync(test, path);

        var error = outcome.Errors.Single();
        Assert.That((error.Line, error.Field), Is.EqualTo((15L, "JOB_ID")));
        Assert.That(error.Reason, Does.Contain("750xx00000Lq4ZkAAJ").And.Contain("user 005xx000001Sv8QAAS where line 13 has 005xx000001Uq9kAAC"));
    }

    [Test]
    public async Task Import_JobWhoseStateEventsNameTwoObjects_IsRefusedAtTheRowThatDisagrees()
    {
        await using var test = await VolumeScenario.LedgerAsync();
        var path = VolumeScenario.EditedSample(test, "elf-bulkapi2.csv", 14, "\"query\",\"Contact\"", "\"query\",\"Account\"");

        var outcome = await RefusedAsync(test, path);

        var error = outcome.Errors.Single();
        Assert.That((error.Line, error.Field), Is.EqualTo((14L, "JOB_ID")));
        Assert.That(error.Reason, Does.Contain("object Account where line 13 has Contact"));
    }

    [Test]
    public async Task Import_JobContinuedInASecondFileWithAnotherOperation_IsRefusedAgainstTheStoredJob()
    {
        await using var test = await VolumeScenario.LedgerAsync();
        // The job's first three state events (a query of Contact), then its last two written as an insert.
        await VolumeScenario.ImportAsync(test, VolumeScenario.SampleLines(test, "elf-bulkapi2.csv", [13, 14, 15]));
        var before = VolumeScenario.BaselineRows(test);
        var (events, batches, audit) = (VolumeScenario.Count(test, "UsageEvents"), VolumeScenario.Count(test, "ImportBatches"), VolumeScenario.Count(test, "AuditEntries"));
        var second = VolumeScenario.EditedSample(test, "elf-bulkapi2.csv", 16, "\"query\"", "\"insert\"", keep: [16, 17]);
        second = EditAgain(second, 3, "\"query\"", "\"insert\"");

        var outcome = await new ImportFileHandler(test.Ledger).HandleAsync(new ImportFile("sf-elf", second));

        Assert.That(outcome.Rejected, Is.True);
        Assert.That(outcome.HasUncommittedBadRows, Is.True, "the command exits 2");
        Assert.That(outcome.Errors.Select(e => (e.Line, e.Field)), Is.EqualTo(new[] { (2L, "JOB_ID"), (3L, "JOB_ID") }));
        Assert.That(outcome.Errors[0].Reason, Does.Contain("750xx00000Lq4ZkAAJ").And.Contain("imported before")
            .And.Contain("operation insert where the ledger holds query"));
        Assert.That(VolumeScenario.Count(test, "UsageEvents"), Is.EqualTo(events));
        Assert.That(VolumeScenario.Count(test, "ImportBatches"), Is.EqualTo(batches));
        Assert.That(VolumeScenario.Count(test, "AuditEntries"), Is.EqualTo(audit));
        VolumeScenario.AssertSameBaselines(before, VolumeScenario.BaselineRows(test), "after the refused file");
        var job = test.Ledger.Db.BulkJobs.Single();
        Assert.That((job.Operation, job.Rows), Is.EqualTo(("query", 800_000L)), "the stored job is as the first file left it");
    }

    /// <summary>Imports the file, expecting it refused whole, and checks that nothing of it was written.</summary>
    private static async Task<ImportOutcome> RefusedAsync(TestLedger test, string path)
    {
        var outcome = await new ImportFileHandler(test.Ledger).HandleAsync(new ImportFile("sf-elf", path));

        Assert.That(outcome.Rejected, Is.True, "the file is refused whole");
        Assert.That(outcome.HasUncommittedBadRows, Is.True, "the command exits 2");
        Assert.That(outcome.Committed, Is.False);
        Assert.That(outcome.RejectedRows, Is.EqualTo(1));
        Assert.Multiple(() =>
        {
            Assert.That(VolumeScenario.Count(test, "UsageEvents"), Is.Zero, "no events");
            Assert.That(VolumeScenario.Count(test, "ImportBatches"), Is.Zero, "no batch");
            foreach (var table in VolumeScenario.BaselineTables)
                Assert.That(VolumeScenario.Count(test, table), Is.Zero, $"nothing in {table}");
        });
        return outcome;
    }

    /// <summary>Changes one more line of a file <see cref="VolumeScenario.EditedSample"/> wrote.</summary>
    private static string EditAgain(string path, int line, string from, string to)
    {
        var lines = File.ReadAllLines(path);
        Assert.That(lines[line - 1], Does.Contain(from));
        lines[line - 1] = lines[line - 1].Replace(from, to, StringComparison.Ordinal);
        File.WriteAllText(path, string.Join("\n", lines) + "\n");
        return path;
    }
}
