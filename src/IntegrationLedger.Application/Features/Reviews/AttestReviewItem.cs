using FluentValidation;
using IntegrationLedger.Application.Common;
using IntegrationLedger.Domain.Reviews;
using IntegrationLedger.Domain.Tokens;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Features.Reviews;

/// <summary>
/// An owner's decision on one item. Revoke is carried out at once: for a token usage its token is
/// revoked; for an integration, every token it uses is.
/// </summary>
public sealed record AttestReviewItem(string Item, ReviewDecision Decision, string Note);

public sealed class AttestReviewItemValidator : AbstractValidator<AttestReviewItem>
{
    public AttestReviewItemValidator()
    {
        RuleFor(r => r.Item).NotEmpty();
        RuleFor(r => r.Note).NotEmpty().WithMessage("Say why in --note: the review's results are audit evidence.").MaximumLength(2000);
    }
}

public sealed record AttestResult(ReviewItemView Item, string Quarter, bool ReviewComplete, IReadOnlyList<string> TokensRevoked);

public sealed class AttestReviewItemHandler(Ledger ledger)
{
    public async Task<AttestResult> HandleAsync(AttestReviewItem request, CancellationToken cancellationToken = default)
    {
        await new AttestReviewItemValidator().ValidateAndThrowAsync(request, cancellationToken);
        await using var change = await ledger.BeginChangeAsync("review.attest", cancellationToken);
        var db = ledger.Db;
        var wanted = request.Item.Trim().ToLowerInvariant();
        var reviews = await db.AccessReviews.Include(r => r.Items).Where(r => r.CompletedAt == null).ToListAsync(cancellationToken);
        var (review, item) = reviews.SelectMany(r => r.Items.Select(i => (Review: r, Item: i))).SingleOrDefault(x => x.Item.ShortId == wanted);
        if (review is null || item is null)
            throw new NotFoundException($"No item '{request.Item}' is waiting in an open access review ('ledger review status' lists them).");

        review.Attest(item, request.Decision, request.Note, ledger.Actor, ledger.Now);
        var revoked = request.Decision == ReviewDecision.Revoke ? await RevokeAsync(item, review.Quarter, request.Note, cancellationToken) : [];
        await change.CommitAsync(cancellationToken);

        var owner = item.OwnerId is { } ownerId ? (await db.People.SingleAsync(p => p.Id == ownerId, cancellationToken)).Email : GetReviewStatusHandler.Unassigned;
        return new AttestResult(
            new ReviewItemView(item.ShortId, item.SubjectType, item.Subject, owner, item.Decision, item.Note, item.DecidedBy, item.DecidedAt),
            review.Quarter, review.IsComplete, revoked);
    }

    private async Task<IReadOnlyList<string>> RevokeAsync(ReviewItem item, string quarter, string note, CancellationToken cancellationToken)
    {
        var db = ledger.Db;
        var tokenIds = item.SubjectType == "TokenUsage"
            ? await db.TokenUsages.Where(u => u.Id == item.SubjectId).Select(u => u.TokenId).ToListAsync(cancellationToken)
            : await db.TokenUsages.Where(u => u.IntegrationId == item.SubjectId && u.Status != TokenUsageStatus.Ended).Select(u => u.TokenId).ToListAsync(cancellationToken);
        var tokens = await db.Tokens.Include(t => t.Usages).Where(t => tokenIds.Contains(t.Id) && t.Status == TokenStatus.Active).ToListAsync(cancellationToken);
        foreach (var token in tokens)
            token.Revoke(RevocationReason.Other, $"Access review {quarter}: {note}", ledger.Now);
        return tokens.Select(t => t.Label).Order(StringComparer.Ordinal).ToList();
    }
}
