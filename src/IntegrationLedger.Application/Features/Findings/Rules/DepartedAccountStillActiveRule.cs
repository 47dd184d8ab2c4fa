using IntegrationLedger.Domain.Accounts;
using IntegrationLedger.Domain.Findings;

namespace IntegrationLedger.Application.Features.Findings.Rules;

public sealed class DepartedAccountStillActiveRule : IRule
{
    public string Id => "departed-account-still-active";
    public Severity Severity => Severity.Critical;
    public string Title => "Departed person's account still active";
    public string Explanation =>
        "A person has left, and their own Salesforce account is still active and not frozen in the latest exports. Anyone with its " +
        "password, or a session still open, keeps their access. Freeze it at once and deactivate it once its records are reassigned.";
    public IReadOnlyList<RuleSetting> Settings { get; } = [];

    public async Task<IReadOnlyList<RuleResult>> EvaluateAsync(RuleContext context, CancellationToken cancellationToken)
    {
        var facts = await context.AccessAsync(cancellationToken);
        return facts.Accounts
            .Where(a => a.Account.Kind == AccountKind.Personal && a.Owner is { HasDeparted: true } && a.Access.CanSignIn)
            .Select(a => new RuleResult("Account", a.Account.Username,
                $"{a.Account.Username} belongs to {a.Owner!.Name}, who departed on {a.Owner.DepartedOn:yyyy-MM-dd}, and is still active " +
                $"(User export of {a.Access.User!.AsOf:yyyy-MM-dd}) and {(a.Access.Login is { } login ? $"not frozen (UserLogin of {login.AsOf:yyyy-MM-dd})" : "not known to be frozen")}."))
            .ToList();
    }
}
