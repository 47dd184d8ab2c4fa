using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Persistence;

/// <summary>
/// Many small changes made durable once, at the end, rather than each on its own: for a run of hundreds of
/// files, each committed all or nothing in its own transaction. While it lasts, a commit is not flushed to
/// the disk (synchronous NORMAL, which in write-ahead-log mode keeps the ledger consistent through any crash
/// of the process, since the log is the operating system's to write) and the log is not copied into the
/// database after every commit; disposing copies it (a checkpoint, which first flushes the log) and puts the
/// usual settings back. A process killed meanwhile loses nothing it committed; a power cut could lose the
/// run's files since its start, which the run had not reported as done.
/// </summary>
internal sealed class DeferredDurability : IAsyncDisposable
{
    /// <summary>Pages the log may grow to before SQLite copies it into the database on its own (256 MB of 4 KB pages).</summary>
    private const int CheckpointPages = 65_536;

    private readonly LedgerDbContext _db;

    private DeferredDurability(LedgerDbContext db) => _db = db;

    public static async Task<DeferredDurability> BeginAsync(LedgerDbContext db, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync($"PRAGMA synchronous = NORMAL; PRAGMA wal_autocheckpoint = {CheckpointPages};", cancellationToken);
        return new DeferredDurability(db);
    }

    public async ValueTask DisposeAsync()
    {
        // FULL and the default 1,000 pages again, then the log flushed and copied: everything committed is on disk.
        await _db.Database.ExecuteSqlRawAsync("PRAGMA synchronous = FULL; PRAGMA wal_autocheckpoint = 1000;");
        await _db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(PASSIVE);");
        await _db.Database.CloseConnectionAsync();
    }
}
