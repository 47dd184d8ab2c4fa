using IntegrationLedger.Domain.Findings;
using IntegrationLedger.Domain.Integrations;
using IntegrationLedger.Domain.People;
using IntegrationLedger.Domain.Tokens;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Findings.Rules;

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

public sealed class OwnerDepartedRule : IRule
{
    public string Id => "owner-departed";
    public Severity Severity => Severity.High;
    public string Title => "Owner has departed";
    public string Explanation =>
        "An active token, or an integration, is owned by a person who has left. Nobody answers for it any more: revoke it or give it " +
        "to someone who does.";
    public IReadOnlyList<RuleSetting> Settings { get; } = [];

    public async Task<IReadOnlyList<RuleResult>> EvaluateAsync(RuleContext context, CancellationToken cancellationToken)
    {
        var db = context.Db;
        var departed = await db.People.AsNoTracking().Where(p => p.Status == PersonStatus.Departed).ToDictionaryAsync(p => p.Id, cancellationToken);
        var ids = departed.Keys.ToList();
        var tokens = await db.Tokens.AsNoTracking().Where(t => t.Status == TokenStatus.Active && ids.Contains(t.OwnerId)).ToListAsync(cancellationToken);
        var integrations = await db.Integrations.AsNoTracking().Where(i => i.OwnerId != null && ids.Contains(i.OwnerId.Value)).ToListAsync(cancellationToken);
        return tokens
            .Select(t => new RuleResult("Token", t.Label,
                $"Token '{t.Label}' is still active but its owner {departed[t.OwnerId].Email} departed on {departed[t.OwnerId].DepartedOn:yyyy-MM-dd}."))
            .Concat(integrations.Select(i => new RuleResult("Integration", i.Name,
                $"Integration '{i.Name}' is owned by {departed[i.OwnerId!.Value].Email}, who departed on {departed[i.OwnerId!.Value].DepartedOn:yyyy-MM-dd}.",
                Severity.Medium)))
            .ToList();
    }
}

public sealed class IntegrationWithoutOwnerOrPurposeRule : IRule
{
    public string Id => "integration-undocumented";
    public Severity Severity => Severity.Medium;
    public string Title => "Integration without owner or purpose";
    public string Explanation =>
        "An integration has no owner or no stated purpose. Without them nobody can say whether it is still needed, or whom to call " +
        "when its token is reset.";
    public IReadOnlyList<RuleSetting> Settings { get; } = [];

    public async Task<IReadOnlyList<RuleResult>> EvaluateAsync(RuleContext context, CancellationToken cancellationToken)
    {
        var integrations = await context.Db.Integrations.AsNoTracking().Where(i => i.OwnerId == null || i.Purpose == null).ToListAsync(cancellationToken);
        return integrations
            .Select(i => new RuleResult("Integration", i.Name,
                $"Integration '{i.Name}' has {(i.OwnerId is null && i.Purpose is null ? "neither an owner nor a purpose" : i.OwnerId is null ? "no owner" : "no stated purpose")}."))
            .ToList();
    }
}

public sealed class VendorVettingRule : IRule
{
    public string Id => "vendor-not-vetted";
    public Severity Severity => Severity.Medium;
    public string Title => "Vendor not vetted, rejected, or vetting expired";
    public string Explanation =>
        "Third-party applications must be vetted before they get access and reviewed again when their vetting runs out. This fires " +
        "for an integration with no vetting record, whose latest review rejected it, or whose next review date has passed.";
    public IReadOnlyList<RuleSetting> Settings { get; } = [];

    public async Task<IReadOnlyList<RuleResult>> EvaluateAsync(RuleContext context, CancellationToken cancellationToken)
    {
        var integrations = await context.Db.Integrations.AsNoTracking().Include(i => i.VettingRecords).ToListAsync(cancellationToken);
        var today = DateOnly.FromDateTime(context.Now);
        var results = new List<RuleResult>();
        foreach (var integration in integrations)
        {
            var latest = integration.LatestVetting;
            string? problem = latest switch
            {
                null => "has never been vetted",
                { Outcome: VettingOutcome.Rejected } => $"was rejected in its review of {latest.ReviewedOn:yyyy-MM-dd} by {latest.Reviewer}",
                { NextReviewOn: { } next } when next < today => $"was due for review on {next:yyyy-MM-dd} (last reviewed {latest.ReviewedOn:yyyy-MM-dd})",
                _ => null,
            };
            if (problem is not null)
                results.Add(new RuleResult("Integration", integration.Name, $"The vendor of '{integration.Name}' {problem}.", latest?.Outcome == VettingOutcome.Rejected ? Severity.High : null));
        }
        return results;
    }
}
