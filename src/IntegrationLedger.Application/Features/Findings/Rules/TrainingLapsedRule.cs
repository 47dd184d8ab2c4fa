using IntegrationLedger.Domain.Findings;
using IntegrationLedger.Domain.People;
using IntegrationLedger.Domain.Tokens;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Features.Findings.Rules;

public sealed class TrainingLapsedRule : IRule
{
    public string Id => "training-lapsed";
    public Severity Severity => Severity.Low;
    public string Title => "Owner's security training lapsed";
    public string Explanation =>
        "A person who owns an active token or an integration has no security training recorded within the set number of days. " +
        "Owners decide where credentials go and who may see them; they are expected to train yearly (ledger person train).";
    public IReadOnlyList<RuleSetting> Settings { get; } = [new("days", 365, "Days a training completion counts for", Min: 1)];

    public async Task<IReadOnlyList<RuleResult>> EvaluateAsync(RuleContext context, CancellationToken cancellationToken)
    {
        var days = context.Setting(this, "days");
        var since = DateOnly.FromDateTime(context.Now).AddDays(-days);
        var db = context.Db;
        var tokenOwners = await db.Tokens.AsNoTracking().Where(t => t.Status == TokenStatus.Active)
            .Select(t => new { t.OwnerId, What = "token " + t.Label }).ToListAsync(cancellationToken);
        var integrationOwners = await db.Integrations.AsNoTracking().Where(i => i.OwnerId != null)
            .Select(i => new { OwnerId = i.OwnerId!.Value, What = "integration " + i.Name }).ToListAsync(cancellationToken);
        var owned = tokenOwners.Concat(integrationOwners).GroupBy(o => o.OwnerId).ToDictionary(g => g.Key, g => g.Select(o => o.What).Order(StringComparer.Ordinal).ToList());
        var ids = owned.Keys.ToList();
        var people = await db.People.AsNoTracking().Where(p => ids.Contains(p.Id) && p.Status == PersonStatus.Active).ToListAsync(cancellationToken);
        var latest = (await db.TrainingRecords.AsNoTracking().Where(t => ids.Contains(t.PersonId)).ToListAsync(cancellationToken))
            .GroupBy(t => t.PersonId).ToDictionary(g => g.Key, g => g.MaxBy(t => t.CompletedOn)!);
        var results = new List<RuleResult>();
        foreach (var person in people.OrderBy(p => p.Email, StringComparer.Ordinal))
        {
            var training = latest.GetValueOrDefault(person.Id);
            if (training is not null && training.CompletedOn >= since)
                continue;
            var what = owned[person.Id];
            var owns = $"owner of {string.Join(", ", what.Take(3))}{(what.Count > 3 ? $" and {what.Count - 3} more" : "")}";
            results.Add(new RuleResult("Person", person.Email, training is null
                ? $"{person.Name} ({owns}) has no security training recorded."
                : $"{person.Name} ({owns}) last trained on {training.CompletedOn:yyyy-MM-dd} ({training.Course}), more than {days} days ago."));
        }
        return results;
    }
}
