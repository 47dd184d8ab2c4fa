using IntegrationLedger.Application.Features.Audit.Readable;
using IntegrationLedger.Web.Hosting;
using Microsoft.AspNetCore.Mvc;

namespace IntegrationLedger.Web.Pages;

/// <summary>
/// The History section of a token's, an integration's or a person's page: it reads the record's latest changes
/// itself, so each page includes it with one line and its page model stays as it was.
/// </summary>
public sealed class HistoryViewComponent(LedgerSession session) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(HistorySubject subject, string name)
    {
        var ledger = await session.OpenAsync(HttpContext.RequestAborted);
        var history = await new ShowHistoryHandler(ledger).HandleAsync(new ShowHistory(subject, name), HttpContext.RequestAborted);
        return View("/Pages/Shared/_History.cshtml", history);
    }
}
