using IntegrationLedger.Domain.Findings;
using IntegrationLedger.Domain.People;
using IntegrationLedger.Domain.Tokens;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Features.Findings.Rules;

public sealed class OwnerDepartedRule : IRule
{
    public string Id => "owner-departed";
    public Severity Severity => Severity.High;
    public string Title => "Owner has departed";
    public string Explanation =>
        "An active token, or an integration, is owned by a person who has left. Nobody answers for it any more: revoke it or give it " +
        "to someone who does.";
    public IReadOnlyList<RuleSetting> Settings { get; } = [];

    public async Task<IReadOnlyList<RuleResult>> EvaluateAsync(RuleContext context, CancellationToken cancellationToken)
    {
        var db = context.Db;
        var departed = await db.People.AsNoTracking().Where(p => p.Status == PersonStatus.Departed).ToDictionaryAsync(p => p.Id, cancellationToken);
        var ids = departed.Keys.ToList();
        var tokens = await db.Tokens.AsNoTracking().Where(t => t.Status == TokenStatus.Active && ids.Contains(t.OwnerId)).ToListAsync(cancellationToken);
        var integrations = await db.Integrations.AsNoTracking().Where(i => i.OwnerId != null && ids.Contains(i.OwnerId.Value)).ToListAsync(cancellationToken);
        return tokens
            .Select(t => new RuleResult("Token", t.Label,
                $"Token '{t.Label}' is still active but its owner {departed[t.OwnerId].Email} departed on {departed[t.OwnerId].DepartedOn:yyyy-MM-dd}."))
            .Concat(integrations.Select(i => new RuleResult("Integration", i.Name,
                $"Integration '{i.Name}' is owned by {departed[i.OwnerId!.Value].Email}, who departed on {departed[i.OwnerId!.Value].DepartedOn:yyyy-MM-dd}.",
                Severity.Medium)))
            .ToList();
    }
}
