namespace IntegrationLedger.Domain.Integrations;

public enum VettingOutcome
{
    Approved,
    ApprovedWithConditions,
    Rejected,
}
