namespace IntegrationLedger.Application.Features.Audit.Readable;

/// <summary>
/// A page of audit entries as people read them (<see cref="ReadableChange"/>). Names are looked up for the whole
/// page at once: a few queries per page, however many entries it holds.
/// </summary>
public sealed class DescribeChangesHandler(Ledger ledger)
{
    public Task<IReadOnlyList<ReadableChange>> HandleAsync(IReadOnlyList<AuditLogEntry> entries, CancellationToken cancellationToken = default) =>
        ChangeDescriber.DescribeAsync(ledger.Db, entries, cancellationToken);
}
