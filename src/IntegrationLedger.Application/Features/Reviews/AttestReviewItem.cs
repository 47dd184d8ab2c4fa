using FluentValidation;
using IntegrationLedger.Application.Common;
using IntegrationLedger.Application.Persistence.Auditing;
using IntegrationLedger.Domain.Common;
using IntegrationLedger.Domain.Reviews;
using IntegrationLedger.Domain.Tokens;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Features.Reviews;

/// <summary>
/// An owner's decision on one item. Revoke is carried out at once: the token of a token usage, the tokens
/// an integration uses, or the unused token is revoked. A token that other integrations also use is not
/// revoked from one owner's item: that would break access someone else answers for, so it is refused.
/// An access-level item's decision is only recorded: the ledger cannot change Salesforce, so the result says what
/// to do there (<see cref="ReviewedAccess.InSalesforce"/>), and a revoke revokes no token.
/// </summary>
/// <param name="AsOwner">When given, the item must belong to this person (the web, where each owner attests their own).</param>
public sealed record AttestReviewItem(string Item, ReviewDecision Decision, string Note, string? AsOwner = null);

public sealed class AttestReviewItemValidator : AbstractValidator<AttestReviewItem>
{
    public AttestReviewItemValidator()
    {
        RuleFor(r => r.Item).NotEmpty();
        RuleFor(r => r.Note).NotEmpty().WithMessage("Say why in --note: the review's results are audit evidence.").MaximumLength(FieldLimits.Text);
    }
}

/// <param name="InSalesforce">For an access-level item attested change or revoke, what its owner does in Salesforce.</param>
public sealed record AttestResult(ReviewItemView Item, string Quarter, bool ReviewComplete, IReadOnlyList<string> TokensRevoked, string? InSalesforce = null);

public sealed class AttestReviewItemHandler(Ledger ledger)
{
    public async Task<AttestResult> HandleAsync(AttestReviewItem request, CancellationToken cancellationToken = default)
    {
        await new AttestReviewItemValidator().ValidateAndThrowAsync(request, cancellationToken);
        await using var change = await ledger.BeginChangeAsync(AuditActions.ReviewAttest, cancellationToken);
        var db = ledger.Db;
        var wanted = request.Item.Trim().ToLowerInvariant();
        var reviews = await db.AccessReviews.Include(r => r.Items).Where(r => r.CompletedAt == null).ToListAsync(cancellationToken);
        var (review, item) = reviews.SelectMany(r => r.Items.Select(i => (Review: r, Item: i))).SingleOrDefault(x => x.Item.ShortId == wanted);
        if (review is null || item is null)
            throw new NotFoundException($"No item '{request.Item}' is waiting in an open access review ('ledger review status' lists them).");

        if (request.AsOwner is { } asOwner)
        {
            var itemOwner = item.OwnerId is { } id ? (await db.People.SingleAsync(p => p.Id == id, cancellationToken)).Email : null;
            if (!string.Equals(itemOwner, asOwner.Trim(), StringComparison.OrdinalIgnoreCase))
                throw new DomainException($"Item {item.ShortId} is owned by {itemOwner ?? "no one"}; only its owner attests it.");
        }
        review.Attest(item, request.Decision, request.Note, ledger.Actor, ledger.Now);
        // An access level lives in Salesforce, out of the ledger's reach: revoking its account's tokens would stop the
        // integrations that use it rather than take the excess permissions away, so "revoke" is recorded, not carried out.
        var isAccessLevel = item.SubjectType == ReviewSubjects.AccountAccess;
        var revoked = request.Decision == ReviewDecision.Revoke && !isAccessLevel ? await RevokeAsync(item, review.Quarter, request.Note, cancellationToken) : [];
        await change.CommitAsync(cancellationToken);

        var owner = item.OwnerId is { } ownerId ? (await db.People.SingleAsync(p => p.Id == ownerId, cancellationToken)).Email : GetReviewStatusHandler.Unassigned;
        var access = await ReviewedAccess.OfItemsAsync(db, ledger.Now, [item], cancellationToken);
        var view = ReviewItemView.Of(item, owner, access);
        return new AttestResult(view, review.Quarter, review.IsComplete, revoked, view.Access?.InSalesforce(request.Decision));
    }

    private async Task<IReadOnlyList<string>> RevokeAsync(ReviewItem item, string quarter, string note, CancellationToken cancellationToken)
    {
        var db = ledger.Db;
        var (tokenIds, integrationId) = item.SubjectType switch
        {
            ReviewSubjects.TokenUsage => (await db.TokenUsages.Where(u => u.Id == item.SubjectId).Select(u => u.TokenId).ToListAsync(cancellationToken),
                await db.TokenUsages.Where(u => u.Id == item.SubjectId).Select(u => (Guid?)u.IntegrationId).SingleAsync(cancellationToken)),
            ReviewSubjects.Integration => (await db.TokenUsages.Where(u => u.IntegrationId == item.SubjectId && u.Status != TokenUsageStatus.Ended).Select(u => u.TokenId).ToListAsync(cancellationToken),
                (Guid?)item.SubjectId),
            _ => ([item.SubjectId], null),
        };
        var tokens = await db.Tokens.Include(t => t.Usages).Where(t => tokenIds.Contains(t.Id) && t.Status == TokenStatus.Active).ToListAsync(cancellationToken);
        var others = tokens.SelectMany(t => t.UsagesInEffect.Where(u => u.IntegrationId != integrationId).Select(u => (t.Label, u.IntegrationId))).ToList();
        if (others.Count > 0)
        {
            var names = await db.Integrations.Where(i => others.Select(o => o.IntegrationId).Contains(i.Id)).ToDictionaryAsync(i => i.Id, i => i.Name, cancellationToken);
            throw new Domain.Common.DomainException(
                $"Revoking would also break {string.Join(", ", others.Select(o => $"'{names[o.IntegrationId]}' (uses {o.Label})"))}; " +
                "attest --change, move them to a token of their own, then revoke.");
        }
        foreach (var token in tokens)
            token.Revoke(RevocationReason.Other, $"Access review {quarter}: {note}", ledger.Now);
        return tokens.Select(t => t.Label).Order(StringComparer.Ordinal).ToList();
    }
}
