using IntegrationLedger.Application.Persistence.Auditing;
using IntegrationLedger.Application.Persistence.Auditing.Verification;
using IntegrationLedger.Domain.Auditing;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Features.Audit;

/// <summary>Proves the audit chain and that the tables hold what it says; with an anchor, that the chain still passes through an earlier head.</summary>
public sealed record VerifyLedger(ChainAnchor? Anchor = null);

/// <summary>
/// What <c>ledger audit verify</c> runs: one pass over the log that both checks the chain and replays it, then
/// the tables and the imported events compared with what the replay built. A change made with the sqlite3
/// shell to a table, not to the log, is caught here and named.
/// </summary>
public sealed class VerifyLedgerHandler(Ledger ledger)
{
    public async Task<LedgerVerification> HandleAsync(VerifyLedger request, CancellationToken cancellationToken = default)
    {
        var verifier = new AuditChainVerifier(firstAction: AuditActions.LedgerInit, request.Anchor);
        var replay = new AuditReplay();
        var entries = ledger.Db.AuditEntries.AsNoTracking().OrderBy(e => e.Sequence).AsAsyncEnumerable();
        await foreach (var entry in entries.WithCancellation(cancellationToken))
        {
            if (!verifier.Accept(entry))
                break;
            replay.Apply(entry.EntityType, entry.EntityId, entry.After);
        }
        return await LedgerCheck.CompareAsync(ledger.Db, verifier.Report(), replay, cancellationToken);
    }
}
