namespace IntegrationLedger.Domain.Activity;

/// <summary>What a baseline is kept for: an integration (by its id) or a Salesforce account (by its username).</summary>
public enum ActivityScope
{
    Integration = 0,
    Account = 1,
}
