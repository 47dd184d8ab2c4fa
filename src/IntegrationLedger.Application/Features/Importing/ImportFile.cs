using FluentValidation;
using FluentValidation.Results;
using IntegrationLedger.Application.Features.Access;
using IntegrationLedger.Application.Features.Importing.Csv;
using IntegrationLedger.Application.Features.Importing.Files;
using IntegrationLedger.Application.Features.Importing.Formats;
using IntegrationLedger.Application.Features.Importing.Workbooks;

namespace IntegrationLedger.Application.Features.Importing;

/// <summary>
/// Imports one file: a platform export or an inventory template, named by <see cref="Format"/> or, with
/// <c>auto</c>, recognised from its header. The file may be CSV (comma, semicolon or tab), gzip or a zip of
/// one CSV, or, for a template, an Excel workbook; what it is comes from its content, not its name. All or nothing: a file with a bad row changes nothing unless
/// <see cref="SkipInvalid"/>; <see cref="DryRun"/> does everything but commit, so its counts are exact.
/// <see cref="TimeZone"/> and <see cref="DayFirst"/> concern platform exports only. <see cref="Wording"/> is
/// how messages tell the one importing to fix a file (<see cref="ImportWording.Neutral"/> when not given).
/// <see cref="Run"/> is the run of several files this one belongs to, if any (see <see cref="ImportSetHandler"/>),
/// and <see cref="Member"/> the file to read when <see cref="Path"/> is a zip of several (a download).
/// <see cref="AsOf"/> is the moment an access export describes, when it is not the file's own time.
/// </summary>
public sealed record ImportFile(
    string Format,
    string Path,
    string? TimeZone = null,
    bool DryRun = false,
    bool SkipInvalid = false,
    string? ErrorsPath = null,
    bool DayFirst = false,
    ImportWording? Wording = null,
    ImportRun? Run = null,
    string? Member = null,
    DateTime? AsOf = null)
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
    public AccessImportResult? Access { get; init; }

    /// <summary>What was read (the file, its zip member or its sheet), to name places in it.</summary>
    public required ImportSource Source { get; init; }

    /// <summary>The file's own name, without its folder.</summary>
    public string FileName => System.IO.Path.GetFileName(File);

    /// <summary>Refused whole: it had bad rows and nothing was imported.</summary>
    public bool Rejected => RejectedRows > 0 && !Committed && !DryRun;

    /// <summary>Bad rows left out of the ledger: refused whole, or found by a dry run.</summary>
    public bool HasUncommittedBadRows => RejectedRows > 0 && !Committed;

    internal static ImportOutcome Of(UsageImportResult result, ImportSource source)
    {
        var c = result.Counts;
        return new ImportOutcome(result.Format, result.FormatDetected, result.File, c.Read, c.Added + c.Duplicates, c.Rejected, result.Errors, result.ErrorCount, result.Committed, result.DryRun)
        {
            Usage = result,
            Source = source,
        };
    }

    internal static ImportOutcome Of(AccessImportResult result, ImportSource source)
    {
        var c = result.Counts;
        return new ImportOutcome(result.Format, result.FormatDetected, result.File, c.Read, c.Read - c.Rejected, c.Rejected, result.Errors, result.ErrorCount, result.Committed, result.DryRun)
        {
            Access = result,
            Source = source,
        };
    }

    /// <summary>The details of the file's kind, as <c>--json</c> writes them.</summary>
    public object Details => (object?)Usage ?? (object?)Access ?? Inventory!;

    internal static ImportOutcome Of(InventoryImportResult result, bool detected, ImportSource source)
    {
        var c = result.Counts;
        return new ImportOutcome(result.Template, detected, result.File, c.Read, c.Created + c.Updated + c.Unchanged, c.Rejected, result.Errors, result.Errors.Count, result.Committed, result.DryRun)
        {
            Inventory = result,
            Source = source,
        };
    }
}

