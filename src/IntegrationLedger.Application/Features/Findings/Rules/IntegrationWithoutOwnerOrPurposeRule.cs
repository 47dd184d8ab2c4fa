using IntegrationLedger.Domain.Findings;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Features.Findings.Rules;

public sealed class IntegrationWithoutOwnerOrPurposeRule : IRule
{
    public string Id => "integration-undocumented";
    public Severity Severity => Severity.Medium;
    public string Title => "Integration without owner or purpose";
    public string Explanation =>
        "An integration has no owner or no stated purpose. Without them nobody can say whether it is still needed, or whom to call " +
        "when its token is reset.";
    public IReadOnlyList<RuleSetting> Settings { get; } = [];

    public async Task<IReadOnlyList<RuleResult>> EvaluateAsync(RuleContext context, CancellationToken cancellationToken)
    {
        var integrations = await context.Db.Integrations.AsNoTracking().Where(i => i.OwnerId == null || i.Purpose == null).ToListAsync(cancellationToken);
        return integrations
            .Select(i => new RuleResult("Integration", i.Name,
                $"Integration '{i.Name}' has {(i.OwnerId is null && i.Purpose is null ? "neither an owner nor a purpose" : i.OwnerId is null ? "no owner" : "no stated purpose")}."))
            .ToList();
    }
}
