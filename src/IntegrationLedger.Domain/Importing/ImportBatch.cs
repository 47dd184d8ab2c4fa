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

    public ImportBatch(Guid id, string fileName, string sha256, string format, string? timeZone, string actor, DateTime importedAt, ImportCounts counts, string eventsDigest,
        IReadOnlyDictionary<string, long>? setAsideTypes = null, DateTime? asOf = null)
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
        SetAsideTypes = DescribeSetAside(setAsideTypes);
        AsOf = asOf is { } moment ? Guard.Utc(moment, nameof(asOf)) : null;
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

    /// <summary>
    /// The event types the file held that the ledger does not read, with how many rows of each
    /// ("QueuedExecution 40, UITracking 1200"), so that an auditor sees everything that was received.
    /// Null when every row was of a type the ledger reads.
    /// </summary>
    public string? SetAsideTypes { get; private set; }

    /// <summary>
    /// For an access export (User, PermissionSetAssignment, TwoFactorMethodsInfo, UserLogin), the moment it
    /// describes: its file's time or the one given. Null for activity, whose every row has its own time.
    /// </summary>
    public DateTime? AsOf { get; private set; }

    /// <summary>The longest <see cref="SetAsideTypes"/> kept; Salesforce has about 70 event types, which fit with room to spare.</summary>
    public const int SetAsideTypesMaxLength = 4000;

    /// <summary>
    /// How <see cref="SetAsideTypes"/> writes the rows set aside by type: in name order, "Type count". A file
    /// inventing thousands of types is summed up past the length kept rather than refused: its rows are not read.
    /// </summary>
    public static string? DescribeSetAside(IReadOnlyDictionary<string, long>? rowsByType)
    {
        if (rowsByType is null || rowsByType.Count == 0)
            return null;
        var text = new System.Text.StringBuilder();
        var ordered = rowsByType.OrderBy(t => t.Key, StringComparer.Ordinal).ToList();
        for (var i = 0; i < ordered.Count; i++)
        {
            var item = FormattableString.Invariant($"{(i > 0 ? ", " : "")}{ordered[i].Key} {ordered[i].Value}");
            if (text.Length + item.Length > SetAsideTypesMaxLength - 60)
            {
                var rest = ordered.Skip(i).ToList();
                text.Append(FormattableString.Invariant($", and {rest.Count} more types ({rest.Sum(t => t.Value)} rows)"));
                break;
            }
            text.Append(item);
        }
        return text.ToString();
    }
}

/// <summary>What an import did with a file's rows.</summary>
public sealed record ImportCounts
{
    public long Read { get; set; }
    public long Added { get; set; }
    public long Duplicates { get; set; }
    public long Rejected { get; set; }

    /// <summary>Rows of event types the ledger does not read (UITracking, QueuedExecution...): received, counted, not kept.</summary>
    public long SetAside { get; set; }

    public long Attributed { get; set; }
    public long Unattributed { get; set; }
}
