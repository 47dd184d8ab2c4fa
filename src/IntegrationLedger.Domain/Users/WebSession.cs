using IntegrationLedger.Domain.Common;

namespace IntegrationLedger.Domain.Users;

/// <summary>
/// One signed-in session on the web, from its sign-in to its sign-out. The session cookie names it, and a
/// cookie whose session has ended is refused, so signing out ends that session on the server, even for a
/// copy of the cookie, while the account's other sessions (a phone, another browser) carry on.
/// </summary>
public sealed class WebSession
{
    private WebSession()
    {
    }

    public WebSession(Guid userId, DateTime startedAt)
    {
        // Random rather than time-ordered: nothing about one session's id says anything about another's.
        Id = Guid.NewGuid();
        UserId = userId;
        StartedAt = Guard.Utc(startedAt, nameof(startedAt));
    }

    public Guid Id { get; private set; }
    public Guid UserId { get; private set; }
    public DateTime StartedAt { get; private set; }
    public DateTime? EndedAt { get; private set; }

    public bool HasEnded => EndedAt is not null;

    public void End(DateTime at)
    {
        if (HasEnded)
            throw new DomainException("This session has already ended.");
        EndedAt = Guard.Utc(at, nameof(at));
    }
}
