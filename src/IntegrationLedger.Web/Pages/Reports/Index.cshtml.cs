using IntegrationLedger.Application.Features.Exporting;
using IntegrationLedger.Application.Features.Reporting;
using IntegrationLedger.Domain.Reviews;
using IntegrationLedger.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IntegrationLedger.Web.Pages.Reports;

/// <summary>Downloads for auditors. Reports only read the ledger, so they are GETs that every role may make.</summary>
public sealed class IndexModel(LedgerSession session, LedgerWebOptions options, DownloadFolder downloads) : PageModel
{
    public IReadOnlyList<string> Quarters { get; private set; } = [];
    public IReadOnlyList<string> Tables { get; } = ExportTables.All.Select(t => t.Name).ToList();

    public void OnGet()
    {
        // This quarter and the seven before it.
        var now = options.Clock.GetUtcNow().UtcDateTime;
        Quarters = Enumerable.Range(0, 8).Select(i => Quarter.Of(now.AddMonths(-3 * i)).ToString()).ToList();
    }

    public async Task<IActionResult> OnGetQuarterlyAsync(string quarter, CancellationToken cancellationToken)
    {
        if (!Quarter.TryParse(quarter, out var parsed))
            return BadRequest($"'{quarter}' is not a quarter; write it as 2026-Q3.");
        var ledger = await session.OpenAsync(cancellationToken);
        var (_, path) = downloads.NewFile(".xlsx");
        await BuildAsync(path, () => new BuildQuarterlyReportHandler(ledger).HandleAsync(new BuildQuarterlyReport(parsed, path), cancellationToken));
        return DownloadFolder.SendOnce(path, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"audit-{parsed}.xlsx");
    }

    public async Task<IActionResult> OnGetExportAsync(string table, ExportFormat format, CancellationToken cancellationToken)
    {
        if (ExportTables.Find(table) is null)
            return BadRequest($"'{table}' is not a table the ledger exports.");
        var ledger = await session.OpenAsync(cancellationToken);
        var extension = format == ExportFormat.Csv ? ".csv" : ".json";
        var (_, path) = downloads.NewFile(extension);
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
