using IntegrationLedger.Application.Features.Choosing;
using IntegrationLedger.Web.Hosting;
using Microsoft.AspNetCore.Mvc;

namespace IntegrationLedger.Web.ViewComponents;

/// <summary>
/// <c>&lt;vc:choices of="People" /&gt;</c>: a datalist of what a field may name, for the browser's own
/// type-ahead (no script). A field uses it with <c>list="@ChoicesViewComponent.IdOf(ChoiceList.People)"</c>.
/// </summary>
public sealed class ChoicesViewComponent(LedgerSession session) : ViewComponent
{
    public static string IdOf(ChoiceList list) => "choices-" + list.ToString().ToLowerInvariant();

    public async Task<IViewComponentResult> InvokeAsync(ChoiceList of)
    {
        var ledger = await session.OpenAsync(HttpContext.RequestAborted);
        var choices = await new ListChoicesHandler(ledger).HandleAsync(of, HttpContext.RequestAborted);
        return View((Id: IdOf(of), Choices: choices));
    }
}
