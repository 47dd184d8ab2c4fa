using IntegrationLedger.Application.Features.Tokens;
using IntegrationLedger.Domain.Findings;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Features.Dashboard;

public sealed record LastImport(string FileName, string Format, DateTime ImportedAt, string Actor, long Added);

/// <summary>What needs attention now: tokens overdue or due within a month, integrations still waiting for a reset's new value, open findings by severity, and the last import.</summary>
public sealed record Dashboard(
    IReadOnlyList<TokenSummary> TokensDue,
    IReadOnlyList<TokenSummary> TokensPendingUpdate,
    IReadOnlyDictionary<Severity, int> OpenFindingsBySeverity,
    LastImport? LastImport);

public sealed class GetDashboardHandler(Ledger ledger)
{
    public const int DueWithinDays = 30;

    public async Task<Dashboard> HandleAsync(CancellationToken cancellationToken = default)
    {
        var due = await new ListTokensHandler(ledger).HandleAsync(new ListTokens(DueWithinDays), cancellationToken);
        var bySeverity = await ledger.Db.Findings.AsNoTracking()
            .Where(f => f.Status != FindingStatus.Resolved)
            .GroupBy(f => f.Severity)
            .Select(g => new { Severity = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Severity, g => g.Count, cancellationToken);
        var last = await ledger.Db.ImportBatches.AsNoTracking().OrderByDescending(b => b.ImportedAt).FirstOrDefaultAsync(cancellationToken);
        return new Dashboard(
            due.Where(t => t.RotationDueAt <= ledger.Now.AddDays(DueWithinDays)).ToList(),
            due.Where(t => t.PendingUpdates > 0).ToList(),
            Enum.GetValues<Severity>().Reverse().ToDictionary(s => s, s => bySeverity.GetValueOrDefault(s)),
            last is null ? null : new LastImport(last.FileName, last.Format, last.ImportedAt, last.Actor, last.Counts.Added));
    }
}
