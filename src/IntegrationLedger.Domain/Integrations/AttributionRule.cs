using IntegrationLedger.Domain.Common;

namespace IntegrationLedger.Domain.Integrations;

/// <summary>One way of recognising an integration's activity in imported usage events.</summary>
public sealed class AttributionRule
{
    private AttributionRule()
    {
        Value = null!;
    }

    internal AttributionRule(Guid integrationId, AttributionRuleKind kind, string value, DateTime createdAt)
    {
        Id = Guid.CreateVersion7(createdAt);
        IntegrationId = integrationId;
        Kind = kind;
        Value = Guard.Required(value, $"The value of a {kind} attribution rule");
    }

    public Guid Id { get; private set; }
    public Guid IntegrationId { get; private set; }
    public AttributionRuleKind Kind { get; private set; }
    public string Value { get; private set; }
}
