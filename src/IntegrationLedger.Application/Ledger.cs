using IntegrationLedger.Application.Common;
using IntegrationLedger.Application.Common.Security;
using IntegrationLedger.Application.Persistence;
using IntegrationLedger.Application.Persistence.Auditing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application;

/// <summary>
/// An open ledger: the database connection, who is acting and the clock. Every use case takes one.
/// The connection stays open for the ledger's lifetime so its PRAGMAs and locks behave predictably.
/// </summary>
public sealed class Ledger : IAsyncDisposable
{
    private const string KeyCheckSetting = "ledger.key-check";

    private readonly LedgerOptions _options;
    private readonly DbContextOptions<LedgerDbContext> _dbOptions;
    private LedgerKey? _key;

    private Ledger(LedgerOptions options, DbContextOptions<LedgerDbContext> dbOptions)
    {
        _options = options;
        _dbOptions = dbOptions;
        Db = new LedgerDbContext(dbOptions);
    }

    public LedgerDbContext Db { get; }
    public string DatabasePath => _options.DatabasePath;
    public string Actor => _options.Actor;
    public TimeProvider Clock => _options.Clock;
    public DateTime Now => Clock.GetUtcNow().UtcDateTime;

    /// <summary>Where the copy taken before migrating an existing ledger was written; null when there was none to take.</summary>
    public string? BackupPath { get; private set; }

    /// <summary>Migrations applied when this ledger was opened; empty when the schema was current.</summary>
    public IReadOnlyList<string> MigrationsApplied { get; private set; } = [];

    /// <summary>The key that fingerprints secrets, checked against the one this ledger was created with.</summary>
    public LedgerKey Key => _key ??= LoadCheckedKey();

    /// <summary>
    /// Creates the ledger, or brings an existing one up to date; safe to run any number of times. The key is
    /// settled before the database is touched, and a ledger this call created is removed again if it fails,
    /// so a failed init leaves nothing behind.
    /// </summary>
    public static async Task<Ledger> InitializeAsync(LedgerOptions options, CancellationToken cancellationToken = default)
    {
        var path = options.DatabasePath;
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        if (!Directory.Exists(directory))
            throw new LedgerUnavailableException($"Cannot create a ledger at {path}: the folder {directory} does not exist.");
        LedgerFile.EnsureRegularOrMissing(path);

        // An empty file (from mktemp or touch) is initialised like a new one: key first, then the first entry.
        var isNew = !File.Exists(path) || LedgerFile.IsEmpty(path);
        var keyFile = LedgerKey.KeyFilePathFor(path);
        var keyFileExisted = File.Exists(keyFile);
        // A new ledger gets a new key (or LEDGER_KEY) now, before any file is made; an existing one must find its own.
        var key = isNew ? LedgerKey.Load(path, options.KeyFromEnvironment, createIfMissing: true) : null;
        var created = !File.Exists(path);
        if (created)
            OwnerOnlyFile.CreateNew(path).Dispose();

        Ledger? ledger = null;
        try
        {
            ledger = await ConnectAsync(options, cancellationToken);
            var stored = await ledger.Db.Settings.FindAsync([KeyCheckSetting], cancellationToken);
            key ??= LedgerKey.Load(path, options.KeyFromEnvironment, createIfMissing: stored is null);
            if (stored is null)
            {
                await using var change = await ledger.BeginChangeAsync(AuditActions.LedgerInit, cancellationToken);
                ledger.Db.Settings.Add(new LedgerSetting(KeyCheckSetting, key.Check));
                await change.CommitAsync(cancellationToken);
            }
            else if (stored.Value != key.Check)
            {
                throw KeyMismatch(key);
            }
            ledger._key = key;
            return ledger;
        }
        catch
        {
            if (ledger is not null)
                await ledger.DisposeAsync();
            if (created)
            {
                foreach (var file in new[] { path, path + "-wal", path + "-shm" })
                    File.Delete(file);
            }
            if (!keyFileExisted && options.KeyFromEnvironment is null && isNew)
                File.Delete(keyFile);
            throw;
        }
    }

    /// <summary>Opens an existing ledger, applying any migrations it lacks.</summary>
    public static async Task<Ledger> OpenAsync(LedgerOptions options, CancellationToken cancellationToken = default)
    {
        LedgerFile.EnsureRegularOrMissing(options.DatabasePath);
        if (!File.Exists(options.DatabasePath))
            throw new LedgerUnavailableException(
                $"There is no ledger at {options.DatabasePath}; create one with 'ledger --db {options.DatabasePath} init'.");
        if (LedgerFile.IsEmpty(options.DatabasePath))
            throw new LedgerUnavailableException(
                $"{options.DatabasePath} is empty: not a ledger; run 'ledger --db {options.DatabasePath} init' to make it one.");
        return await ConnectAsync(options, cancellationToken);
    }

