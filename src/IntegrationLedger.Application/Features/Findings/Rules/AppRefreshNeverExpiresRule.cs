using IntegrationLedger.Application.Features.ConnectedApps;
using IntegrationLedger.Domain.Findings;

namespace IntegrationLedger.Application.Features.Findings.Rules;

/// <summary>A connected app whose refresh tokens stay valid until someone revokes them.</summary>
public sealed class AppRefreshNeverExpiresRule : IRule
{
    public string Id => "app-refresh-never-expires";
    public Severity Severity => Severity.Low;
    public string Title => "Connected app's refresh tokens never expire";
    public string Explanation =>
        "The ConnectedApplication export gives the app no refresh-token validity period (RefreshTokenValidityPeriod empty: valid until " +
        "revoked). A refresh token is a bearer credential: one stolen from the vendor works, from anywhere, until someone revokes it; " +
        "in 2025 such tokens were used for days. Set a validity (for example 90 days from last use) and IP restrictions.";
    public IReadOnlyList<RuleSetting> Settings { get; } = [];

    public async Task<IReadOnlyList<RuleResult>> EvaluateAsync(RuleContext context, CancellationToken cancellationToken)
    {
        var register = await context.AppsAsync(cancellationToken);
        return register.Where(e => e.App is { } app && app.Policy.RefreshTokensNeverExpire)
            .Select(e => new RuleResult("ConnectedApp", AppWording.Subject(e, register),
                $"Connected app '{e.Name}' ({e.SalesforceId}) sets no refresh-token validity, so its refresh tokens stay valid until revoked: " +
                $"{AppWording.Holders(e)}."))
            .ToList();
    }
}
