using IntegrationLedger.Application.Features.Incidents;
using IntegrationLedger.Web.Hosting;

namespace IntegrationLedger.Web.Pages.Incidents;

/// <summary>Every incident, newest first, with the steps each has left.</summary>
public sealed class IndexModel(LedgerSession session) : LedgerPageModel(session)
{
    public IReadOnlyList<IncidentView> Incidents { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Incidents = await new ListIncidentsHandler(await LedgerAsync(cancellationToken)).HandleAsync(cancellationToken);
}
