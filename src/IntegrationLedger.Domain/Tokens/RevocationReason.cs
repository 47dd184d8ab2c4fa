namespace IntegrationLedger.Domain.Tokens;

public enum RevocationReason
{
    Compromised,
    Offboarding,
    Unused,
    Other,
}
