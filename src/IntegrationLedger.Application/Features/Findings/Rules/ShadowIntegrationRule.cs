using IntegrationLedger.Domain.Findings;
using IntegrationLedger.Domain.Usage;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Features.Findings.Rules;

public sealed class ShadowIntegrationRule : IRule
{
    public string Id => "shadow-integration";
    public Severity Severity => Severity.Medium;
    public string Title => "Shadow integration";
    public string Explanation =>
        "API activity that matches no registered integration: software reaching the platform that nobody recorded. Register it " +
        "(with attribution rules that match it) or stop it. Browser sessions and setup changes are not counted.";
    public IReadOnlyList<RuleSetting> Settings { get; } =
    [
        new("days", 30, "How far back from the latest imported activity to look", Min: 1),
        new("min-events", 1, "Events from one account and application before they count as an integration", Min: 1, Max: 1_000_000),
    ];

    private static readonly string[] NotIntegrations = [UsageEventTypes.SetupAuditTrail, UsageEventTypes.Uri, UsageEventTypes.Logout, UsageEventTypes.LoginAs];

    /// <summary>Salesforce's own apps for people: their activity is a person at work, not software someone connected.</summary>
    private static readonly string[] PeoplesApps = ["Browser", "Salesforce for iOS", "Salesforce for Android", "Salesforce Mobile", "Salesforce Authenticator"];

    public async Task<IReadOnlyList<RuleResult>> EvaluateAsync(RuleContext context, CancellationToken cancellationToken)
    {
        var activity = Activity.Of(context);
        var last = await activity.MaxAsync(e => (DateTime?)e.OccurredAt, cancellationToken);
        if (last is null)
            return [];
        var since = last.Value.AddDays(-context.Setting(this, "days"));
        var minimum = context.Setting(this, "min-events");
        var groups = await activity
            .Where(e => e.IntegrationId == null && e.OccurredAt >= since && !NotIntegrations.Contains(e.EventType)
                && (e.Application == null || !PeoplesApps.Contains(e.Application)) && (e.ClientName == null || !e.ClientName.StartsWith("Mozilla/")))
            .GroupBy(e => new { Account = e.Username ?? e.UserId, Application = e.Application ?? e.ClientName })
            .Select(g => new { g.Key.Account, g.Key.Application, Events = g.Count(), First = g.Min(e => e.OccurredAt), Last = g.Max(e => e.OccurredAt) })
            .ToListAsync(cancellationToken);
        return groups
            .Where(g => g.Events >= minimum)
            .Select(g => new RuleResult("Activity", $"{g.Account ?? "unknown account"} | {g.Application ?? "unnamed client"}",
                $"{g.Events} event(s) by {g.Account ?? "an unknown account"} through {g.Application ?? "an unnamed client"} between {g.First:yyyy-MM-dd} and {g.Last:yyyy-MM-dd} match no registered integration."))
            .ToList();
    }
}
