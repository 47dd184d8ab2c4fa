using IntegrationLedger.Application.Common.Lists;
using IntegrationLedger.Application.Features.Tokens;
using IntegrationLedger.Domain.Findings;
using IntegrationLedger.Domain.Tokens;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Features.Dashboard;

public sealed record LastImport(string FileName, string Format, DateTime ImportedAt, string Actor, long Added);

/// <summary>
/// What needs attention now: the first page of tokens overdue or due within a month (and how many in all),
/// the first tokens still waiting for integrations to take a reset's new value (and how many), open findings
/// by severity, and the last import. Every part is bounded, however large the ledger.
/// </summary>
public sealed record Dashboard(
    ListPage<TokenListRow> TokensDue,
    IReadOnlyList<TokenSummary> TokensPendingUpdate,
    int TokensPendingUpdateCount,
    IReadOnlyDictionary<Severity, int> OpenFindingsBySeverity,
    LastImport? LastImport);

public sealed class GetDashboardHandler(Ledger ledger)
{
    public const int DueWithinDays = 30;

    /// <summary>The request behind the due tokens the dashboard shows: also the address of the full list it links to.</summary>
    public static ListTokenPage DueTokens(ListQuery list) => new(list, Due: TokenDue.Within, WithinDays: DueWithinDays);

    public async Task<Dashboard> HandleAsync(CancellationToken cancellationToken = default)
    {
        var db = ledger.Db;
        var due = await new ListTokenPageHandler(ledger).PageAsync(DueTokens(new ListQuery(sort: "due")), cancellationToken);
        var waiting = db.Tokens.Where(t => t.Status == TokenStatus.Active && t.Usages.Any(u => u.Status == TokenUsageStatus.PendingUpdate));
        var waitingCount = await waiting.CountAsync(cancellationToken);
        var firstWaiting = await TokenReadModel.SummariesAsync(ledger, waiting.OrderBy(t => t.Label).Take(ListQuery.DefaultPageSize), cancellationToken);
        var bySeverity = await db.Findings.AsNoTracking()
            .Where(f => f.Status != FindingStatus.Resolved)
            .GroupBy(f => f.Severity)
            .Select(g => new { Severity = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Severity, g => g.Count, cancellationToken);
        var last = await db.ImportBatches.AsNoTracking().OrderByDescending(b => b.ImportedAt).FirstOrDefaultAsync(cancellationToken);
        return new Dashboard(
            due,
            firstWaiting.OrderBy(t => t.Label, StringComparer.Ordinal).ToList(),
            waitingCount,
            Enum.GetValues<Severity>().Reverse().ToDictionary(s => s, s => bySeverity.GetValueOrDefault(s)),
            last is null ? null : new LastImport(last.FileName, last.Format, last.ImportedAt, last.Actor, last.Counts.Added));
    }
}
