using IntegrationLedger.Domain.Findings;
using IntegrationLedger.Domain.Tokens;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Features.Findings.Rules;

public sealed class RotationOverdueRule : IRule
{
    public string Id => "rotation-overdue";
    public Severity Severity => Severity.High;
    public string Title => "Token rotation overdue";
    public string Explanation =>
        "An active token has not been reset within its rotation policy (the token's own, else its kind's default), counted from its " +
        "last reset. A credential that never changes stays valid in every place it was ever copied to.";
    public IReadOnlyList<RuleSetting> Settings { get; } = [new("grace-days", 0, "Days past the due date before the finding is raised")];

    public async Task<IReadOnlyList<RuleResult>> EvaluateAsync(RuleContext context, CancellationToken cancellationToken)
    {
        var grace = context.Setting(this, "grace-days");
        var tokens = await context.Db.Tokens.AsNoTracking().Where(t => t.Status == TokenStatus.Active).ToListAsync(cancellationToken);
        return tokens
            .Where(t => t.RotationDueAt is { } due && due.AddDays(grace) < context.Now)
            .Select(t => new RuleResult("Token", t.Label,
                // Dates only: a summary that changed every day would write an audit entry every day.
                $"Token '{t.Label}' was due for rotation on {t.RotationDueAt:yyyy-MM-dd}; last reset {t.LastRotatedAt:yyyy-MM-dd}."))
            .ToList();
    }
}
