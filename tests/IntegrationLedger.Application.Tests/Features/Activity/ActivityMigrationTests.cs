using IntegrationLedger.Application.Features.Activity;
using IntegrationLedger.Application.Features.Audit;
using IntegrationLedger.Testing;
using Microsoft.Extensions.Time.Testing;

namespace IntegrationLedger.Application.Tests.Features.Activity;

/// <summary>
/// Migration 20261204004712_ActivityVolumesAndBaselines counts the events a ledger already holds into the
/// new baselines, in SQL of its own: on the ledger an earlier build wrote (Fixtures/ledger-before-findings)
/// it must arrive where the import's counting does, and leave a ledger that still verifies.
/// </summary>
public sealed class ActivityMigrationTests
{
    [Test]
    public async Task Migrate_ALedgerFromAnEarlierBuild_BackfillsTheBaselinesARebuildGives()
    {
        await using var fixture = await FixtureAsync();
        var migrated = VolumeScenario.BaselineRows(fixture.DatabasePath);
        Assert.Multiple(() =>
        {
            Assert.That(migrated["ActivityDays"], Has.Some.StartsWith("Scope=Integration").And.Some.StartsWith("Scope=Account"), "the events' days were counted");
            Assert.That(migrated["ActivitySources"], Is.Not.Empty);
            Assert.That(migrated["FailedLoginHours"], Is.Not.Empty, "the failed logins the fixture holds");
            Assert.That(migrated["ActivityObjects"], Is.Empty, "events from before volumes name no object");
            Assert.That(migrated["BulkJobs"], Is.Empty);
        });
        var failures = RawSql.Scalar(fixture.DatabasePath, "SELECT sum(Failures) FROM ActivityDays WHERE Scope = 'Account'");
        Assert.That(failures, Is.GreaterThan(0), "failures counted too");

        await new RebuildActivityHandler(fixture.Ledger).HandleAsync();

        VolumeScenario.AssertSameBaselines(migrated, VolumeScenario.BaselineRows(fixture.DatabasePath), "backfilled by the migration, then rebuilt");
    }

    [Test]
    public async Task Migrate_ALedgerFromAnEarlierBuild_StillVerifies_BeforeAndAfterARebuild()
    {
        await using var fixture = await FixtureAsync();

        var migrated = await new VerifyLedgerHandler(fixture.Ledger).HandleAsync(new VerifyLedger());
        await new RebuildActivityHandler(fixture.Ledger).HandleAsync();
        var rebuilt = await new VerifyLedgerHandler(fixture.Ledger).HandleAsync(new VerifyLedger());

        Assert.That(migrated.Holds, Is.True, string.Join("\n", migrated.Differences));
        Assert.That(rebuilt.Holds, Is.True, string.Join("\n", rebuilt.Differences));
        Assert.That(rebuilt.EntryCount, Is.EqualTo(migrated.EntryCount + 1), "the rebuild's own entry");
    }

    [Test]
    public async Task Migrate_ALedgerFromAnEarlierBuild_KeepsTheDailyBaselinesInTablesWithoutRowids()
    {
        await using var fixture = await FixtureAsync();
        await using var fresh = await Support.TestLedger.CreateFreshAsync();

        foreach (var path in new[] { fixture.DatabasePath, fresh.DatabasePath })
        {
            foreach (var table in new[] { "ActivityDays", "ActivityObjects", "ActivitySources" })
            {
                Assert.That(RawSql.ScalarText(path, $"SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = '{table}'"),
                    Does.EndWith("WITHOUT ROWID"), $"{table} in {Path.GetFileName(Path.GetDirectoryName(path))}");
                Assert.That(RawSql.Scalar(path, $"SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND tbl_name = '{table}'"), Is.Zero,
                    "the key is the table: no index beside it");
            }
        }
        Assert.That(RawSql.Scalar(fixture.DatabasePath, "SELECT count(*) FROM ActivityDays"), Is.GreaterThan(0), "the backfilled days were carried over");
    }

    /// <summary>The ledger an earlier build wrote, copied and opened (so migrated to today's schema).</summary>
    private static async Task<Fixture> FixtureAsync()
    {
        var folder = Directory.CreateTempSubdirectory("ledger-fixture-").FullName;
        foreach (var file in new[] { "ledger.db", "ledger.db.key" })
            File.Copy(Path.Combine(AppContext.BaseDirectory, "Fixtures", "ledger-before-findings", file), Path.Combine(folder, file));
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 5, 9, 0, 0, TimeSpan.Zero));
        var ledger = await Ledger.OpenAsync(Support.TestLedger.Options(folder, clock));
        Assert.That(ledger.MigrationsApplied, Does.Contain("20261204004712_ActivityVolumesAndBaselines"));
        return new Fixture(folder, ledger);
    }

    private sealed record Fixture(string Folder, Ledger Ledger) : IAsyncDisposable
    {
        public string DatabasePath => Ledger.DatabasePath;

        public async ValueTask DisposeAsync()
        {
            await Ledger.DisposeAsync();
            Directory.Delete(Folder, recursive: true);
        }
    }
}
