namespace IntegrationLedger.Domain.Integrations;

/// <summary>What a usage event must show for it to count as this integration's activity.</summary>
public enum AttributionRuleKind
{
    Account,
    Application,
    ConnectedAppId,
    ClientName,
    SourceIp,
}
