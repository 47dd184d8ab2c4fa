using FluentValidation;
using IntegrationLedger.Application.Features.Importing;
using IntegrationLedger.Application.Features.Importing.Inventory;
using IntegrationLedger.Domain.Common;
using IntegrationLedger.Web.Hosting;
using IntegrationLedger.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace IntegrationLedger.Web.Pages.Import;

/// <summary>
/// Upload one file or several, see each one's dry run with every bad row, then commit the files that
/// passed: the same importers, checks, all-or-nothing rule (per file) and summary as <c>ledger import</c>.
/// </summary>
[ChangedBy(Policies.ChangeInventory)]
[RequestSizeLimit(MaxUpload)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxUpload)]
public sealed class IndexModel(LedgerSession session, UploadedFiles uploads, DownloadFolder downloads) : LedgerPageModel(session)
{
    /// <summary>A million-row event log file is about 400 MB; the limit is for all the files of one upload.</summary>
    private const long MaxUpload = 1L << 30;

    /// <summary>A week of daily event log files, with room to spare; more would make a page too long to read.</summary>
    public const int MaxFiles = 20;

    /// <summary>
    /// What the file picker offers: CSV and its compressed forms, and workbooks. Only a hint to the browser;
    /// the importer recognises a file by its content, whatever it is called.
    /// </summary>
    public const string AcceptedFiles = ".csv,.tsv,.txt,.gz,.zip,.xlsx,text/csv,text/tab-separated-values,application/gzip,application/zip," +
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>How many integrations or unattributed groups each file's summary lists; the rest are counted.</summary>
    public const int ShownGroups = 20;

    /// <summary>What the last check, or the last import, found in each file.</summary>
    public IReadOnlyList<FileCheck> Files { get; private set; } = [];

    /// <summary>Whether <see cref="Files"/> are the results of an import rather than of a check.</summary>
    public bool Imported { get; private set; }

    /// <summary>A problem with the form itself (no file chosen, a zone that is none), named by its field.</summary>
    public string? Problem { get; private set; }

    /// <summary>The formats offered: recognised from the header, or named.</summary>
    public static IEnumerable<SelectListItem> Formats =>
        ImportFormats.AllNames.Select(name => new SelectListItem(name, name)).Prepend(new SelectListItem("recognise from the header", ImportFormats.Auto));

    /// <summary>Every IANA zone this server knows, for files whose times carry none (the Setup downloads).</summary>
    public static IReadOnlyList<SelectListItem> TimeZones { get; } =
        [
            new SelectListItem("none: the file's times carry their zone", ""),
            .. TimeZoneInfo.GetSystemTimeZones().Select(z => z.Id).Order(StringComparer.Ordinal).Select(id => new SelectListItem(id, id)),
        ];

    public static IEnumerable<string> Templates => InventoryTemplates.All.Select(t => t.Name);

    [BindProperty]
    public CheckFilesInput CheckFiles { get; set; } = new();

    /// <summary>The commit form, filled in by a check that passed at least one file.</summary>
    [BindProperty]
    public CommitFilesInput CommitFiles { get; set; } = new();

    /// <summary>
    /// The "check again" form, filled in by a check that refused a file for want of a time zone: the uploads
    /// stay on the server, so choosing the zone does not mean sending a large export again.
    /// </summary>
    [BindProperty]
    public CommitFilesInput RecheckFiles { get; set; } = new();

    public async Task<IActionResult> OnPostCheckAsync(CancellationToken cancellationToken)
    {
        var files = CheckFiles.Files.Where(f => f.Length > 0).ToList();
        Problem = files.Count == 0 ? "Files: choose one or more files to check."
            : files.Count > MaxFiles ? $"Files: choose at most {MaxFiles} files at a time; {files.Count} were sent."
            : ZoneProblem(CheckFiles.TimeZone);
        if (Problem is not null)
            return Page();

        var checks = new List<FileCheck>();
        foreach (var file in files)
        {
            var (id, path) = await uploads.SaveAsync(User, file, cancellationToken);
            checks.Add(await CheckUploadAsync(id, path, CheckFiles.Reading(), cancellationToken));
        }
        return Checked(checks, CheckFiles.Reading());
    }

    /// <summary>Checks again, with the time zone now chosen, the uploads of a check that found one missing (and those it passed).</summary>
    public async Task<IActionResult> OnPostRecheckAsync(CancellationToken cancellationToken)
    {
        Problem = ZoneProblem(RecheckFiles.TimeZone);
        if (Problem is not null)
            return Page();
        var checks = new List<FileCheck>();
        foreach (var id in RecheckFiles.UploadIds.Distinct().Take(MaxFiles))
        {
            checks.Add(uploads.Find(User, id) is { } path
                ? await CheckUploadAsync(id, path, RecheckFiles.Reading(), cancellationToken)
                : FileCheck.Refused("An uploaded file", "That upload is no longer here; upload the file again."));
        }
        CheckFiles = new CheckFilesInput { Format = RecheckFiles.Format, TimeZone = RecheckFiles.TimeZone, DayFirst = RecheckFiles.DayFirst };
        return Checked(checks, RecheckFiles.Reading());
    }

    /// <summary>The page after a check: each file's findings, and the forms for what may follow.</summary>
    private PageResult Checked(List<FileCheck> checks, Reading reading)
    {
        Files = checks;
        CommitFiles = CommitFilesInput.For(checks.Select(c => c.UploadId).OfType<Guid>(), reading);
        // The files that passed are checked again too, so that one import may follow for all of them.
        RecheckFiles = checks.Any(c => c.NeedsTimeZone)
            ? CommitFilesInput.For(checks.Select(c => c.WaitingUploadId ?? c.UploadId).OfType<Guid>(), reading)
            : new CommitFilesInput();
        return Page();
    }

