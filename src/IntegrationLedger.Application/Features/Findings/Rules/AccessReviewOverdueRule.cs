using IntegrationLedger.Application.Persistence;
using IntegrationLedger.Domain.Findings;
using IntegrationLedger.Domain.Reviews;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Features.Findings.Rules;

public sealed class AccessReviewOverdueRule : IRule
{
    public string Id => "access-review-overdue";
    public Severity Severity => Severity.Medium;
    public string Title => "Access review overdue";
    public string Explanation =>
        "Access to integrations must be reviewed every quarter. This fires when a quarter's review has not been started within the " +
        "days allowed after the quarter began, and when a started review has items left unattested after its due date.";
    public IReadOnlyList<RuleSetting> Settings { get; } = [new("start-within-days", 30, "Days into a quarter by which its review must have started", Max: 91)];

    public async Task<IReadOnlyList<RuleResult>> EvaluateAsync(RuleContext context, CancellationToken cancellationToken)
    {
        var db = context.Db;
        var results = new List<RuleResult>();
        var today = DateOnly.FromDateTime(context.Now);
        var reviews = await db.AccessReviews.AsNoTracking().Include(r => r.Items).ToListAsync(cancellationToken);
        foreach (var review in reviews.Where(r => !r.IsComplete && r.DueOn < today))
        {
            var waiting = review.Items.Where(i => i.Decision is null).ToList();
            var owners = await db.PeopleByIdAsync(waiting.Select(i => i.OwnerId), cancellationToken);
            var byOwner = waiting.GroupBy(i => i.OwnerId is { } id ? owners[id].Email : "(no owner)")
                .OrderByDescending(g => g.Count()).Select(g => $"{g.Key} ({g.Count()})");
            results.Add(new RuleResult("AccessReview", review.Quarter,
                $"The access review of {review.Quarter} was due on {review.DueOn:yyyy-MM-dd}; {waiting.Count} of {review.Items.Count} item(s) are not attested: {string.Join(", ", byOwner)}."));
        }

        // This quarter and the one before: a review never started stays a finding after its quarter ends,
        // but quarters before the ledger held any integration are not asked for.
        var firstIntegration = await db.Integrations.MinAsync(i => (DateTime?)i.CreatedAt, cancellationToken);
        if (firstIntegration is null)
            return results;
        var current = Quarter.Of(context.Now);
        var previous = Quarter.Of(current.StartUtc.AddDays(-1));
        foreach (var quarter in new[] { previous, current })
        {
            var deadline = quarter.FirstDay.AddDays(context.Setting(this, "start-within-days"));
            if (today > deadline && quarter.EndUtc > firstIntegration.Value && reviews.All(r => r.Quarter != quarter.ToString()))
            {
                results.Add(new RuleResult("AccessReview", quarter.ToString(),
                    $"No access review of {quarter} has been started; it was due to start by {deadline:yyyy-MM-dd} ('ledger review start --quarter {quarter}')."));
            }
        }
        return results;
    }
}
