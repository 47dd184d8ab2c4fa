using System.Net;
using IntegrationLedger.Domain.Activity;
using IntegrationLedger.Domain.Findings;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Features.Findings.Rules;

public sealed class OutsideAllowedNetworkRule : IRule
{
    public string Id => "outside-allowed-network";
    public Severity Severity => Severity.High;
    public string Title => "Activity from outside the allowed networks";
    public string Explanation =>
        "An integration was active from an address outside the networks it is allowed to connect from. Either the list is out of date " +
        "or its credential is being used from somewhere else.";
    public IReadOnlyList<RuleSetting> Settings { get; } = [new("days", 30, "How far back from the latest imported activity to look", Min: 1)];

    public async Task<IReadOnlyList<RuleResult>> EvaluateAsync(RuleContext context, CancellationToken cancellationToken)
    {
        var integrations = await context.Db.Integrations.AsNoTracking().Include(i => i.AllowedNetworks)
            .Where(i => i.AllowedNetworks.Any()).ToListAsync(cancellationToken);
        if (integrations.Count == 0)
            return [];
        var activity = Activity.Of(context);
        var last = await activity.MaxAsync(e => (DateTime?)e.OccurredAt, cancellationToken);
        if (last is null)
            return [];
        // The sources of each day come from the baselines the imports keep, not from the events: the window
        // is whole UTC days, from the day N days before the latest activity.
        var since = DateOnly.FromDateTime(last.Value.AddDays(-context.Setting(this, "days")));
        var subjects = integrations.Select(i => i.Id.ToString().ToUpperInvariant()).ToList();
        var sources = (await context.Db.ActivitySources.AsNoTracking()
            .Where(s => s.Scope == ActivityScope.Integration && subjects.Contains(s.Subject) && s.Day >= since)
            .GroupBy(s => new { s.Subject, s.Source })
            .Select(g => new { g.Key.Subject, Ip = g.Key.Source, Events = g.Sum(s => s.Calls) })
            .ToListAsync(cancellationToken))
            .ToLookup(s => Guid.Parse(s.Subject));

        var results = new List<RuleResult>();
        foreach (var integration in integrations)
        {
            var networks = integration.AllowedNetworks.Select(n => IPNetwork.Parse(n.Cidr)).ToList();
            var outside = sources[integration.Id].Where(s => IPAddress.TryParse(s.Ip, out var ip) && !networks.Any(n => n.Contains(ip))).ToList();
            if (outside.Count > 0)
            {
                results.Add(new RuleResult("Integration", integration.Name,
                    $"'{integration.Name}' was active from {string.Join(", ", outside.OrderByDescending(o => o.Events).Take(5).Select(o => $"{o.Ip} ({o.Events})"))}, outside {string.Join(", ", integration.AllowedNetworks.Select(n => n.Cidr))}."));
            }
        }
        return results;
    }
}
