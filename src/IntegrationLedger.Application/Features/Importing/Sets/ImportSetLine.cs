namespace IntegrationLedger.Application.Features.Importing;

/// <summary>What became of one file of a run, as its line of the summary says.</summary>
public enum ImportSetStatus
{
    /// <summary>Imported (or, in a dry run, would be): its rows are in the ledger, some perhaps set aside.</summary>
    Imported,

    /// <summary>Every row was of a type the ledger does not use: received and recorded, nothing kept.</summary>
    SetAside,

    /// <summary>The same text as a file before it in the run, which was imported in its place.</summary>
    SameContent,

    /// <summary>Refused whole: bad rows, or not a file the ledger reads. Nothing of it was imported.</summary>
    Refused,
}

/// <summary>
/// One file's line in the summary of a run: its figures (format, read, added, duplicates, set aside, rejected)
/// from its outcome, or the one problem that stopped it being read at all.
/// </summary>
public sealed record ImportSetLine(string Name, ImportOutcome? Outcome, string? Problem)
{
    public static ImportSetLine Refused(string name, string problem) => new(name, null, problem);

    /// <summary>The file of the run this line is about: which path, and which member of a zip.</summary>
    public ImportSetEntry? Entry { get; init; }

    /// <summary>Refused only because its times carry no zone: read with one, the same file may pass.</summary>
    public bool NeedsTimeZone { get; init; }

    /// <summary>
    /// The whole message that stopped the file being read, its name first as messages of a single file are
    /// ("logins.csv, line 1: ..."), for where the line's name is not beside it; <see cref="Problem"/> is the rest.
    /// </summary>
    public string? Message { get; init; }

    public ImportSetStatus Status =>
        Outcome is null || Outcome.HasUncommittedBadRows ? ImportSetStatus.Refused
        : (Outcome.Usage?.SameContentAs ?? Outcome.Access?.SameContentAs) is not null ? ImportSetStatus.SameContent
        : Outcome.Read > 0 && Outcome.Usage?.Counts.SetAside == Outcome.Read ? ImportSetStatus.SetAside
        : ImportSetStatus.Imported;

    public ImportSetFigures Figures => Outcome is null ? new ImportSetFigures() : ImportSetFigures.Of(Outcome);

    /// <summary>What the line says beside its figures: why it was refused, or which file stood in for it.</summary>
    public string? Note => Status switch
    {
        ImportSetStatus.Refused when Problem is not null => Problem,
        ImportSetStatus.Refused => $"{Outcome!.RejectedRows} bad row(s){(Outcome.DryRun ? "" : "; nothing of it was imported")}",
        ImportSetStatus.SameContent => $"the same text as {Outcome!.Usage?.SameContentAs ?? Outcome.Access!.SameContentAs}, read once",
        _ when Outcome?.Access is { Counts.History: > 0 } access => $"older than the access held: kept as history for {access.Counts.History} account(s)",
        _ when Outcome?.Usage is { SetAsideTypes.Count: > 0 } usage => "set aside: " + Domain.Importing.ImportBatch.DescribeSetAside(usage.SetAsideTypes),
        _ => null,
    };
}

/// <summary>
/// A file's figures in a run's table, the same for every kind: for an inventory template, what it created or
/// updated counts as added and what it left unchanged as duplicates.
/// </summary>
public sealed record ImportSetFigures(string Format = "", long Read = 0, long Added = 0, long Duplicates = 0, long SetAside = 0, long Rejected = 0)
{
    public static ImportSetFigures Of(ImportOutcome outcome)
    {
        if (outcome.Usage is { } usage)
        {
            var c = usage.Counts;
            // A refused or stood-in-for file added nothing, whatever its good rows would have done.
            var counted = usage.Committed || usage.DryRun && usage.SameContentAs is null;
            return new(usage.Format, c.Read, counted ? c.Added : 0, counted ? c.Duplicates : 0, c.SetAside, c.Rejected);
        }
        if (outcome.Access is { } access)
        {
            var a = access.Counts;
            var taken = access.Committed || access.DryRun && access.SameContentAs is null;
            return new(access.Format, a.Read, taken ? a.Recorded : 0, taken ? a.Unchanged : 0, 0, a.Rejected);
        }
        var t = outcome.Inventory!.Counts;
        var applied = outcome.Inventory.Committed || outcome.Inventory.DryRun;
        return new(outcome.Format, t.Read, applied ? t.Created + t.Updated : 0, applied ? t.Unchanged : 0, 0, t.Rejected);
    }

    public static ImportSetFigures Sum(IEnumerable<ImportSetFigures> lines) =>
        lines.Aggregate(new ImportSetFigures("total"), (sum, f) => sum with
        {
            Read = sum.Read + f.Read,
            Added = sum.Added + f.Added,
            Duplicates = sum.Duplicates + f.Duplicates,
            SetAside = sum.SetAside + f.SetAside,
            Rejected = sum.Rejected + f.Rejected,
        });
}
