using IntegrationLedger.Domain.Findings;
using IntegrationLedger.Domain.Tokens;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Features.Findings.Rules;

public sealed class NotUpdatedAfterResetRule : IRule
{
    public string Id => "not-updated-after-reset";
    public Severity Severity => Severity.High;
    public string Title => "Integration not updated after a reset";
    public string Explanation =>
        "A token was reset and an integration that uses it has not been confirmed as updated: it fails with errors such as " +
        "\"Failed: API security token required\" or \"Invalid password\" since the reset, or nobody confirmed it within the days allowed.";
    public IReadOnlyList<RuleSetting> Settings { get; } = [new("confirm-within-days", 7, "Days after a reset by which each integration must be confirmed")];

    public async Task<IReadOnlyList<RuleResult>> EvaluateAsync(RuleContext context, CancellationToken cancellationToken)
    {
        var db = context.Db;
        // Pending usages, and usages confirmed after a reset: a confirmation that the failures contradict is no confirmation.
        var pending = await db.TokenUsages.AsNoTracking()
            .Where(u => u.Status == TokenUsageStatus.PendingUpdate || (u.Status == TokenUsageStatus.Current && u.ConfirmedAt != null))
            .Join(db.Tokens, u => u.TokenId, t => t.Id, (u, t) => new { Usage = u, Token = t.Label })
            .Join(db.Integrations, x => x.Usage.IntegrationId, i => i.Id, (x, i) => new { x.Usage, x.Token, Integration = i.Name })
            .ToListAsync(cancellationToken);
        if (pending.Count == 0)
            return [];
        var integrationIds = pending.Select(p => (Guid?)p.Usage.IntegrationId).Distinct().ToList();
        var earliest = pending.Min(p => p.Usage.PendingSince ?? p.Usage.ConfirmedAt!.Value);
        // Credential failures are few next to all activity: fetch their times once and count per usage in memory.
        var failures = (await Activity.Of(context)
#pragma warning disable CA1304, CA1311 // Translated to SQLite's lower(); no .NET culture is involved.
            .Where(e => e.Succeeded == false && e.Status != null && Activity.CredentialFailures.Contains(e.Status.ToLower())
                && integrationIds.Contains(e.IntegrationId) && e.OccurredAt >= earliest)
#pragma warning restore CA1304, CA1311
            .Select(e => new { Integration = e.IntegrationId!.Value, e.OccurredAt })
            .ToListAsync(cancellationToken))
            .ToLookup(f => f.Integration, f => f.OccurredAt);

        var allowedDays = context.Setting(this, "confirm-within-days");
        var results = new List<RuleResult>();
        foreach (var p in pending)
        {
            var confirmed = p.Usage.Status == TokenUsageStatus.Current;
            var since = confirmed ? p.Usage.ConfirmedAt!.Value : p.Usage.PendingSince!.Value;
            var key = $"{p.Token} / {p.Integration}";
            var failed = failures[p.Usage.IntegrationId].Where(at => at >= since).ToList();
            if (failed.Count > 0)
            {
                results.Add(new RuleResult("TokenUsage", key, confirmed
                    ? $"'{p.Integration}' was confirmed as updated with '{p.Token}' on {since:yyyy-MM-dd HH:mm} UTC but has failed {failed.Count} time(s) with credential errors since, the last at {failed.Max():yyyy-MM-dd HH:mm} UTC."
                    : $"'{p.Integration}' has failed {failed.Count} time(s) with credential errors since '{p.Token}' was reset on {since:yyyy-MM-dd HH:mm} UTC, the last at {failed.Max():yyyy-MM-dd HH:mm} UTC; it was never updated."));
            }
            else if (!confirmed && since.AddDays(allowedDays) < context.Now)
            {
                results.Add(new RuleResult("TokenUsage", key,
                    $"'{p.Integration}' has not been confirmed as updated since '{p.Token}' was reset on {since:yyyy-MM-dd} (allowed: {allowedDays} days).", Severity.Medium));
            }
        }
        return results;
    }
}
