using IntegrationLedger.Application.Features.Access;
using IntegrationLedger.Domain.Access;
using IntegrationLedger.Domain.Findings;

namespace IntegrationLedger.Application.Features.Findings.Rules;

public sealed class IntegrationOverPrivilegedRule : IRule
{
    public string Id => "integration-over-privileged";
    public Severity Severity => Severity.High;
    public string Title => "Integration account holds powerful permissions";
    public string Explanation =>
        "An integration's Salesforce account holds Modify All Data, View All Data, Author Apex, Manage Users or Customize Application. " +
        "No integration needs the whole org for its own job; a stolen credential of this account reaches all of it. Give the account " +
        "a permission set with only the objects it uses. An account that cannot sign in (inactive or frozen) is reported at low severity: " +
        "the permissions return with it if it is reactivated.";
    public IReadOnlyList<RuleSetting> Settings { get; } = [];

    public async Task<IReadOnlyList<RuleResult>> EvaluateAsync(RuleContext context, CancellationToken cancellationToken)
    {
        var facts = await context.AccessAsync(cancellationToken);
        var results = new List<RuleResult>();
        var flagged = facts.Accounts.Where(a => a.IsIntegrationAccount && a.Access.PowerfulHeld != SalesforcePermissions.None).ToList();
        var heldSince = await AccessHistory.HeldSinceAsync(context.Db, flagged.Select(a => a.Account.Id).ToList(), PermissionFields.Powerful, context.Now, cancellationToken);
        foreach (var account in flagged)
        {
            var since = heldSince[account.Account.Id];
            var held = string.Join(", ", PermissionFields.In(account.Access.PowerfulHeld).Select(p =>
                $"{p.Label} through {string.Join(", ", account.Access.SourcesOf(p.Permission))} since {since[p.Permission]:yyyy-MM-dd}"));
            var usable = account.Access.CanSignIn;
            results.Add(new RuleResult("Account", account.Account.Username,
                $"{account.Named} holds {held}{(usable ? "" : "; it cannot sign in now (inactive or frozen)")}.",
                usable ? null : Severity.Low));
        }
        return results;
    }
}
