namespace IntegrationLedger.Domain.Reviews;

/// <summary>What an owner attests about an access: it is still needed as it is, needs changing, or must go.</summary>
public enum ReviewDecision
{
    Keep,
    Change,
    Revoke,
}
