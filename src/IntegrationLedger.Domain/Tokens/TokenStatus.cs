namespace IntegrationLedger.Domain.Tokens;

public enum TokenStatus
{
    Active,
    Revoked,
    Expired,
}
