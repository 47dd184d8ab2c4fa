using IntegrationLedger.Application.Features.Audit;
using IntegrationLedger.Application.Features.Audit.Readable;
using IntegrationLedger.Domain.Auditing;
using IntegrationLedger.Web.Hosting;

namespace IntegrationLedger.Web.Pages.Audit;

public sealed class IndexModel(LedgerSession session) : LedgerPageModel(session)
{
    private const int Shown = 200;

    public AuditChainReport Chain { get; private set; } = null!;
    public IReadOnlyList<ReadableChange> Changes { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var ledger = await LedgerAsync(cancellationToken);
        Chain = await new VerifyAuditChainHandler(ledger).HandleAsync(cancellationToken);
        var entries = await new ListAuditLogHandler(ledger).HandleAsync(new ListAuditLog(Latest: Shown), cancellationToken);
        Changes = await new DescribeChangesHandler(ledger).HandleAsync(entries, cancellationToken);
    }
}
