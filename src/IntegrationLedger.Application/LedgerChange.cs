using IntegrationLedger.Application.Persistence.Auditing;
using Microsoft.EntityFrameworkCore.Storage;

namespace IntegrationLedger.Application;

/// <summary>
/// One use case's change to the ledger: an immediate (write-locked) transaction, so what the use case
/// reads cannot change under it, and a commit that writes the changes and their audit entries together.
/// Disposing without committing rolls everything back.
/// </summary>
public sealed class LedgerChange : IAsyncDisposable
{
    private readonly Ledger _ledger;
    private readonly IDbContextTransaction _transaction;
    private readonly string _action;

    private LedgerChange(Ledger ledger, IDbContextTransaction transaction, string action)
    {
        _ledger = ledger;
        _transaction = transaction;
        _action = action;
    }

    internal static async Task<LedgerChange> BeginAsync(Ledger ledger, string action, CancellationToken cancellationToken)
    {
        // Microsoft.Data.Sqlite begins IMMEDIATE unless asked for a deferred transaction: the write lock is
        // taken now, waiting up to the busy timeout if another process holds it.
        var transaction = await ledger.Db.Database.BeginTransactionAsync(cancellationToken);
        return new LedgerChange(ledger, transaction, action);
    }

    public async Task CommitAsync(CancellationToken cancellationToken = default)
    {
        var db = _ledger.Db;
        // Bulk use cases switch automatic change detection off while they work; everything must be seen here.
        db.ChangeTracker.DetectChanges();
        await ChangeAuditor.AppendAsync(db, _action, _ledger.Actor, _ledger.Now, cancellationToken);
        db.AuditedSaveInProgress = true;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        finally
        {
            db.AuditedSaveInProgress = false;
        }
        await _transaction.CommitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _transaction.DisposeAsync();
        // A failed change must not leave its half-applied entities tracked for the next one, nor its settings.
        _ledger.Db.ChangeTracker.Clear();
        _ledger.Db.ChangeTracker.AutoDetectChangesEnabled = true;
    }
}
