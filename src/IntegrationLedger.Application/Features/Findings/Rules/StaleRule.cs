using IntegrationLedger.Domain.Findings;
using IntegrationLedger.Domain.Tokens;
using IntegrationLedger.Domain.Usage;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Features.Findings.Rules;

public sealed class StaleRule : IRule
{
    public string Id => "stale";
    public Severity Severity => Severity.Low;
    public string Title => "Stale integration or token";
    public string Explanation =>
        "An integration, or an active token, shows no activity in the last days of the imported data, though the data covers that " +
        "whole window. Unused access should be revoked. The rule stays quiet while the imported data is shorter than the window.";
    public IReadOnlyList<RuleSetting> Settings { get; } = [new("days", 90, "Days without activity that make an integration or token stale", Min: 1)];

    public async Task<IReadOnlyList<RuleResult>> EvaluateAsync(RuleContext context, CancellationToken cancellationToken)
    {
        var activity = Activity.Of(context);
        // OauthToken rows are snapshots of a token's last use, possibly years back, not a stream of activity:
        // they say nothing about which days the imported data covers. The time index finds both ends at once.
        var streams = activity.Where(e => e.EventType != UsageEventTypes.OAuthToken).Select(e => e.OccurredAt);
        var first = await streams.OrderBy(t => t).Cast<DateTime?>().FirstOrDefaultAsync(cancellationToken);
        var last = await streams.OrderByDescending(t => t).Cast<DateTime?>().FirstOrDefaultAsync(cancellationToken);
        var days = context.Setting(this, "days");
        if (first is null || last is null || (last.Value - first.Value).TotalDays < days)
            return [];
        var coverage = new { First = first.Value, Last = last.Value };
        var windowStart = coverage.Last.AddDays(-days);

        // Each integration's and each token's last activity is one seek to the end of its run in the index on
        // (IntegrationId, OccurredAt) or (TokenId, OccurredAt): the time it takes grows with the integrations and
        // tokens, not with the events (grouping the whole index was half a second at a million events, and ten
        // times that at ten million). Setup changes are never attributed to an integration or a token, and a
        // Threat Detection verdict stands for activity at its own moment, so neither needs a filter by type.
        var events = context.Db.UsageEvents.AsNoTracking();
        // Integrations are judged whenever they were recorded: the ledger is often filled in after the fact.
        var integrations = await context.Db.Integrations.AsNoTracking()
            .Select(i => new { Integration = i, Last = events.Where(e => e.IntegrationId == i.Id).Max(e => (DateTime?)e.OccurredAt) })
            .ToListAsync(cancellationToken);
        var lastByIntegration = integrations.Where(i => i.Last is not null).ToDictionary(i => i.Integration.Id, i => i.Last!.Value);
        var tokens = await context.Db.Tokens.AsNoTracking().Where(t => t.Status == TokenStatus.Active && t.IssuedAt < windowStart)
            .Select(t => new { Token = t, Last = events.Where(e => e.TokenId == t.Id).Max(e => (DateTime?)e.OccurredAt) })
            .ToListAsync(cancellationToken);
        var lastByToken = tokens.Where(t => t.Last is not null).ToDictionary(t => t.Token.Id, t => t.Last!.Value);
        // A token's activity shows directly (events of its account) or through the integrations that use it:
        // an API key or a token without a recorded account is seen only that way.
        var usages = await context.Db.TokenUsages.AsNoTracking().Where(u => u.Status != TokenUsageStatus.Ended)
            .Select(u => new { u.TokenId, u.IntegrationId }).ToListAsync(cancellationToken);
        foreach (var usage in usages)
        {
            if (lastByIntegration.TryGetValue(usage.IntegrationId, out var used)
                && (!lastByToken.TryGetValue(usage.TokenId, out var seen) || seen < used))
                lastByToken[usage.TokenId] = used;
        }

        string Describe(DateTime? last) => last is { } at ? $"last active {at:yyyy-MM-dd}" : "never seen in the imported data";
        return integrations.Select(i => i.Integration)
            .Where(i => !lastByIntegration.TryGetValue(i.Id, out var last) || last < windowStart)
            .Select(i => new RuleResult("Integration", i.Name,
                $"Integration '{i.Name}' shows no activity in the {days} days up to {coverage.Last:yyyy-MM-dd} ({Describe(lastByIntegration.TryGetValue(i.Id, out var l) ? l : null)})."))
            .Concat(tokens.Select(t => t.Token)
                .Where(t => !lastByToken.TryGetValue(t.Id, out var last) || last < windowStart)
                .Select(t => new RuleResult("Token", t.Label,
                    $"Token '{t.Label}' shows no activity in the {days} days up to {coverage.Last:yyyy-MM-dd} ({Describe(lastByToken.TryGetValue(t.Id, out var l) ? l : null)}).")))
            .ToList();
    }
}
