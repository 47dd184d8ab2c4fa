using IntegrationLedger.Application.Features.Audit;
using IntegrationLedger.Domain.Auditing;
using IntegrationLedger.Web.Hosting;

namespace IntegrationLedger.Web.Pages.Audit;

public sealed class IndexModel(LedgerSession session) : LedgerPageModel(session)
{
    private const int Shown = 200;

    public AuditChainReport Chain { get; private set; } = null!;
    public IReadOnlyList<AuditLogEntry> Entries { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var ledger = await LedgerAsync(cancellationToken);
        Chain = await new VerifyAuditChainHandler(ledger).HandleAsync(cancellationToken);
        Entries = await new ListAuditLogHandler(ledger).HandleAsync(new ListAuditLog(Latest: Shown), cancellationToken);
    }
}
