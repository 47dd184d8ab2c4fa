namespace IntegrationLedger.Domain.Findings;

public enum Severity
{
    Low,
    Medium,
    High,
    Critical,
}