    /// <summary>Imports every file the check passed, each all or nothing on its own, and shows what each did.</summary>
    /// <remarks>
    /// The page is shown in answer to the post rather than after a redirect: its summaries are too much for
    /// a flash message, and posting it again changes nothing, since its uploads are deleted once used.
    /// </remarks>
    public async Task<IActionResult> OnPostCommitAsync(CancellationToken cancellationToken)
    {
        Problem = ZoneProblem(CommitFiles.TimeZone);
        if (Problem is not null)
            return Page();
        var results = new List<FileCheck>();
        foreach (var id in CommitFiles.UploadIds.Distinct().Take(MaxFiles))
        {
            if (uploads.Find(User, id) is not { } path)
            {
                results.Add(FileCheck.Refused("An uploaded file", "That upload is no longer here; upload the file again."));
                continue;
            }
            try
            {
                results.Add(await RunAsync(path, CommitFiles.Reading(), dryRun: false, cancellationToken));
            }
            finally
            {
                uploads.Delete(User, id);
            }
        }
        Files = results;
        Imported = true;
        return Page();
    }

    /// <summary>
    /// The rejected rows of a check, once, to the account that made the check and within the hour; secret
    /// columns are blank in it, as in `ledger import --errors`.
    /// </summary>
    public IActionResult OnGetErrors(Guid id) =>
        downloads.Find(User, id, ".csv") is { } path ? DownloadFolder.SendOnce(path, "text/csv", "rejected-rows.csv") : NotFound();

    /// <summary>An inventory template's header, to start a spreadsheet from (as <c>ledger template NAME</c> prints it).</summary>
    public IActionResult OnGetTemplate(string name) =>
        InventoryTemplates.Find(name) is { } template
            ? File(System.Text.Encoding.UTF8.GetBytes(InventoryTemplates.HeaderLine(template) + "\n"), "text/csv", $"{template.Name}.csv")
            : NotFound();

    private async Task<FileCheck> CheckUploadAsync(Guid id, string path, Reading reading, CancellationToken cancellationToken)
    {
        var (errorsId, errorsPath) = downloads.NewFile(User, ".csv");
        FileCheck? check = null;
        try
        {
            check = await RunAsync(path, reading, dryRun: true, cancellationToken, errorsPath);
            return check with
            {
                UploadId = check.Passed ? id : null,
                WaitingUploadId = check.NeedsTimeZone ? id : null,
                ErrorsId = check.Outcome is { } outcome && outcome.ErrorCount > outcome.Errors.Count ? errorsId : null,
            };
        }
        finally
        {
            // Kept only for a commit or a second check to follow.
            if (check is not ({ Passed: true } or { NeedsTimeZone: true }))
                uploads.Delete(User, id);
            if (check?.Outcome is not { } outcome || outcome.ErrorCount <= outcome.Errors.Count)
                System.IO.File.Delete(errorsPath);
        }
    }

    /// <summary>A whole-file problem (no header, wrong format, a zone needed) becomes the file's problem; the other files go on.</summary>
    private async Task<FileCheck> RunAsync(string path, Reading reading, bool dryRun, CancellationToken cancellationToken, string? errorsPath = null)
    {
        var fileName = Path.GetFileName(path);
        try
        {
            var ledger = await LedgerAsync(cancellationToken);
            var request = new ImportFile(reading.Format, path, Trimmed(reading.TimeZone), DryRun: dryRun, ErrorsPath: errorsPath, DayFirst: reading.DayFirst, Wording: WebWording.Import);
            return new FileCheck(fileName, await new ImportFileHandler(ledger).HandleAsync(request, null, cancellationToken), null);
        }
        catch (ValidationException exception)
        {
            return FileCheck.Refused(fileName, string.Join(" ", exception.Errors.Select(e => e.ErrorMessage)));
        }
        catch (Exception exception) when (exception is ImportFileException or DomainException)
        {
            // Messages name the file by its path on the server; people know it by the name they uploaded.
            return FileCheck.Refused(fileName, exception.Message.Replace(Path.GetDirectoryName(path) + Path.DirectorySeparatorChar, "", StringComparison.Ordinal))
                with { NeedsTimeZone = exception is ImportFileException { NeedsTimeZone: true } };
        }
    }

    private static string? ZoneProblem(string? timeZone) =>
        Trimmed(timeZone) is { } zone && !TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _)
            ? $"Time zone: '{zone}' is not a time zone; choose one from the list, or none when the file's times carry their zone."
            : null;

    private static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

/// <summary>How files are read: the same for a check, a second check and the import that follows.</summary>
public sealed record Reading(string Format, string? TimeZone, bool DayFirst);

/// <summary>The "Check files" form: the uploads, and how to read them.</summary>
public sealed class CheckFilesInput
{
    public List<IFormFile> Files { get; set; } = [];
    public string Format { get; set; } = ImportFormats.Auto;
    public string? TimeZone { get; set; }
    public bool DayFirst { get; set; }

    public Reading Reading() => new(Format, TimeZone, DayFirst);
}

/// <summary>The "Import" and "Check again" forms: uploads already on the server, and how to read them.</summary>
public sealed class CommitFilesInput
{
    public List<Guid> UploadIds { get; set; } = [];
    public string Format { get; set; } = ImportFormats.Auto;
    public string? TimeZone { get; set; }
    public bool DayFirst { get; set; }

    public Reading Reading() => new(Format, TimeZone, DayFirst);

    public static CommitFilesInput For(IEnumerable<Guid> uploadIds, Reading reading) =>
        new() { UploadIds = [.. uploadIds], Format = reading.Format, TimeZone = reading.TimeZone, DayFirst = reading.DayFirst };
}
