using IntegrationLedger.Application.Features.Audit;
using IntegrationLedger.Domain.Auditing;
using IntegrationLedger.Web.Hosting;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IntegrationLedger.Web.Pages.Audit;

public sealed class IndexModel(LedgerSession session) : PageModel
{
    private const int Shown = 200;

    public AuditChainReport Chain { get; private set; } = null!;
    public IReadOnlyList<AuditLogEntry> Entries { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var ledger = await session.OpenAsync(cancellationToken);
        Chain = await new VerifyAuditChainHandler(ledger).HandleAsync(cancellationToken);
        Entries = await new ListAuditLogHandler(ledger).HandleAsync(new ListAuditLog(Latest: Shown), cancellationToken);
    }
}
