using FluentValidation;
using IntegrationLedger.Application;
using IntegrationLedger.Application.Features.Importing;
using IntegrationLedger.Domain.Common;
using IntegrationLedger.Web.Hosting;
using IntegrationLedger.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace IntegrationLedger.Web.Pages.Import;

/// <summary>
/// Upload, see the dry run with every bad row, then commit: the same importers, checks and all-or-nothing
/// rule as <c>ledger import</c>.
/// </summary>
[ChangedBy(Policies.ChangeInventory)]
[RequestSizeLimit(MaxUpload)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxUpload)]
public sealed class IndexModel(LedgerSession session, UploadedFiles uploads, DownloadFolder downloads) : LedgerPageModel(session)
{
    /// <summary>A million-row event log file is about 400 MB.</summary>
    private const long MaxUpload = 1L << 30;

    /// <summary>What the last check or import of an uploaded file found.</summary>
    public ImportOutcome? Check { get; private set; }
    public Guid? UploadId { get; private set; }
    public string? Problem { get; private set; }

    // How the file is read, taken from whichever form was sent.
    public string Format { get; private set; } = ImportFormats.Auto;
    public string? TimeZone { get; private set; }
    public bool DayFirst { get; private set; }

    /// <summary>Every rejected row of the last check, as a CSV to download, when there were more than the page shows.</summary>
    public Guid? ErrorsId { get; private set; }

    /// <summary>The formats offered: recognised from the header, or named.</summary>
    public static IEnumerable<SelectListItem> Formats =>
        ImportFormats.AllNames.Select(name => new SelectListItem(name, name)).Prepend(new SelectListItem("recognise from the header", ImportFormats.Auto));

    [BindProperty]
    public CheckFileInput CheckFile { get; set; } = new();

    /// <summary>The commit form, filled in by a check that found nothing wrong.</summary>
    [BindProperty]
    public CommitFileInput CommitFile { get; set; } = new();

    public async Task<IActionResult> OnPostCheckAsync(CancellationToken cancellationToken)
    {
        ReadAs(CheckFile.Format, CheckFile.TimeZone, CheckFile.DayFirst);
        if (CheckFile.File is not { Length: > 0 } file)
        {
            Problem = "Choose a file to check.";
            return Page();
        }
        var (id, path) = await uploads.SaveAsync(User, file, cancellationToken);
        var (errorsId, errorsPath) = downloads.NewFile(User, ".csv");
        try
        {
            Check = await RunAsync(path, dryRun: true, cancellationToken, errorsPath);
        }
        finally
        {
            // Kept only for a commit to follow.
            if (Check is { RejectedRows: 0 })
                UploadId = id;
            else
                uploads.Delete(User, id);
            if (Check is { } check && check.ErrorCount > check.Errors.Count)
                ErrorsId = errorsId;
            else
                System.IO.File.Delete(errorsPath);
        }
        if (UploadId is { } uploadId)
            CommitFile = new CommitFileInput { UploadId = uploadId, Format = Format, TimeZone = TimeZone, DayFirst = DayFirst };
        return Page();
    }

    /// <summary>
    /// The rejected rows of a check, once, to the account that made the check and within the hour; secret
    /// columns are blank in it, as in `ledger import --errors`.
    /// </summary>
    public IActionResult OnGetErrors(Guid id) =>
        downloads.Find(User, id, ".csv") is { } path ? DownloadFolder.SendOnce(path, "text/csv", "rejected-rows.csv") : NotFound();

    public async Task<IActionResult> OnPostCommitAsync(CancellationToken cancellationToken)
    {
        ReadAs(CommitFile.Format, CommitFile.TimeZone, CommitFile.DayFirst);
        if (uploads.Find(User, CommitFile.UploadId) is not { } path)
        {
            Problem = "That upload is no longer here; upload the file again.";
            return Page();
        }
        try
        {
            Check = await RunAsync(path, dryRun: false, cancellationToken);
        }
        finally
        {
            uploads.Delete(User, CommitFile.UploadId);
        }
        return Check is { Committed: true } done
            ? Done($"Imported {done.FileName} as {done.Format}: {done.Accepted} of {done.Read} rows taken.")
            : Page();
    }

    private void ReadAs(string format, string? timeZone, bool dayFirst)
    {
        Format = format;
        DayFirst = dayFirst;
        TimeZone = string.IsNullOrWhiteSpace(timeZone) ? null : timeZone.Trim();
    }

    /// <summary>A whole-file problem (no header, wrong format, unreadable) becomes <see cref="Problem"/> and no check.</summary>
    private async Task<ImportOutcome?> RunAsync(string path, bool dryRun, CancellationToken cancellationToken, string? errorsPath = null)
    {
        try
        {
            var ledger = await LedgerAsync(cancellationToken);
            var request = new ImportFile(Format, path, TimeZone, DryRun: dryRun, ErrorsPath: errorsPath, DayFirst: DayFirst);
            return await new ImportFileHandler(ledger).HandleAsync(request, null, cancellationToken);
        }
        catch (ValidationException exception)
        {
            Problem = string.Join(" ", exception.Errors.Select(e => e.ErrorMessage));
        }
        catch (Exception exception) when (exception is ImportFileException or DomainException)
        {
            // Messages name the file by its path on the server; people know it by the name they uploaded.
            Problem = exception.Message.Replace(Path.GetDirectoryName(path) + Path.DirectorySeparatorChar, "", StringComparison.Ordinal);
        }
        return null;
    }
}

/// <summary>The "Check a file" form: the upload and how to read it.</summary>
public sealed class CheckFileInput
{
    public IFormFile? File { get; set; }
    public string Format { get; set; } = ImportFormats.Auto;
    public string? TimeZone { get; set; }
    public bool DayFirst { get; set; }
}

/// <summary>The "Import these rows" form: the checked upload, to be read as it was checked.</summary>
public sealed class CommitFileInput
{
    public Guid UploadId { get; set; }
    public string Format { get; set; } = ImportFormats.Auto;
    public string? TimeZone { get; set; }
    public bool DayFirst { get; set; }
}
