using IntegrationLedger.Application.Features.ConnectedApps;
using IntegrationLedger.Domain.Findings;

namespace IntegrationLedger.Application.Features.Findings.Rules;

/// <summary>A connected app any user may authorise for themselves.</summary>
public sealed class AppSelfAuthorizationRule : IRule
{
    public string Id => "app-self-authorization";
    public Severity Severity => Severity.Medium;
    public string Title => "Connected app lets any user authorise it";
    public string Explanation =>
        "The app's Permitted Users is 'All users may self-authorize' (OptionsAllowAdminApprovedUsersOnly false in the ConnectedApplication " +
        "export): anyone in the org can grant it a token to their data, and an attacker who tricks a user into authorising it gets one. " +
        "Salesforce's advice after the 2025 OAuth-token thefts: admin-approved users only, granted by profile or permission set.";
    public IReadOnlyList<RuleSetting> Settings { get; } = [];

    public async Task<IReadOnlyList<RuleResult>> EvaluateAsync(RuleContext context, CancellationToken cancellationToken)
    {
        var register = await context.AppsAsync(cancellationToken);
        return register.Where(e => e.App is { } app && app.Policy.LetsUsersSelfAuthorize)
            .Select(e => new RuleResult("ConnectedApp", AppWording.Subject(e, register),
                $"Connected app '{e.Name}' ({e.SalesforceId}) lets any user authorise it (All users may self-authorize): {AppWording.Holders(e)}. " +
                "Set Permitted Users to 'Admin approved users are pre-authorized' and grant it by profile or permission set."))
            .ToList();
    }
}
