using IntegrationLedger.Application.Features.Access;
using IntegrationLedger.Application.Persistence.Auditing;
using IntegrationLedger.Domain.Common;
using IntegrationLedger.Domain.Integrations;
using IntegrationLedger.Domain.Reviews;
using IntegrationLedger.Domain.Tokens;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Features.Reviews;

/// <summary>
/// Starts the access review of a quarter: one item per token usage in effect, one per integration, one per
/// active token that nothing uses, and one per integration account's access level in Salesforce.
/// </summary>
public sealed record StartReview(Quarter Quarter, DateOnly? DueOn = null);

public sealed class StartReviewHandler(Ledger ledger)
{
    /// <summary>Without a due date, owners have until two weeks after the quarter ends.</summary>
    private const int DefaultDaysAfterQuarter = 14;

    public async Task<ReviewStatus> HandleAsync(StartReview request, CancellationToken cancellationToken = default)
    {
        await using (var change = await ledger.BeginChangeAsync(AuditActions.ReviewStart, cancellationToken))
        {
            var db = ledger.Db;
            var quarter = request.Quarter.ToString();
            if (await db.AccessReviews.AnyAsync(r => r.Quarter == quarter, cancellationToken))
                throw new DomainException($"The access review of {quarter} has already been started; 'ledger review status --quarter {quarter}' shows it.");

            var now = ledger.Now;
            if (request.Quarter.FirstDay > DateOnly.FromDateTime(now))
                throw new DomainException($"{quarter} has not begun; a review attests access as it stood during a quarter.");
            if (request.DueOn is { } due && due < request.Quarter.FirstDay)
                throw new DomainException($"The review of {quarter} cannot be due on {due:yyyy-MM-dd}, before the quarter begins.");
            var review = new AccessReview(request.Quarter, request.DueOn ?? request.Quarter.LastDay.AddDays(DefaultDaysAfterQuarter), ledger.Actor, now);
            // Items go to people who are still here; a departed owner's items wait for someone to take them.
            var present = (await db.People.AsNoTracking().Where(p => p.Status == Domain.People.PersonStatus.Active).Select(p => p.Id).ToListAsync(cancellationToken)).ToHashSet();
            Guid? Present(Guid? owner) => owner is { } id && present.Contains(id) ? id : null;
            var integrations = await db.Integrations.AsNoTracking().OrderBy(i => i.Name).ToListAsync(cancellationToken);
            var byId = integrations.ToDictionary(i => i.Id);
            var usages = await db.TokenUsages.AsNoTracking().Where(u => u.Status != TokenUsageStatus.Ended)
                .Join(db.Tokens, u => u.TokenId, t => t.Id, (u, t) => new { Usage = u, t.Label, t.OwnerId })
                .ToListAsync(cancellationToken);

            // A usage is attested by whoever answers for the integration that holds the token, else the token's owner.
            foreach (var u in usages.OrderBy(u => u.Label, StringComparer.Ordinal).ThenBy(u => byId[u.Usage.IntegrationId].Name, StringComparer.Ordinal))
            {
                var integration = byId[u.Usage.IntegrationId];
                review.AddItem(ReviewSubjects.TokenUsage, u.Usage.Id, $"{u.Label} / {integration.Name}", Present(integration.OwnerId) ?? Present(u.OwnerId), now);
            }
            foreach (var integration in integrations)
                review.AddItem(ReviewSubjects.Integration, integration.Id, integration.Name, Present(integration.OwnerId), now);
            // An active token that nothing uses is access nobody needs, until its owner says otherwise.
            var used = usages.Select(u => u.Usage.TokenId).ToHashSet();
            var unused = await db.Tokens.AsNoTracking().Where(t => t.Status == TokenStatus.Active).OrderBy(t => t.Label).ToListAsync(cancellationToken);
            foreach (var token in unused.Where(t => !used.Contains(t.Id)))
                review.AddItem(ReviewSubjects.Token, token.Id, token.Label, Present(token.OwnerId), now);
            await AddAccessLevelsAsync(review, byId, Present, now, cancellationToken);
            if (review.Items.Count == 0)
                throw new DomainException("There is nothing to review: the ledger has no integrations, no token usages and no integration accounts.");
            db.AccessReviews.Add(review);
            await change.CommitAsync(cancellationToken);
        }
        return await new GetReviewStatusHandler(ledger).HandleAsync(request.Quarter, cancellationToken);
    }

    /// <summary>
    /// An integration account whose access some export has told is attested for least privilege by its owner, else by
    /// the owner of the first integration (by name) that uses it and has one. An account no export has described has
    /// no access level to attest yet.
    /// </summary>
    private async Task AddAccessLevelsAsync(AccessReview review, Dictionary<Guid, Integration> integrations, Func<Guid?, Guid?> present, DateTime now, CancellationToken cancellationToken)
    {
        var facts = await AccessFacts.LoadAsync(ledger.Db, now, cancellationToken);
        foreach (var account in facts.Accounts.Where(a => a.IsIntegrationAccount && a.Access.IsKnown))
        {
            var owner = present(account.Account.OwnerId)
                ?? account.UsedBy.Select(u => present(integrations[u.IntegrationId].OwnerId)).FirstOrDefault(o => o is not null);
            review.AddItem(ReviewSubjects.AccountAccess, account.Account.Id, $"{account.Account.Username} access level", owner, now);
        }
    }
}
