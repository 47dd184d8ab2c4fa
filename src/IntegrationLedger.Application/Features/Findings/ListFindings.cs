using IntegrationLedger.Domain.Findings;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Features.Findings;

/// <summary>Findings as the last run of the rules left them, without running the rules (which writes): for readers.</summary>
public sealed record ListFindings(FindingStatus? Status = null, Severity? Severity = null);

public sealed class ListFindingsHandler(Ledger ledger)
{
    public async Task<IReadOnlyList<FindingView>> HandleAsync(ListFindings request, CancellationToken cancellationToken = default)
    {
        var query = ledger.Db.Findings.AsNoTracking();
        if (request.Status is { } status)
            query = query.Where(f => f.Status == status);
        if (request.Severity is { } severity)
            query = query.Where(f => f.Severity == severity);
        var findings = await query.ToListAsync(cancellationToken);
        return findings.OrderByDescending(f => f.Severity).ThenByDescending(f => f.LastSeenAt).Select(FindingView.From).ToList();
    }
}
