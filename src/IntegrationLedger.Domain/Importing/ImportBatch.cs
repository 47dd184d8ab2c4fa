using IntegrationLedger.Domain.Common;

namespace IntegrationLedger.Domain.Importing;

/// <summary>
/// One imported file: what it was (name, SHA-256, format, the time zone its times were read in), who
/// imported it and when, and what came of its rows. Every usage event points back at its batch.
/// </summary>
public sealed class ImportBatch
{
    private ImportBatch()
    {
        FileName = null!;
        Sha256 = null!;
        Format = null!;
        Actor = null!;
    }

    public ImportBatch(Guid id, string fileName, string sha256, string format, string? timeZone, string actor, DateTime importedAt, ImportCounts counts, string eventsDigest)
    {
        Id = id;
        FileName = Guard.Required(fileName, "The file name");
        Sha256 = sha256;
        Format = format;
        TimeZone = timeZone;
        Actor = actor;
        ImportedAt = Guard.Utc(importedAt, nameof(importedAt));
        Counts = counts;
        EventsDigest = eventsDigest;
    }

    public Guid Id { get; private set; }
    public string FileName { get; private set; }
    public string Sha256 { get; private set; }
    public string Format { get; private set; }
    public string? TimeZone { get; private set; }
    public string Actor { get; private set; }
    public DateTime ImportedAt { get; private set; }
    public ImportCounts Counts { get; private set; } = new();

    /// <summary>
    /// SHA-256 over the events the batch added, in their order, as hex: its audit entry records it with the
    /// counts, so events changed or removed behind the ledger's back are found. Null for batches imported
    /// before digests were kept.
    /// </summary>
    public string? EventsDigest { get; private set; }
}

/// <summary>What an import did with a file's rows.</summary>
public sealed record ImportCounts
{
    public long Read { get; set; }
    public long Added { get; set; }
    public long Duplicates { get; set; }
    public long Rejected { get; set; }
    public long Attributed { get; set; }
    public long Unattributed { get; set; }
}
