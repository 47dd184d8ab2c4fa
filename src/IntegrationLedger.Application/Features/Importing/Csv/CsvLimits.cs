namespace IntegrationLedger.Application.Features.Importing.Csv;

/// <summary>
/// How big a CSV file's parts may be, in one place. Real exports are far smaller: the widest Salesforce
/// export the ledger reads (Event Monitoring's Report and RestApi files) has 32 columns in a 463-byte header.
/// The limits keep memory bounded whatever a file holds: without them a one-line file of a million columns
/// took the command line to 3.4 GB, and a file of NUL bytes was read to its end as a single record.
/// </summary>
public static class CsvLimits
{
    /// <summary>Columns in a header: thirty times the widest export, and still far beyond any real one.</summary>
    public const int MaxColumns = 1_000;

    /// <summary>Bytes of a header: room for <see cref="MaxColumns"/> names of 65 bytes each.</summary>
    public const int MaxHeaderBytes = 64 * 1024;

    /// <summary>
    /// Bytes of one record (one line, or several where a quoted field holds line breaks): room for a
    /// <see cref="MaxFieldBytes"/> value in every column the ledger keeps, with the columns it ignores beside them.
    /// </summary>
    public const int MaxRecordBytes = 1024 * 1024;

    /// <summary>
    /// The longest value kept from a file. Real values (user agents, URIs, app names) are far shorter;
    /// longer ones come from broken files and would bloat every report. Columns not kept may be longer,
    /// up to <see cref="MaxRecordBytes"/> for the whole record.
    /// </summary>
    public const int MaxFieldBytes = 32 * 1024;
}
