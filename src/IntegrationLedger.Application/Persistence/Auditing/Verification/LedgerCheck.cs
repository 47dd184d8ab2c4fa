using IntegrationLedger.Domain.Auditing;

namespace IntegrationLedger.Application.Persistence.Auditing.Verification;

/// <summary>
/// The tables checked against the audit log once the chain is proven: the rows the log's entries build
/// (<see cref="TablesAgainstLog"/>) and the events its batches recorded (<see cref="EventsAgainstBatches"/>).
/// Shared by <c>audit verify</c> and the workbook's cover, so both name the same differences.
/// </summary>
internal static class LedgerCheck
{
    /// <param name="replay">Every entry of the log applied in order, up to its head.</param>
    public static async Task<LedgerVerification> CompareAsync(LedgerDbContext db, AuditChainReport chain, AuditReplay replay, CancellationToken cancellationToken)
    {
        // A broken chain describes nothing reliably: comparing the tables with it would only add noise.
        if (!chain.Holds)
            return LedgerVerification.Of(chain, [], ["The tables were not compared with the audit log, because the log itself does not verify."]);

        var notes = new List<string>();
        var differences = await TablesAgainstLog.CompareAsync(db, replay, cancellationToken);
        differences.AddRange(await EventsAgainstBatches.CompareAsync(db, replay, notes, cancellationToken));
        return LedgerVerification.Of(chain, differences, notes);
    }
}
