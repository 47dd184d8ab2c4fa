using IntegrationLedger.Application.Features.Access;
using IntegrationLedger.Domain.Access;
using IntegrationLedger.Domain.Findings;

namespace IntegrationLedger.Application.Features.Findings.Rules;

public sealed class AccessGainedRule : IRule
{
    public string Id => "access-gained";
    public Severity Severity => Severity.High;
    public string Title => "Account gained a powerful permission";
    public string Explanation =>
        "Between its two latest permission-set exports, an account gained Modify All Data, View All Data, Author Apex, Manage Users, " +
        "Customize Application or the MFA waiver. Access that grows without a decision is how least privilege erodes: confirm who " +
        "granted it and why, in the access review or by acknowledging this finding with the reason.";
    public IReadOnlyList<RuleSetting> Settings { get; } = [];

    private const SalesforcePermissions Watched = PermissionFields.Powerful | SalesforcePermissions.BypassMfaForUiLogins;

    public async Task<IReadOnlyList<RuleResult>> EvaluateAsync(RuleContext context, CancellationToken cancellationToken)
    {
        var facts = await context.AccessAsync(cancellationToken);
        var results = new List<RuleResult>();
        // Only a snapshot that recorded changes can hold a gain: the others were the first, or history recorded late.
        foreach (var a in facts.Accounts.Where(a => a.Access.PermissionSets is { Changes: not null }))
        {
            var latest = a.Access.PermissionSets!;
            if (await AccessHistory.PreviousAsync(context.Db, latest, cancellationToken) is not { } previous)
                continue;
            var gains = AccessChanges.Between(previous, latest).Where(c => c.Kind == AccessChangeKind.PermissionGained && (c.Permission & Watched) != 0).ToList();
            if (gains.Count == 0)
                continue;
            results.Add(new RuleResult("Account", a.Account.Username,
                $"{a.Named} {string.Join("; ", gains.Select(g => g.Text))}, between the permission-set exports of {previous.AsOf:yyyy-MM-dd} and {latest.AsOf:yyyy-MM-dd}."));
        }
        return results;
    }
}
