using IntegrationLedger.Application.Features.Dashboard;
using IntegrationLedger.Web.Hosting;

namespace IntegrationLedger.Web.Pages;

public sealed class IndexModel(LedgerSession session) : LedgerPageModel(session)
{
    public Dashboard Board { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Board = await new GetDashboardHandler(await LedgerAsync(cancellationToken)).HandleAsync(cancellationToken);
}
