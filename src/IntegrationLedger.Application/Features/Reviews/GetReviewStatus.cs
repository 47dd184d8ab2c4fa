using IntegrationLedger.Application.Common;
using IntegrationLedger.Application.Persistence;
using IntegrationLedger.Domain.Reviews;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Features.Reviews;

public sealed record ReviewStatus(
    string Quarter,
    DateOnly DueOn,
    DateTime StartedAt,
    DateTime? CompletedAt,
    int Items,
    int Decided,
    IReadOnlyList<OwnerProgress> Owners,
    IReadOnlyList<ReviewItemView> ItemList);

public sealed record OwnerProgress(string Owner, int Items, int Decided, int Keep, int Change, int Revoke);

/// <param name="Access">For an access-level item, the account's access now, which its owner attests; null for the others.</param>
public sealed record ReviewItemView(string Id, string SubjectType, string Subject, string Owner, ReviewDecision? Decision, string? Note, string? DecidedBy, DateTime? DecidedAt,
    ReviewedAccess? Access = null)
{
    public static ReviewItemView Of(ReviewItem item, string owner, IReadOnlyDictionary<Guid, ReviewedAccess> access) =>
        new(item.ShortId, item.SubjectType, item.Subject, owner, item.Decision, item.Note, item.DecidedBy, item.DecidedAt,
            item.SubjectType == ReviewSubjects.AccountAccess ? access.GetValueOrDefault(item.SubjectId) : null);
}

public sealed class GetReviewStatusHandler(Ledger ledger)
{
    public const string Unassigned = "(no owner)";

    /// <summary>The latest open review, else the latest one: what "status" means without a quarter.</summary>
    public async Task<ReviewStatus> LatestAsync(CancellationToken cancellationToken = default)
    {
        var reviews = await ledger.Db.AccessReviews.AsNoTracking().Select(r => new { r.Quarter, r.CompletedAt, r.StartedAt }).ToListAsync(cancellationToken);
        var latest = reviews.OrderBy(r => r.CompletedAt is null ? 0 : 1).ThenByDescending(r => r.StartedAt).FirstOrDefault()
            ?? throw new NotFoundException("No access review has been started; start one with 'ledger review start --quarter QUARTER'.");
        return await HandleAsync(Quarter.Parse(latest.Quarter), cancellationToken);
    }

    public async Task<ReviewStatus> HandleAsync(Quarter quarter, CancellationToken cancellationToken = default)
    {
        var key = quarter.ToString();
        var review = await ledger.Db.AccessReviews.AsNoTracking().Include(r => r.Items).SingleOrDefaultAsync(r => r.Quarter == key, cancellationToken)
            ?? throw new NotFoundException($"No access review of {key} has been started; start it with 'ledger review start --quarter {key}'.");
        var owners = await ledger.Db.PeopleByIdAsync(review.Items.Select(i => i.OwnerId), cancellationToken);
        string OwnerOf(ReviewItem item) => item.OwnerId is { } id ? owners[id].Email : Unassigned;
        var access = await ReviewedAccess.OfItemsAsync(ledger.Db, ledger.Now, review.Items, cancellationToken);

        var items = review.Items
            .OrderBy(OwnerOf, StringComparer.Ordinal).ThenBy(i => i.SubjectType, StringComparer.Ordinal).ThenBy(i => i.Subject, StringComparer.Ordinal)
            .Select(i => ReviewItemView.Of(i, OwnerOf(i), access))
            .ToList();
        var progress = items.GroupBy(i => i.Owner)
            .Select(g => new OwnerProgress(g.Key, g.Count(), g.Count(i => i.Decision is not null),
                g.Count(i => i.Decision == ReviewDecision.Keep), g.Count(i => i.Decision == ReviewDecision.Change), g.Count(i => i.Decision == ReviewDecision.Revoke)))
            .OrderBy(o => o.Owner, StringComparer.Ordinal)
            .ToList();
        return new ReviewStatus(review.Quarter, review.DueOn, review.StartedAt, review.CompletedAt, items.Count, items.Count(i => i.Decision is not null), progress, items);
    }
}