    public Task<LedgerChange> BeginChangeAsync(string action, CancellationToken cancellationToken = default) =>
        LedgerChange.BeginAsync(this, action, cancellationToken);

    /// <summary>
    /// Another context on a connection of its own, for reading beside <see cref="Db"/> on another thread (the
    /// rules run on several at once). It sees what is committed, never what Db's open transaction holds, so a
    /// caller inside a change reads on Db alone. The caller disposes it.
    /// </summary>
    internal async Task<LedgerDbContext> OpenReaderAsync(CancellationToken cancellationToken)
    {
        var reader = new LedgerDbContext(_dbOptions);
        await reader.Database.OpenConnectionAsync(cancellationToken);
        return reader;
    }

    public async ValueTask DisposeAsync() => await Db.DisposeAsync();

    private static async Task<Ledger> ConnectAsync(LedgerOptions options, CancellationToken cancellationToken)
    {
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = options.DatabasePath,
            Mode = SqliteOpenMode.ReadWrite,
            Pooling = false,
            DefaultTimeout = (int)Math.Ceiling(options.BusyTimeout.TotalSeconds),
        }.ToString();
        var dbOptions = new DbContextOptionsBuilder<LedgerDbContext>()
            // A list in a query goes to SQLite as one JSON parameter, not one parameter per value (EF Core 10's
            // default): the ledger's lists run to tens of thousands of users and accounts, each extra parameter
            // costs the query's compilation time, and SQLite refuses more than 32,766 of them.
            .UseSqlite(connectionString, sqlite => sqlite.UseParameterizedCollectionMode(ParameterTranslationMode.Parameter))
            .AddInterceptors(new SqlitePragmaInterceptor(options.BusyTimeout))
            .Options;
        var ledger = new Ledger(options, dbOptions);
        try
        {
            await ledger.Db.Database.OpenConnectionAsync(cancellationToken);
            var pending = (await ledger.Db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            if (pending.Count > 0)
                await EnsureNotSomeoneElsesDatabaseAsync(ledger, cancellationToken);
            // Write-ahead logging lets readers go on while a command writes. The mode is kept in the file,
            // so it is set only once the file is known to be a ledger.
            await ledger.Db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;", cancellationToken);
            if (pending.Count > 0)
            {
                ledger.BackupPath = await BackUpBeforeMigratingAsync(ledger, cancellationToken);
                await ledger.Db.Database.MigrateAsync(cancellationToken);
            }
            ledger.MigrationsApplied = pending;
            return ledger;
        }
        catch
        {
            await ledger.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Before a migration changes an existing ledger, a consistent copy is taken with SQLite's backup API
    /// beside it (owner-only, like the ledger), so a migration that goes wrong can be undone by hand.
    /// A new, empty ledger has nothing to lose and gets no copy.
    /// </summary>
    private static async Task<string?> BackUpBeforeMigratingAsync(Ledger ledger, CancellationToken cancellationToken)
    {
        var applied = await ledger.Db.Database.GetAppliedMigrationsAsync(cancellationToken);
        if (!applied.Any())
            return null;
        var stamp = ledger.Now.ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        var path = $"{ledger.DatabasePath}.before-{applied.Last()}.{stamp}.bak";
        OwnerOnlyFile.CreateNew(path).Dispose();
        await using var backup = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        await backup.OpenAsync(cancellationToken);
        ((SqliteConnection)ledger.Db.Database.GetDbConnection()).BackupDatabase(backup);
        return path;
    }

    private LedgerKey LoadCheckedKey()
    {
        var key = LedgerKey.Load(DatabasePath, _options.KeyFromEnvironment, createIfMissing: false);
        var stored = Db.Settings.AsNoTracking().SingleOrDefault(s => s.Name == KeyCheckSetting)
            ?? throw new LedgerUnavailableException($"The ledger at {DatabasePath} has no key yet; run 'ledger --db {DatabasePath} init'.");
        return stored.Value == key.Check ? key : throw KeyMismatch(key);
    }

    private static LedgerUnavailableException KeyMismatch(LedgerKey key) =>
        new($"The ledger key from {key.Source} is not the key this ledger was created with; its token fingerprints cannot be checked.");

    /// <summary>
    /// Migrating adds tables; that is right for a new file or an older ledger, but must never happen to
    /// another application's SQLite database given to <c>--db</c> by mistake.
    /// </summary>
    private static async Task EnsureNotSomeoneElsesDatabaseAsync(Ledger ledger, CancellationToken cancellationToken)
    {
        var applied = await ledger.Db.Database.GetAppliedMigrationsAsync(cancellationToken);
        if (applied.Any())
            return;
        var connection = ledger.Db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__EFMigrations%'";
        var tables = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        if (tables > 0)
            throw new LedgerUnavailableException($"{ledger.DatabasePath} is a SQLite database but not a ledger; it was left untouched.");
    }
}
