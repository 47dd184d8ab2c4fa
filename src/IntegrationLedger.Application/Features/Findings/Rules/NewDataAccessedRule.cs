using IntegrationLedger.Application.Features.Activity;
using IntegrationLedger.Domain.Activity;
using IntegrationLedger.Domain.Findings;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Features.Findings.Rules;

/// <summary>
/// An object an integration touched for the first time after it had been watched long enough to know its
/// habits: read from the per-day objects the imports keep, so the question is one grouping of a small table.
/// </summary>
public sealed class NewDataAccessedRule : IRule
{
    public string Id => "new-data-accessed";
    public Severity Severity => Severity.Medium;
    public string Title => "An integration touched an object it never had";
    public string Explanation =>
        "After its learning period, an integration read or wrote an object (such as Contact or Lead) that none of its earlier " +
        "activity touched. A sync job's objects rarely change; a stolen credential reaching for customer data does exactly this.";

    public IReadOnlyList<RuleSetting> Settings { get; } =
        [new("learning-days", 14, "Days after an integration's first activity during which every object it touches is learnt, not reported", Min: 0, Max: 365)];

    public async Task<IReadOnlyList<RuleResult>> EvaluateAsync(RuleContext context, CancellationToken cancellationToken)
    {
        var db = context.Db;
        var learning = context.Setting(this, "learning-days");
        var objects = db.ActivityObjects.AsNoTracking().Where(o => o.Scope == ActivityScope.Integration);
        var firstSeen = await objects.GroupBy(o => new { o.Subject, o.Entity })
            .Select(g => new { g.Key.Subject, g.Key.Entity, First = g.Min(o => o.Day) })
            .ToListAsync(cancellationToken);
        if (firstSeen.Count == 0)
            return [];
        var subjects = firstSeen.Select(f => f.Subject).Distinct().ToList();
        var began = await db.ActivityDays.AsNoTracking().Where(d => d.Scope == ActivityScope.Integration && subjects.Contains(d.Subject))
            .GroupBy(d => d.Subject).Select(g => new { Subject = g.Key, First = g.Min(d => d.Day) })
            .ToDictionaryAsync(g => g.Subject, g => g.First, cancellationToken);
        var ids = subjects.Select(Guid.Parse).ToList();
        var names = await db.Integrations.AsNoTracking().Where(i => ids.Contains(i.Id)).ToDictionaryAsync(i => i.Id, i => i.Name, cancellationToken);

        var results = new List<RuleResult>();
        foreach (var byIntegration in firstSeen.GroupBy(f => f.Subject))
        {
            var id = Guid.Parse(byIntegration.Key);
            if (!names.TryGetValue(id, out var name) || !began.TryGetValue(byIntegration.Key, out var firstDay))
                continue;
            var learnt = firstDay.AddDays(learning);
            foreach (var found in byIntegration.Where(f => f.First >= learnt).OrderBy(f => f.First))
            {
                var before = byIntegration.Where(f => f.First < found.First).Select(f => f.Entity).Order(StringComparer.Ordinal).ToList();
                var day = await objects.Where(o => o.Subject == byIntegration.Key && o.Entity == found.Entity && o.Day == found.First)
                    .Select(o => new { o.Calls, o.Rows }).FirstAsync(cancellationToken);
                var evidence = await ActivityBaselines.EventsOnObjectAsync(db, id, found.Entity, found.First, 3, cancellationToken);
                var history = found.First.DayNumber - firstDay.DayNumber;
                var text = $"On {found.First:yyyy-MM-dd} '{name}' touched {found.Entity} for the first time " +
                    $"({SpikeJudge.Describe(ActivityMeasure.Calls, day.Calls)}, {SpikeJudge.Describe(ActivityMeasure.Rows, day.Rows)}): " +
                    $"in the {history} days since its activity began on {firstDay:yyyy-MM-dd} (learning period {learning} days) it had touched " +
                    (before.Count == 0 ? "no object." : $"only {string.Join(", ", before)}.");
                if (evidence.Count > 0)
                    text += $" Evidence: {string.Join("; ", evidence.Select(e => e.Describe()))}.";
                results.Add(new RuleResult("Integration", $"{name}: {found.Entity}", text));
            }
        }
        return results;
    }
}
