namespace IntegrationLedger.Domain.People;

public enum PersonStatus
{
    Active,
    Departed,
}
