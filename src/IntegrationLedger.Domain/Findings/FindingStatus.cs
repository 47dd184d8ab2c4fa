namespace IntegrationLedger.Domain.Findings;

public enum FindingStatus
{
    Open,
    Acknowledged,
    Resolved,
}
