using IntegrationLedger.Domain.Access;
using IntegrationLedger.Domain.Findings;

namespace IntegrationLedger.Application.Features.Findings.Rules;

public sealed class MfaMissingRule : IRule
{
    public string Id => "mfa-missing";
    public Severity Severity => Severity.High;
    public string Title => "Browser sign-in without multi-factor authentication";
    public string Explanation =>
        "An active account that can sign in through the browser has no strong verification method registered (Salesforce " +
        "Authenticator, an authenticator app, a security key or a built-in authenticator; codes by email or text do not count), " +
        "or holds the permission that waives MFA. Salesforce requires MFA for every browser login; the waiver is for listed " +
        "exempt cases, never administrators. An account with a federation id may sign in only through single sign-on, where the " +
        "identity provider's MFA applies: check before closing.";
    public IReadOnlyList<RuleSetting> Settings { get; } = [];

    public async Task<IReadOnlyList<RuleResult>> EvaluateAsync(RuleContext context, CancellationToken cancellationToken)
    {
        var facts = await context.AccessAsync(cancellationToken);
        var results = new List<RuleResult>();
        foreach (var a in facts.Accounts.Where(a => a.Access.SignsInThroughBrowser == true))
        {
            var reasons = new List<string>();
            if (a.Access.Mfa is { } mfa && !a.Access.HasStrongMfa)
            {
                reasons.Add(mfa.MfaMethods is { } methods && methods != MfaMethods.None
                    ? $"has no strong verification method (registered: {MfaFields.Describe(methods)}; TwoFactorMethodsInfo of {mfa.AsOf:yyyy-MM-dd})"
                    : $"has no verification method registered (TwoFactorMethodsInfo of {mfa.AsOf:yyyy-MM-dd})");
            }
            if (a.Access.Holds(SalesforcePermissions.BypassMfaForUiLogins))
                reasons.Add($"holds {PermissionFields.Label(SalesforcePermissions.BypassMfaForUiLogins)} through {string.Join(", ", a.Access.SourcesOf(SalesforcePermissions.BypassMfaForUiLogins))}");
            if (reasons.Count == 0)
                continue;
            var federated = a.Access.User?.FederationId is not null ? " It has a federation id: if it signs in only through single sign-on, the identity provider's MFA applies." : "";
            results.Add(new RuleResult("Account", a.Account.Username, $"{a.Named} signs in through the browser and {string.Join(", and ", reasons)}.{federated}"));
        }
        return results;
    }
}
