using IntegrationLedger.Application.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationLedger.Application.Tests.Persistence;

public class MigrationTests
{
    [Test]
    public async Task Model_HasNoChangesWithoutAMigration()
    {
        await using var test = await TestLedger.CreateAsync();

        Assert.That(test.Ledger.Db.Database.HasPendingModelChanges(), Is.False,
            "the model changed without a migration: run 'dotnet ef migrations add NAME --project src/IntegrationLedger.Application --output-dir Persistence/Migrations'");
    }

    [Test]
    public async Task CompiledModel_MatchesTheModelTheConfigurationsBuild()
    {
        await using var test = await TestLedger.CreateAsync();
        var db = test.Ledger.Db;
        // The design-time model is built from OnModelCreating; the runtime one is the generated compiled model.
        var configured = db.GetService<IDesignTimeModel>().Model.GetRelationalModel();
        var compiled = db.Model.GetRelationalModel();

        Assert.That(db.Model.GetType().Namespace, Does.EndWith("CompiledModel"), "the ledger runs on the compiled model");
        // The differ reads model-level settings the read-optimized model does not keep, so compare the schemas themselves.
        var expected = Schema(configured);
        var actual = Schema(compiled);
        const string advice = "the compiled model is out of date: run 'dotnet ef dbcontext optimize' as the README's 'Adding a migration' says";
        Assert.That(expected.Except(actual), Is.Empty, "missing from the compiled model; " + advice);
        Assert.That(actual.Except(expected), Is.Empty, "only in the compiled model; " + advice);
        Assert.That(actual, Has.Count.GreaterThan(300), "the schema lists every table's columns, keys and indexes");
    }

    /// <summary>Every table with its columns, keys, indexes and foreign keys, one line each, in a stable order.</summary>
    private static List<string> Schema(IRelationalModel model) =>
        model.Tables.OrderBy(table => table.Name).SelectMany(table =>
            table.Columns.OrderBy(column => column.Name)
                .Select(column => $"{table.Name}.{column.Name} {column.StoreType} {(column.IsNullable ? "null" : "not null")}")
                .Concat(table.UniqueConstraints.Select(key => $"{table.Name} key {key.Name} ({Columns(key.Columns)})"))
                .Concat(table.Indexes.Select(index =>
                    $"{table.Name} index {index.Name} ({Columns(index.Columns)}){(index.IsUnique ? " unique" : "")} {index.Filter}"))
                .Concat(table.ForeignKeyConstraints.Select(key =>
                    $"{table.Name} fk {key.Name} ({Columns(key.Columns)}) -> {key.PrincipalTable.Name} {key.OnDeleteAction}"))
                .Order(StringComparer.Ordinal))
        .ToList();

    private static string Columns(IEnumerable<IColumn> columns) => string.Join(", ", columns.Select(column => column.Name));

    [Test]
    public async Task Initialize_Twice_KeepsDataAndAddsNoMigrations()
    {
        await using var test = await TestLedger.CreateAsync();
        await test.AddPersonAsync("ana@example.com");

        await using var again = await Ledger.InitializeAsync(TestLedger.Options(test.Folder, test.Clock));

        Assert.That(again.MigrationsApplied, Is.Empty);
        Assert.That(await again.Db.People.CountAsync(), Is.EqualTo(1));
        Assert.That(await again.Db.Settings.CountAsync(), Is.EqualTo(1), "the key check is written once");
    }

    [Test]
    public async Task Initialize_AppliesEveryMigrationToANewFile()
    {
        await using var test = await TestLedger.CreateFreshAsync();

        var applied = await test.Ledger.Db.Database.GetAppliedMigrationsAsync();

        Assert.That(applied, Is.EquivalentTo(test.Ledger.Db.Database.GetMigrations()));
    }

