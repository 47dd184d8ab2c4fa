using IntegrationLedger.Domain.Common;

namespace IntegrationLedger.Domain.Reviews;

/// <summary>
/// A campaign, usually per quarter, in which each owner attests each token usage, integration and integration
/// account's access level they answer for: keep, change or revoke. It is complete when every item has a decision.
/// </summary>
public sealed class AccessReview
{
    private readonly List<ReviewItem> _items = [];

    private AccessReview()
    {
        Quarter = null!;
        StartedBy = null!;
    }

    public AccessReview(Quarter quarter, DateOnly dueOn, string startedBy, DateTime startedAt)
    {
        Id = Guid.CreateVersion7(startedAt);
        Quarter = quarter.ToString();
        DueOn = dueOn;
        StartedBy = startedBy;
        StartedAt = Guard.Utc(startedAt, nameof(startedAt));
    }

    public Guid Id { get; private set; }
    public string Quarter { get; private set; }
    public DateOnly DueOn { get; private set; }
    public string StartedBy { get; private set; }
    public DateTime StartedAt { get; private set; }
    public DateTime? CompletedAt { get; private set; }

    public IReadOnlyCollection<ReviewItem> Items => _items;

    public bool IsComplete => CompletedAt is not null;

    public ReviewItem AddItem(string subjectType, Guid subjectId, string subject, Guid? ownerId, DateTime at)
    {
        var item = new ReviewItem(Id, subjectType, subjectId, subject, ownerId, at);
        _items.Add(item);
        return item;
    }

    public void Attest(ReviewItem item, ReviewDecision decision, string note, string actor, DateTime at)
    {
        if (!_items.Contains(item))
            throw new DomainException("That item belongs to another review.");
        item.Decide(decision, note, actor, at);
        if (_items.All(i => i.Decision is not null))
            CompletedAt = at;
    }
}

/// <summary>One access to attest: a token usage, an integration or an account's access level, assigned to the person who answers for it.</summary>
public sealed class ReviewItem
{
    private ReviewItem()
    {
        SubjectType = null!;
        Subject = null!;
    }

    internal ReviewItem(Guid reviewId, string subjectType, Guid subjectId, string subject, Guid? ownerId, DateTime at)
    {
        Id = Guid.CreateVersion7(at);
        ReviewId = reviewId;
        SubjectType = subjectType;
        SubjectId = subjectId;
        Subject = subject;
        OwnerId = ownerId;
    }

    public Guid Id { get; private set; }
    public Guid ReviewId { get; private set; }

    /// <summary>One of <see cref="ReviewSubjects"/>: TokenUsage, Integration, Token or AccountAccess.</summary>
    public string SubjectType { get; private set; }

    public Guid SubjectId { get; private set; }

    /// <summary>How people name the subject: "token / integration", the integration's name or "username access level".</summary>
    public string Subject { get; private set; }

    public Guid? OwnerId { get; private set; }
    public ReviewDecision? Decision { get; private set; }
    public string? Note { get; private set; }
    public string? DecidedBy { get; private set; }
    public DateTime? DecidedAt { get; private set; }

    /// <summary>The id people type: the last eight hex digits are unique in practice.</summary>
    public string ShortId => Id.ToString("N")[^8..];

    /// <summary>Gives an unattested item to someone else, such as the successor of an owner who left.</summary>
    public void Reassign(Guid newOwnerId)
    {
        if (Decision is not null)
            throw new DomainException($"Item {ShortId} ({Subject}) is already attested.");
        OwnerId = newOwnerId;
    }

    internal void Decide(ReviewDecision decision, string note, string actor, DateTime at)
    {
        if (Decision is not null)
            throw new DomainException($"Item {ShortId} ({Subject}) was already attested: {Decision.ToString()!.ToLowerInvariant()} by {DecidedBy}.");
        Decision = decision;
        Note = Guard.Required(note, "A note");
        DecidedBy = actor;
        DecidedAt = at;
    }
}
