using IntegrationLedger.Domain.Findings;
using IntegrationLedger.Domain.Integrations;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Features.Findings.Rules;

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
