using IntegrationLedger.Application.Features.Dashboard;
using IntegrationLedger.Web.Hosting;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IntegrationLedger.Web.Pages;

public sealed class IndexModel(LedgerSession session) : PageModel
{
    public Dashboard Board { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Board = await new GetDashboardHandler(await session.OpenAsync(cancellationToken)).HandleAsync(cancellationToken);
}