/// <summary>
/// The one way into importing, for the command line, the web page and the demo alike: the file is opened
/// once and recognised by its content (plain, gzip, zip, workbook), its format chosen once, and it is read by
/// the importer of its kind.
/// </summary>
public sealed class ImportFileHandler(Ledger ledger)
{
    public async Task<ImportOutcome> HandleAsync(ImportFile request, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var file = ImportedFile.Open(request.Path, request.Member);
        try
        {
            if (file.Kind == ContentKind.Workbook)
                return await ImportWorkbookAsync(file, request, cancellationToken);

            var csv = CsvFile.Open(file);
            try
            {
                var chosen = ImportFormats.Choose(request.Format, csv.Header, csv.Source);
                if (chosen.Access is { } access)
                {
                    var asOf = AccessMoment(request, file);
                    var snapshots = await new AccessExportImport(ledger).ImportAsync(access, chosen.Detected, csv, csv.Sha256, request, asOf, cancellationToken);
                    return ImportOutcome.Of(snapshots, csv.Source);
                }
                if (chosen.Usage is not { } format)
                {
                    var inventory = await new InventoryTemplateImport(ledger).ImportAsync(chosen.Template!, csv, request, cancellationToken);
                    return ImportOutcome.Of(inventory, chosen.Detected, csv.Source);
                }
                var zone = FindZone(request.TimeZone);
                var import = new UsageExportImport(ledger);
                if (format is ElfFormat && request.ErrorsPath is null && csv.Header.IndexOf("EVENT_TYPE") == 0 && csv.Separator is { } separator and < (char)0x80)
                {
                    // Perhaps a file of types the ledger does not use: counted from the start of its text, unparsed.
                    // The scan reads the file again from its first byte, so the reader lets go of it first.
                    var source = csv.Source;
                    csv.Dispose();
                    file.Dispose();
                    file = ImportedFile.Open(request.Path, request.Member);
                    if (await import.SetAsideWholeAsync(format, chosen.Detected, file, source, (byte)separator, request, zone, cancellationToken) is { } setAside)
                        return ImportOutcome.Of(setAside, source);
                    // It holds rows to read: read it all, the usual way.
                    file.Dispose();
                    file = ImportedFile.Open(request.Path, request.Member);
                    csv = CsvFile.Open(file);
                }
                var result = await import.ImportAsync(format, chosen.Detected, csv, request, zone, progress, cancellationToken);
                return ImportOutcome.Of(result, csv.Source);
            }
            finally
            {
                csv.Dispose();
            }
        }
        finally
        {
            file.Dispose();
        }
    }

    /// <summary>
    /// The moment an access export describes: the one given, else the file's own time (an export is written when it
    /// is taken); never later than now.
    /// </summary>
    private DateTime AccessMoment(ImportFile request, ImportedFile file)
    {
        var moment = request.AsOf ?? file.WrittenAt;
        if (moment > ledger.Now.AddMinutes(5))
        {
            if (request.AsOf is not null)
                throw new ValidationException([new ValidationFailure("as-of", $"{moment:yyyy-MM-dd HH:mm} UTC is in the future; an export describes a moment that has passed.")]);
            moment = ledger.Now;
        }
        return DateTime.SpecifyKind(moment, DateTimeKind.Utc);
    }

    /// <summary>A workbook holds inventory templates; the sheet read is the one with the template's header.</summary>
    private async Task<ImportOutcome> ImportWorkbookAsync(ImportedFile file, ImportFile request, CancellationToken cancellationToken)
    {
        var named = ImportFormats.Named(request.Format);
        if (named?.Usage is { } export)
            throw TemplateWorkbook.ExportAsWorkbook(file.Source, export.Name);
        using var workbook = TemplateWorkbook.Open(file);
        var (template, sheet) = workbook.Choose(named?.Template, request.RemedyWording);
        var inventory = await new InventoryTemplateImport(ledger).ImportAsync(template, sheet, request, cancellationToken);
        return ImportOutcome.Of(inventory, detected: named is null, sheet.Source);
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
