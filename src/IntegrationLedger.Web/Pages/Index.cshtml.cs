using IntegrationLedger.Application.Features.Dashboard;
using IntegrationLedger.Web.Hosting;

namespace IntegrationLedger.Web.Pages;

public sealed class IndexModel(LedgerSession session) : LedgerPageModel(session)
{
    public Dashboard Board { get; private set; } = null!;

    /// <summary>The access figures, from one load of every account's access.</summary>
    public AccessDashboard Access { get; private set; } = null!;

    /// <summary>The integrations and accounts with open findings of the anomaly rules.</summary>
    public AnomalyDashboard Anomalies { get; private set; } = null!;

    /// <summary>Each anomaly rule's column heading, in <see cref="GetAnomalyDashboardHandler.Rules"/>' order.</summary>
    public static IReadOnlyDictionary<string, string> AnomalyHeadings { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [GetAnomalyDashboardHandler.VolumeSpike] = "Volume spikes",
        [GetAnomalyDashboardHandler.NewDataAccessed] = "New objects",
        [GetAnomalyDashboardHandler.LoginFailureBurst] = "Failed-login bursts",
        [GetAnomalyDashboardHandler.ThreatDetection] = "Threat Detection",
    };

    /// <summary>The ledger's now, against which a due token is overdue.</summary>
    public DateTime Now { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var ledger = await LedgerAsync(cancellationToken);
        Now = ledger.Now;
        Board = await new GetDashboardHandler(ledger).HandleAsync(cancellationToken);
        Access = await new GetAccessDashboardHandler(ledger).HandleAsync(cancellationToken);
        Anomalies = await new GetAnomalyDashboardHandler(ledger).HandleAsync(cancellationToken);
    }
}
