using IntegrationLedger.Application.Persistence.Auditing;
using IntegrationLedger.Domain.Auditing;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Features.Audit;

/// <summary>
/// Recomputes the whole chain from the stored rows, streaming them so that a long log needs no more
/// memory than a short one. The sequence number is part of each hash, so renumbering rows to reorder
/// them breaks the chain just as editing their content does.
/// </summary>
public sealed class VerifyAuditChainHandler(Ledger ledger)
{
    public Task<AuditChainReport> HandleAsync(CancellationToken cancellationToken = default) =>
        HandleAsync(anchor: null, cancellationToken);

    /// <param name="anchor">An entry's hash from an earlier workbook that the chain must still pass through.</param>
    public async Task<AuditChainReport> HandleAsync(ChainAnchor? anchor, CancellationToken cancellationToken = default)
    {
        var verifier = new AuditChainVerifier(firstAction: AuditActions.LedgerInit, anchor);
        var entries = ledger.Db.AuditEntries.AsNoTracking().OrderBy(e => e.Sequence).AsAsyncEnumerable();
        await foreach (var entry in entries.WithCancellation(cancellationToken))
        {
            if (!verifier.Accept(entry))
                break;
        }
        return verifier.Report();
    }
}
