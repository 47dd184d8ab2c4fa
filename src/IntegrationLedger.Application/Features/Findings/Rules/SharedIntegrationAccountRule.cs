using IntegrationLedger.Domain.Accounts;
using IntegrationLedger.Domain.Findings;

namespace IntegrationLedger.Application.Features.Findings.Rules;

public sealed class SharedIntegrationAccountRule : IRule
{
    public string Id => "shared-integration-account";
    public Severity Severity => Severity.Medium;
    public string Title => "Account shared by integrations, or by an integration and a person";
    public string Explanation =>
        "One Salesforce account is used by several integrations, or by an integration and a person as their own login. Its activity " +
        "cannot be told apart, its permissions are the union of everybody's needs, and resetting its credential stops them all. " +
        "Give each integration its own integration user.";
    public IReadOnlyList<RuleSetting> Settings { get; } = [];

    public async Task<IReadOnlyList<RuleResult>> EvaluateAsync(RuleContext context, CancellationToken cancellationToken)
    {
        var facts = await context.AccessAsync(cancellationToken);
        var results = new List<RuleResult>();
        foreach (var a in facts.Accounts)
        {
            var users = string.Join(" and ", a.UsedBy.Select(u => $"{u.Integration} ({u.Through})"));
            if (a.UsedBy.Count >= 2)
                results.Add(new RuleResult("Account", a.Account.Username, $"{a.Account.Username} is used by {a.UsedBy.Count} integrations: {users}."));
            else if (a.UsedBy.Count == 1 && a.Account.Kind == AccountKind.Personal)
                results.Add(new RuleResult("Account", a.Account.Username,
                    $"{a.Account.Username} is {(a.Owner is { } owner ? $"{owner.Name}'s" : "a person's")} own login and is used by the integration {users}."));
        }
        return results;
    }
}
