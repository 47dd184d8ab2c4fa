using FluentValidation;
using FluentValidation.Results;
using IntegrationLedger.Application.Features.Importing.Csv;

namespace IntegrationLedger.Application.Features.Importing;

/// <summary>
/// Imports one file: a platform export or an inventory template, named by <see cref="Format"/> or, with
/// <c>auto</c>, recognised from its header. All or nothing: a file with a bad row changes nothing unless
/// <see cref="SkipInvalid"/>; <see cref="DryRun"/> does everything but commit, so its counts are exact.
/// <see cref="TimeZone"/> and <see cref="DayFirst"/> concern platform exports only. <see cref="Wording"/> is
/// how messages tell the one importing to fix a file (<see cref="ImportWording.Neutral"/> when not given).
/// </summary>
public sealed record ImportFile(
    string Format,
    string Path,
    string? TimeZone = null,
    bool DryRun = false,
    bool SkipInvalid = false,
    string? ErrorsPath = null,
    bool DayFirst = false,
    ImportWording? Wording = null)
{
    public ImportWording RemedyWording => Wording ?? ImportWording.Neutral;
}

/// <summary>
/// What importing a file did, whatever kind of file it was: the figures every caller shows, and the
/// details of its kind (<see cref="Usage"/> for a platform export, <see cref="Inventory"/> for a template).
/// </summary>
public sealed record ImportOutcome(
    string Format,
    bool FormatDetected,
    string File,
    long Read,
    long Accepted,
    long RejectedRows,
    IReadOnlyList<RowError> Errors,
    long ErrorCount,
    bool Committed,
    bool DryRun)
{
    public UsageImportResult? Usage { get; init; }
    public InventoryImportResult? Inventory { get; init; }

    /// <summary>The file's own name, without its folder.</summary>
    public string FileName => System.IO.Path.GetFileName(File);

    /// <summary>Refused whole: it had bad rows and nothing was imported.</summary>
    public bool Rejected => RejectedRows > 0 && !Committed && !DryRun;

    /// <summary>Bad rows left out of the ledger: refused whole, or found by a dry run.</summary>
    public bool HasUncommittedBadRows => RejectedRows > 0 && !Committed;

    internal static ImportOutcome Of(UsageImportResult result)
    {
        var c = result.Counts;
        return new ImportOutcome(result.Format, result.FormatDetected, result.File, c.Read, c.Added + c.Duplicates, c.Rejected, result.Errors, result.ErrorCount, result.Committed, result.DryRun)
        {
            Usage = result,
        };
    }

    internal static ImportOutcome Of(InventoryImportResult result, bool detected)
    {
        var c = result.Counts;
        return new ImportOutcome(result.Template, detected, result.File, c.Read, c.Created + c.Updated + c.Unchanged, c.Rejected, result.Errors, result.Errors.Count, result.Committed, result.DryRun)
        {
            Inventory = result,
        };
    }
}

/// <summary>
/// The one way into importing, for the command line, the web page and the demo alike: the file is opened
/// once, its format chosen once, and it is read by the importer of its kind.
/// </summary>
public sealed class ImportFileHandler(Ledger ledger)
{
    public async Task<ImportOutcome> HandleAsync(ImportFile request, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        using var csv = CsvFile.Open(request.Path);
        var chosen = ImportFormats.Choose(request.Format, csv);
        if (chosen.Usage is { } format)
        {
            var zone = FindZone(request.TimeZone);
            var result = await new UsageExportImport(ledger).ImportAsync(format, chosen.Detected, csv, request, zone, progress, cancellationToken);
            return ImportOutcome.Of(result);
        }
        var inventory = await new InventoryTemplateImport(ledger).ImportAsync(chosen.Template!, csv, request, cancellationToken);
        return ImportOutcome.Of(inventory, chosen.Detected);
    }

    private static TimeZoneInfo? FindZone(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
            return null;
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(name.Trim());
        }
        catch (Exception exception) when (exception is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new ValidationException([new ValidationFailure("time-zone", $"'{name}' is not a time zone; use an IANA name such as America/New_York or UTC.")]);
        }
    }
}
