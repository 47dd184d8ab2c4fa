using IntegrationLedger.Domain.Auditing;

namespace IntegrationLedger.Application.Persistence.Auditing.Verification;

/// <summary>
/// What <c>ledger audit verify</c> and the workbook's cover report: whether the audit chain holds, and
/// whether the tables hold what the chain says they do. The chain's fields keep the names scripts read.
/// </summary>
/// <param name="Notes">What was not checked, and why (batches imported before their events were digested).</param>
public sealed record LedgerVerification(
    bool ChainHolds,
    long EntryCount,
    string HeadHash,
    long? FirstBadSequence,
    string? Problem,
    IReadOnlyList<LedgerDifference> Differences,
    IReadOnlyList<string> Notes)
{
    /// <summary>The chain holds and the tables match it.</summary>
    public bool Holds => ChainHolds && Differences.Count == 0;

    public static LedgerVerification Of(AuditChainReport chain, IReadOnlyList<LedgerDifference> differences, IReadOnlyList<string> notes) =>
        new(chain.Holds, chain.EntryCount, chain.HeadHash, chain.FirstBadSequence, chain.Problem, differences, notes);
}
