using IntegrationLedger.Application.Features.Importing;

namespace IntegrationLedger.Application.Features.Access;

/// <summary>What importing an access export did with its rows and accounts.</summary>
public sealed record AccessCounts
{
    public long Read { get; set; }
    public long Rejected { get; set; }

    /// <summary>Accounts the rows were about.</summary>
    public long Accounts { get; set; }

    /// <summary>Accounts the ledger did not know, added from a User export.</summary>
    public long AccountsAdded { get; set; }

    /// <summary>Accounts whose access of this kind the ledger had never recorded.</summary>
    public long FirstRecorded { get; set; }

    /// <summary>Accounts whose access changed since the snapshot before; each change is in the audit log.</summary>
    public long Changed { get; set; }

    /// <summary>Accounts found as they were.</summary>
    public long Unchanged { get; set; }

    /// <summary>Accounts for which the ledger already holds a later snapshot: this one is kept as history, not as the current state.</summary>
    public long History { get; set; }

    /// <summary>Snapshots written: first recorded, changed and history.</summary>
    public long Recorded => FirstRecorded + Changed + History;
}

/// <summary>One account whose access changed, and how, for the summary.</summary>
public sealed record AccountChange(string Username, string Changes);

public sealed record AccessImportResult(
    string Format,
    bool FormatDetected,
    string File,
    DateTime AsOf,
    AccessCounts Counts,
    IReadOnlyList<RowError> Errors,
    long ErrorCount,
    bool Committed,
    bool DryRun)
{
    public bool Rejected => Counts.Rejected > 0 && !Committed && !DryRun;

    /// <summary>The file read inside a zip, or null.</summary>
    public string? Member { get; init; }

    /// <summary>The latest moment of this kind of access the ledger held before, when it is after <see cref="AsOf"/>.</summary>
    public DateTime? LaterHeld { get; init; }

    /// <summary>The accounts whose access changed, with what changed, by username.</summary>
    public IReadOnlyList<AccountChange> Changes { get; init; } = [];

    /// <summary>Rows refused only because their user is in no User export the ledger holds: a run imports them again after its other files.</summary>
    public long UnknownUsers { get; init; }

    /// <summary>Another file of the same run with the same text, imported in this one's place.</summary>
    public string? SameContentAs { get; init; }
}
