using IntegrationLedger.Application.Features.ConnectedApps;
using IntegrationLedger.Web.Hosting;

namespace IntegrationLedger.Web.Pages.Apps;

/// <summary>Every connected app the ledger knows: from the ConnectedApplication exports, and from the OAuth tokens and activity that name one.</summary>
public sealed class IndexModel(LedgerSession session) : LedgerPageModel(session)
{
    public IReadOnlyList<AppSummary> Apps { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Apps = await new ListConnectedAppsHandler(await LedgerAsync(cancellationToken)).HandleAsync(cancellationToken: cancellationToken);
}