    [Test]
    public async Task Open_MissingFile_SaysToRunInit()
    {
        var folder = Directory.CreateTempSubdirectory("ledger-test-").FullName;
        try
        {
            Assert.That(async () => await Ledger.OpenAsync(TestLedger.Options(folder, TimeProvider.System)),
                Throws.TypeOf<Application.Common.LedgerUnavailableException>().With.Message.Contains("init"));
            Assert.That(File.Exists(Path.Combine(folder, "ledger.db")), Is.False, "opening must not create a ledger");
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    [Test]
    public async Task Connection_UsesWalAndABusyTimeout()
    {
        await using var test = await TestLedger.CreateAsync();
        var connection = test.Ledger.Db.Database.GetDbConnection();
        using var command = connection.CreateCommand();

        command.CommandText = "PRAGMA journal_mode";
        Assert.That(command.ExecuteScalar(), Is.EqualTo("wal"));
        command.CommandText = "PRAGMA busy_timeout";
        Assert.That(command.ExecuteScalar(), Is.EqualTo(15000));
        command.CommandText = "PRAGMA foreign_keys";
        Assert.That(command.ExecuteScalar(), Is.EqualTo(1));
    }

    [Test]
    public async Task Times_AreStoredAndReadBackAsUtc()
    {
        await using var test = await TestLedger.CreateAsync();
        await test.AddPersonAsync("ana@example.com");
        await test.ReopenAsync();

        var person = await test.Ledger.Db.People.SingleAsync();
        var storedText = test.ScalarRaw("SELECT count(*) FROM People WHERE CreatedAt = '2026-07-01 09:00:00'");

        Assert.That(person.CreatedAt.Kind, Is.EqualTo(DateTimeKind.Utc));
        Assert.That(person.CreatedAt, Is.EqualTo(TestLedger.Start.UtcDateTime));
        Assert.That(storedText, Is.EqualTo(1), "stored as the UTC wall-clock time");
    }

    [Test]
    [Platform(Exclude = "Win")]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task DatabaseAndKeyFiles_AreReadableByTheirOwnerOnly()
    {
        await using var test = await TestLedger.CreateFreshAsync();

        Assert.That(File.GetUnixFileMode(test.DatabasePath), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
        Assert.That(File.GetUnixFileMode(test.DatabasePath + ".key"), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
    }

    [Test]
    public async Task Open_ALedgerOnAnEarlierSchema_BacksItUpMigratesItAndKeepsItsDataAndChain()
    {
        var test = await TestLedger.CreateAsync();
        await test.AddPersonAsync("ana@example.com", "Ana");
        // Take the ledger back to the first schema, as a ledger made by the first release would be.
        var migrator = test.Ledger.Db.GetInfrastructure().GetRequiredService<Microsoft.EntityFrameworkCore.Migrations.IMigrator>();
        await migrator.MigrateAsync(test.Ledger.Db.Database.GetMigrations().First());
        await test.Ledger.DisposeAsync();

        await using var upgraded = await Ledger.OpenAsync(TestLedger.Options(test.Folder, test.Clock));

        Assert.That(upgraded.MigrationsApplied, Is.Not.Empty);
        Assert.That(upgraded.BackupPath, Is.Not.Null.And.Contains(".before-"));
        Assert.That(File.Exists(upgraded.BackupPath), Is.True);
        Assert.That(await upgraded.Db.People.Select(p => p.Email).SingleAsync(), Is.EqualTo("ana@example.com"));
        Assert.That((await new Application.Features.Audit.VerifyAuditChainHandler(upgraded).HandleAsync()).Holds, Is.True);
        Assert.That(upgraded.Db.Database.HasPendingModelChanges(), Is.False);
        using var backup = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={upgraded.BackupPath};Mode=ReadOnly;Pooling=False");
        backup.Open();
        using var command = backup.CreateCommand();
        command.CommandText = "SELECT count(*) FROM People";
        Assert.That(command.ExecuteScalar(), Is.EqualTo(1L), "the copy holds the ledger as it was");
        Directory.Delete(test.Folder, true);
    }

    private const string FixtureHead = "74fdfbf0ff73debf47b7ae77ea142a2cd39ba3a0e07c3c8c1a528b9742a51e43";

    [Test]
    public async Task Open_ALedgerFromBeforeFindings_BacksItUpMigratesItAndKeepsItsDataAndChain()
    {
        // A ledger written by an earlier build (see Fixtures/ledger-before-findings/README.md), not one rolled back here.
        var folder = Directory.CreateTempSubdirectory("ledger-fixture-").FullName;
        try
        {
            foreach (var file in new[] { "ledger.db", "ledger.db.key" })
                File.Copy(Path.Combine(AppContext.BaseDirectory, "Fixtures", "ledger-before-findings", file), Path.Combine(folder, file));
            var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));

            await using var upgraded = await Ledger.OpenAsync(TestLedger.Options(folder, clock));

            Assert.That(upgraded.MigrationsApplied, Is.EqualTo(upgraded.Db.Database.GetMigrations().Skip(2)), "every migration after the fixture's two");
            Assert.That(File.Exists(upgraded.BackupPath), Is.True, "a copy is taken before the schema changes");
            Assert.That(upgraded.Db.Database.HasPendingModelChanges(), Is.False);
            var db = upgraded.Db;
            Assert.That(new[] { await db.People.CountAsync(), await db.Integrations.CountAsync(), await db.Tokens.CountAsync(), await db.UsageEvents.CountAsync(), await db.AuditEntries.CountAsync() },
                Is.EqualTo(new[] { 12, 6, 6, 151, 74 }));
            var verify = new Application.Features.Audit.VerifyAuditChainHandler(upgraded);
            Assert.That((await verify.HandleAsync(new Domain.Auditing.ChainAnchor(74, FixtureHead))).Holds, Is.True, "the chain is the one the old build wrote");

            // The migrated ledger does today's work: the rules run over its history, and the chain goes on.
            var findings = await new Application.Features.Findings.RunRulesHandler(upgraded).HandleAsync(new Application.Features.Findings.RunRules());
            Assert.That(findings, Is.Not.Empty);
            Assert.That((await verify.HandleAsync(new Domain.Auditing.ChainAnchor(74, FixtureHead))).Holds, Is.True);
            Assert.That(await db.AuditEntries.CountAsync(), Is.GreaterThan(74));

            using var backup = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={upgraded.BackupPath};Mode=ReadOnly;Pooling=False");
            backup.Open();
            using var command = backup.CreateCommand();
            command.CommandText = "SELECT count(*) FROM __EFMigrationsHistory";
            Assert.That(command.ExecuteScalar(), Is.EqualTo(2L), "the copy is the ledger as it was");
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }
}
