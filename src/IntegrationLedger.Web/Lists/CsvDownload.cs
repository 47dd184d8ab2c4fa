using IntegrationLedger.Application.Common.Lists;
using IntegrationLedger.Application.Features.Exporting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace IntegrationLedger.Web.Lists;

/// <summary>
/// A list's rows as a CSV download, streamed from the query to the response: written as the ledger's
/// exports write CSV (formula-like text neutralised), with no temporary file to clean up.
/// </summary>
public sealed class CsvDownload(ListExport export) : IActionResult
{
    public async Task ExecuteResultAsync(ActionContext context)
    {
        var response = context.HttpContext.Response;
        response.ContentType = "text/csv; charset=utf-8";
        response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileNameStar = export.Name + ".csv" }.ToString();
        // The rows are the ledger's contents: no cache keeps a copy.
        response.Headers.CacheControl = "no-store";
        await CsvRows.WriteAsync(response.Body, export.Columns, export.Rows, context.HttpContext.RequestAborted);
    }
}
