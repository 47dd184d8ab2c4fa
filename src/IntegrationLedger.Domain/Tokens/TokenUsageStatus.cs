namespace IntegrationLedger.Domain.Tokens;

public enum TokenUsageStatus
{
    /// <summary>The integration is configured with the token's current value.</summary>
    Current,

    /// <summary>The token was reset and the integration has not been confirmed as updated yet.</summary>
    PendingUpdate,

    /// <summary>The usage no longer applies: the token was revoked.</summary>
    Ended,
}
