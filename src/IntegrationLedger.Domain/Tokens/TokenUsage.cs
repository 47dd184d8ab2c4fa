using IntegrationLedger.Domain.Common;

namespace IntegrationLedger.Domain.Tokens;

/// <summary>"Token T is configured in integration I, since D, for purpose P, set up by person X."</summary>
public sealed class TokenUsage
{
    private TokenUsage()
    {
        Purpose = null!;
    }

    internal TokenUsage(Guid tokenId, Guid integrationId, string purpose, DateTime since, Guid? setUpById, DateTime recordedAt)
    {
        Id = Guid.CreateVersion7(recordedAt);
        TokenId = tokenId;
        IntegrationId = integrationId;
        Purpose = Guard.Required(purpose, "The purpose of a token usage");
        Since = Guard.Utc(since, nameof(since));
        SetUpById = setUpById;
        Status = TokenUsageStatus.Current;
    }

    public Guid Id { get; private set; }
    public Guid TokenId { get; private set; }
    public Guid IntegrationId { get; private set; }
    public string Purpose { get; private set; }
    public DateTime Since { get; private set; }
    public Guid? SetUpById { get; private set; }
    public TokenUsageStatus Status { get; private set; }
    public DateTime? PendingSince { get; private set; }
    public DateTime? ConfirmedAt { get; private set; }
    public DateTime? EndedAt { get; private set; }

    public bool IsInEffect => Status != TokenUsageStatus.Ended;

    internal bool RestatePurpose(string purpose)
    {
        var restated = Guard.Required(purpose, "The purpose of a token usage");
        if (restated == Purpose)
            return false;
        Purpose = restated;
        return true;
    }

    internal void MarkPendingUpdate(DateTime at)
    {
        Status = TokenUsageStatus.PendingUpdate;
        PendingSince = at;
        ConfirmedAt = null;
    }

    internal void ConfirmUpdated(DateTime at)
    {
        Status = TokenUsageStatus.Current;
        ConfirmedAt = at;
    }

    internal void End(DateTime at)
    {
        Status = TokenUsageStatus.Ended;
        EndedAt = at;
    }
}
