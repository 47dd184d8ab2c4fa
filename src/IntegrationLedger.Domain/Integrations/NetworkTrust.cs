namespace IntegrationLedger.Domain.Integrations;

/// <summary>Salesforce asks for a security token only from networks outside the org's trusted IP ranges.</summary>
public enum NetworkTrust
{
    Trusted,
    Untrusted,
}
