namespace IntegrationLedger.Domain.Auditing;

/// <summary>The result of walking the audit chain from its first entry.</summary>
public sealed record AuditChainReport(bool Holds, long EntryCount, string HeadHash, long? FirstBadSequence, string? Problem);

/// <summary>
/// Walks entries in storage order and checks that sequence numbers run 1, 2, 3... without gaps, that each
/// entry points at the hash of the one before, and that each hash still matches its content.
/// </summary>
/// <param name="firstAction">What the first entry must record (the ledger's creation), so a log emptied or cut at the front does not verify.</param>
/// <param name="anchor">
/// An entry's hash written down earlier, outside the ledger (a workbook's cover). Whoever can write the
/// database can rewrite the whole chain so that it verifies again; it cannot make the rewritten chain pass
/// through a hash that was already handed to an auditor.
/// </param>
public sealed class AuditChainVerifier(string? firstAction = null, ChainAnchor? anchor = null)
{
    private long _count;
    private string _headHash = AuditEntry.GenesisHash;
    private long? _firstBad;
    private string? _problem;

    public bool Holds => _problem is null;

    /// <summary>Takes the next entry; returns false once the chain is broken, so callers can stop reading.</summary>
    public bool Accept(AuditEntry entry)
    {
        if (!Holds)
            return false;

        var expectedSequence = _count + 1;
        if (entry.Sequence != expectedSequence)
            return Fail(entry.Sequence, entry.Sequence > expectedSequence
                ? $"entry {expectedSequence} is missing (the next entry found is {entry.Sequence})"
                : $"entry {entry.Sequence} appears where entry {expectedSequence} should be (duplicated or reordered)");
        if (!string.Equals(entry.PreviousHash, _headHash, StringComparison.Ordinal))
            return Fail(entry.Sequence, expectedSequence == 1
                ? "entry 1 does not start the chain (entries before it were removed or it was replaced)"
                : $"entry {entry.Sequence} does not follow entry {expectedSequence - 1} (its previous hash differs; deleted, inserted or reordered)");
        if (!string.Equals(entry.ComputeHash(), entry.Hash, StringComparison.Ordinal))
            return Fail(entry.Sequence, $"entry {entry.Sequence} was altered after it was written (its content no longer matches its hash)");
        if (expectedSequence == 1 && firstAction is not null && entry.Action != firstAction)
            return Fail(1, $"entry 1 records '{entry.Action}', not the ledger's creation ('{firstAction}')");
        if (anchor is not null && entry.Sequence == anchor.Sequence && !string.Equals(entry.Hash, anchor.Hash, StringComparison.OrdinalIgnoreCase))
            return Fail(entry.Sequence, $"entry {entry.Sequence}'s hash is {entry.Hash}, not the {anchor.Hash} recorded earlier (the log was rewritten at or before this entry)");

        _count++;
        _headHash = entry.Hash;
        return true;
    }

    /// <summary>The outcome; with a first action required, an empty log does not hold either.</summary>
    public AuditChainReport Report()
    {
        if (Holds && _count == 0 && firstAction is not null)
            return new(false, 0, _headHash, 1, $"the log is empty, but a ledger's first entry ('{firstAction}') is written when it is created");
        if (Holds && anchor is not null && anchor.Sequence > _count)
            return new(false, _count, _headHash, _count + 1, $"the log ends at entry {_count}, but entry {anchor.Sequence} was recorded earlier (entries were removed from the end)");
        return new(Holds, _count, _headHash, _firstBad, _problem);
    }

    private bool Fail(long sequence, string problem)
    {
        _firstBad = sequence;
        _problem = problem;
        return false;
    }
}

/// <summary>An entry number and its hash, as a workbook's cover gives them ("Audit entries", "Audit chain head hash").</summary>
public sealed record ChainAnchor(long Sequence, string Hash)
{
    /// <summary>Reads <c>SEQUENCE:HASH</c>; null when the text is not of that form.</summary>
    public static ChainAnchor? TryParse(string text)
    {
        var parts = text.Trim().Split(':');
        return parts.Length == 2 && long.TryParse(parts[0], out var sequence) && sequence > 0
            && parts[1].Length == 64 && parts[1].All(Uri.IsHexDigit)
            ? new ChainAnchor(sequence, parts[1].ToLowerInvariant())
            : null;
    }
}
