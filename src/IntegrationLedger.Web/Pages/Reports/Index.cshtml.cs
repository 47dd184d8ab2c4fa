using IntegrationLedger.Application.Features.Exporting;
using IntegrationLedger.Application.Features.Reporting;
using IntegrationLedger.Domain.Reviews;
using IntegrationLedger.Web.Hosting;
using Microsoft.AspNetCore.Mvc;

namespace IntegrationLedger.Web.Pages.Reports;

/// <summary>
/// Downloads for auditors. Reports only read the ledger, so they are GETs that every role may make; one that
/// cannot be built (a quarter that has not begun) comes back to this page saying why.
/// </summary>
public sealed class IndexModel(LedgerSession session, LedgerWebOptions options, DownloadFolder downloads) : LedgerPageModel(session)
{
    public IReadOnlyList<string> Quarters { get; private set; } = [];
    public IReadOnlyList<string> Tables { get; } = ExportTables.All.Select(t => t.Name).ToList();

    [BindProperty(SupportsGet = true)]
    public WorkbookInput Workbook { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public ExportInput Export { get; set; } = new();

    public void OnGet()
    {
        // This quarter and the seven before it.
        var now = options.Clock.GetUtcNow().UtcDateTime;
        Quarters = Enumerable.Range(0, 8).Select(i => Quarter.Of(now.AddMonths(-3 * i)).ToString()).ToList();
    }

    public async Task<IActionResult> OnGetQuarterlyAsync(CancellationToken cancellationToken)
    {
        var quarter = Quarter.Parse(Workbook.Quarter);
        var ledger = await LedgerAsync(cancellationToken);
        var (_, path) = downloads.NewFile(User, ".xlsx");
        await BuildAsync(path, () => new BuildQuarterlyReportHandler(ledger).HandleAsync(new BuildQuarterlyReport(quarter, path), cancellationToken));
        return DownloadFolder.SendOnce(path, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"audit-{quarter}.xlsx");
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken cancellationToken)
    {
        var (table, format) = (Export.Table, Export.Format);
        if (ExportTables.Find(table) is null)
            return Refused($"'{table}' is not a table the ledger exports.");
        var ledger = await LedgerAsync(cancellationToken);
        var extension = format == ExportFormat.Csv ? ".csv" : ".json";
        var (_, path) = downloads.NewFile(User, extension);
        await BuildAsync(path, () => new ExportTableToFileHandler(ledger).HandleAsync(new ExportTableToFile(table, format, path), cancellationToken));
        return DownloadFolder.SendOnce(path, format == ExportFormat.Csv ? "text/csv" : "application/json", $"{table}{extension}");
    }

    /// <summary>Builds the file to send; a build that fails leaves nothing behind.</summary>
    private static async Task BuildAsync(string path, Func<Task> build)
    {
        try
        {
            await build();
        }
        catch
        {
            System.IO.File.Delete(path);
            throw;
        }
    }
}

/// <summary>The quarterly workbook's form.</summary>
public sealed class WorkbookInput
{
    public string Quarter { get; set; } = "";
}

/// <summary>The "Export a table" form.</summary>
public sealed class ExportInput
{
    public string Table { get; set; } = "";
    public ExportFormat Format { get; set; } = ExportFormat.Csv;
}
