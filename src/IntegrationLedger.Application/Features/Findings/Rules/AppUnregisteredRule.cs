using IntegrationLedger.Application.Features.ConnectedApps;
using IntegrationLedger.Domain.Findings;

namespace IntegrationLedger.Application.Features.Findings.Rules;

/// <summary>A connected app with OAuth tokens or activity that no integration claims.</summary>
public sealed class AppUnregisteredRule : IRule
{
    public string Id => "app-unregistered";
    public Severity Severity => Severity.Medium;
    public string Title => "Connected app in use that no integration claims";
    public string Explanation =>
        "Users hold OAuth tokens for a connected app, or API activity names it, but no integration in the ledger claims it (no " +
        "attribution rule on its id or name): nobody answers for it, its vendor was never vetted, and on the day that vendor is " +
        "breached nobody will know to revoke its tokens. Claim it with 'ledger app set APP --integration NAME', or revoke its tokens. Salesforce's own apps that people use (the mobile " +
        "apps, Data Loader, the CLI) show here too: acknowledge them with a note saying who may use them.";
    public IReadOnlyList<RuleSetting> Settings { get; } = [];

    public async Task<IReadOnlyList<RuleResult>> EvaluateAsync(RuleContext context, CancellationToken cancellationToken)
    {
        var register = await context.AppsAsync(cancellationToken);
        return register.Where(e => e.Integration is null && (e.Holders.Count > 0 || e.Activity.Events > 0))
            .Select(e =>
            {
                var seen = string.Join("; ", new[] { e.Holders.Count > 0 ? AppWording.Holders(e) : null, AppWording.Activity(e) }.OfType<string>());
                var listed = e.IsRegistered ? "" : " No ConnectedApplication export lists it (uninstalled, or the export is not imported).";
                return new RuleResult("ConnectedApp", AppWording.Subject(e, register),
                    $"Connected app '{e.Name}'{(e.SalesforceId is null ? "" : $" ({e.SalesforceId})")} is in use but no integration claims it: {seen}.{listed}");
            })
            .ToList();
    }
}
