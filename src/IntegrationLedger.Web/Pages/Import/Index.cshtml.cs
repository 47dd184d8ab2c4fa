using FluentValidation;
using IntegrationLedger.Application;
using IntegrationLedger.Application.Features.Importing;
using IntegrationLedger.Domain.Common;
using IntegrationLedger.Web.Hosting;
using IntegrationLedger.Web.Security;
using Microsoft.AspNetCore.Mvc;

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

    public ImportCheck? Check { get; private set; }
    public Guid? UploadId { get; private set; }
    public string? Problem { get; private set; }
    public string Format { get; private set; } = "auto";
    public string? TimeZone { get; private set; }
    public bool DayFirst { get; private set; }

    /// <summary>Every rejected row of the last check, as a CSV to download, when there were more than the page shows.</summary>
    public Guid? ErrorsId { get; private set; }

    public async Task<IActionResult> OnPostCheckAsync(IFormFile? file, string format, string? timeZone, bool dayFirst, CancellationToken cancellationToken)
    {
        Format = format;
        DayFirst = dayFirst;
        TimeZone = string.IsNullOrWhiteSpace(timeZone) ? null : timeZone.Trim();
        if (file is null || file.Length == 0)
        {
            Problem = "Choose a file to check.";
            return Page();
        }
        var (id, path) = await uploads.SaveAsync(file, cancellationToken);
        var (errorsId, errorsPath) = downloads.NewFile(".csv");
        try
        {
            Check = await RunAsync(path, dryRun: true, cancellationToken, errorsPath);
        }
        finally
        {
            // Kept only for a commit to follow.
            if (Check is { Rejected: 0 })
                UploadId = id;
            else
                uploads.Delete(id);
            if (Check is { } check && check.ErrorCount > check.Errors.Count)
                ErrorsId = errorsId;
            else
                System.IO.File.Delete(errorsPath);
        }
        return Page();
    }

    /// <summary>The rejected rows of a check, once; secret columns are blank in it, as in `ledger import --errors`.</summary>
    public IActionResult OnGetErrors(Guid id) =>
        downloads.Find(id, ".csv") is { } path ? DownloadFolder.SendOnce(path, "text/csv", "rejected-rows.csv") : NotFound();

    public async Task<IActionResult> OnPostCommitAsync(Guid uploadId, string format, string? timeZone, bool dayFirst, CancellationToken cancellationToken)
    {
        Format = format;
        DayFirst = dayFirst;
        TimeZone = string.IsNullOrWhiteSpace(timeZone) ? null : timeZone.Trim();
        if (uploads.Find(uploadId) is not { } path)
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
            uploads.Delete(uploadId);
        }
        if (Check is { Committed: true } done)
        {
            TempData["Message"] = $"Imported {done.FileName} as {done.Format}: {done.Accepted} of {done.Read} rows taken.";
            return RedirectToPage();
        }
        return Page();
    }

    /// <summary>A whole-file problem (no header, wrong format, unreadable) becomes <see cref="Problem"/> and no check.</summary>
    private async Task<ImportCheck?> RunAsync(string path, bool dryRun, CancellationToken cancellationToken, string? errorsPath = null)
    {
        try
        {
            var ledger = await LedgerAsync(cancellationToken);
            var request = new ImportFile(Format, path, TimeZone, DryRun: dryRun, ErrorsPath: errorsPath, DayFirst: DayFirst);
            var outcome = await new ImportFileHandler(ledger).HandleAsync(request, null, cancellationToken);
            return new ImportCheck(Path.GetFileName(path), outcome.Format, outcome.Read, outcome.Accepted, outcome.RejectedRows, outcome.Errors, outcome.ErrorCount, outcome.Committed);
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
