using IntegrationLedger.Domain.Access;
using IntegrationLedger.Domain.Findings;

namespace IntegrationLedger.Application.Features.Findings.Rules;

public sealed class IntegrationUserNotApiOnlyRule : IRule
{
    public string Id => "integration-user-not-api-only";
    public Severity Severity => Severity.Medium;
    public string Title => "Integration account can sign in through the browser";
    public string Explanation =>
        "An integration's active account has neither the API Only User permission nor the Salesforce Integration licence, so its " +
        "password opens the Salesforce user interface too. Salesforce's guidance: one user per integration, with the Salesforce " +
        "Integration licence and the \"Minimum Access - API Only Integrations\" profile.";
    public IReadOnlyList<RuleSetting> Settings { get; } = [];

    public async Task<IReadOnlyList<RuleResult>> EvaluateAsync(RuleContext context, CancellationToken cancellationToken)
    {
        var facts = await context.AccessAsync(cancellationToken);
        return facts.Accounts
            .Where(a => a.IsIntegrationAccount && a.Access.CanSignIn && a.Access.IsApiOnly == false)
            .Select(a =>
            {
                var user = a.Access.User!;
                var apiOnly = (a.Access.Known & SalesforcePermissions.ApiUserOnly) != 0
                    ? "no API Only User permission"
                    : "API Only User unknown (no permission-set export with that column)";
                return new RuleResult("Account", a.Account.Username,
                    $"{a.Named} can sign in through the browser: profile {user.Profile ?? "unknown"}, licence {user.Licence ?? "unknown"}, {apiOnly} " +
                    $"(User export of {user.AsOf:yyyy-MM-dd}).");
            })
            .ToList();
    }
}
