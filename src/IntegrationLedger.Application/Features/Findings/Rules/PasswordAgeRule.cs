using IntegrationLedger.Domain.Findings;
using IntegrationLedger.Domain.Tokens;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Features.Findings.Rules;

public sealed class PasswordAgeRule : IRule
{
    public string Id => "password-age";
    public Severity Severity => Severity.Medium;
    public string Title => "Password unchanged for too long";
    public string Explanation =>
        "An active Salesforce account's password (as the latest User export gives its last change), or an integration password " +
        "registered as a token, has not changed for more than the set number of days. A password that never changes stays valid " +
        "wherever it was ever written down or copied.";
    public IReadOnlyList<RuleSetting> Settings { get; } = [new("days", 90, "Days a password may go unchanged", Min: 1)];

    public async Task<IReadOnlyList<RuleResult>> EvaluateAsync(RuleContext context, CancellationToken cancellationToken)
    {
        var days = context.Setting(this, "days");
        var limit = context.Now.AddDays(-days);
        var facts = await context.AccessAsync(cancellationToken);
        var results = facts.Accounts
            .Where(a => a.Access.CanSignIn && a.Access.User?.LastPasswordChangeAt < limit)
            .Select(a => new RuleResult("Account", a.Account.Username,
                $"{a.Named} last changed its password on {a.Access.User!.LastPasswordChangeAt:yyyy-MM-dd}, more than {days} days ago (User export of {a.Access.User.AsOf:yyyy-MM-dd})."))
            .ToList();
        var passwords = await context.Db.Tokens.AsNoTracking()
            .Where(t => t.Status == TokenStatus.Active && t.Kind == TokenKind.IntegrationPassword && t.LastRotatedAt < limit)
            .ToListAsync(cancellationToken);
        results.AddRange(passwords.Select(t => new RuleResult("Token", t.Label,
            $"Integration password '{t.Label}' was last reset on {t.LastRotatedAt:yyyy-MM-dd}, more than {days} days ago.")));
        return results;
    }
}
