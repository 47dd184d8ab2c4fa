using IntegrationLedger.Domain.Common;
using IntegrationLedger.Domain.People;

namespace IntegrationLedger.Domain.Integrations;

/// <summary>
/// A third-party application or job that reaches the platform: what it is for, who answers for it,
/// where it connects from, how its activity is recognised, and how its vendor was vetted.
/// </summary>
public sealed class Integration
{
    private readonly List<AttributionRule> _attributionRules = [];
    private readonly List<AllowedNetwork> _allowedNetworks = [];
    private readonly List<VettingRecord> _vettingRecords = [];

    private Integration()
    {
        Name = null!;
        Environment = null!;
    }

    public Integration(
        string name,
        string? vendor,
        string? purpose,
        Person? owner,
        string? environment,
        NetworkTrust network,
        DateTime createdAt)
    {
        if (owner is { HasDeparted: true })
            throw new DomainException($"{owner.Email} has departed and cannot own a new integration.");
        Id = Guid.CreateVersion7(createdAt);
        Name = Guard.Required(name, "An integration name");
        Vendor = Guard.Optional(vendor);
        Purpose = Guard.Optional(purpose);
        OwnerId = owner?.Id;
        Environment = Guard.Optional(environment) ?? "production";
        Network = network;
        CreatedAt = Guard.Utc(createdAt, nameof(createdAt));
    }

    public Guid Id { get; private set; }
    public string Name { get; private set; }
    public string? Vendor { get; private set; }
    public string? Purpose { get; private set; }
    public Guid? OwnerId { get; private set; }
    public string Environment { get; private set; }
    public NetworkTrust Network { get; private set; }
    public DateTime CreatedAt { get; private set; }

    public IReadOnlyCollection<AttributionRule> AttributionRules => _attributionRules;
    public IReadOnlyCollection<AllowedNetwork> AllowedNetworks => _allowedNetworks;
    public IReadOnlyCollection<VettingRecord> VettingRecords => _vettingRecords;

    public VettingRecord? LatestVetting => _vettingRecords.MaxBy(v => v.ReviewedOn);

    /// <summary>Restates what an integration is; returns whether anything changed.</summary>
    public bool UpdateDetails(string? vendor, string? purpose, string? environment, NetworkTrust network)
    {
        var (newVendor, newPurpose, newEnvironment) = (Guard.Optional(vendor), Guard.Optional(purpose), Guard.Optional(environment) ?? Environment);
        if (newVendor == Vendor && newPurpose == Purpose && newEnvironment == Environment && network == Network)
            return false;
        (Vendor, Purpose, Environment, Network) = (newVendor, newPurpose, newEnvironment, network);
        return true;
    }

    public bool HasAttributionRule(AttributionRuleKind kind, string value) =>
        _attributionRules.Any(r => r.Kind == kind && string.Equals(r.Value, value.Trim(), StringComparison.OrdinalIgnoreCase));

    public bool AllowsNetwork(string cidr) => _allowedNetworks.Any(n => n.Cidr == AllowedNetwork.Normalize(cidr));

    public void AddAttributionRule(AttributionRuleKind kind, string value, DateTime at)
    {
        var rule = new AttributionRule(Id, kind, value, at);
        if (_attributionRules.Any(r => r.Kind == kind && string.Equals(r.Value, rule.Value, StringComparison.OrdinalIgnoreCase)))
            throw new DomainException($"'{Name}' already has the {kind} rule '{rule.Value}'.");
        _attributionRules.Add(rule);
    }

    public void AllowNetwork(string cidr, DateTime at)
    {
        var network = new AllowedNetwork(Id, cidr, at);
        if (_allowedNetworks.Any(n => n.Cidr == network.Cidr))
            throw new DomainException($"'{Name}' already allows {network.Cidr}.");
        _allowedNetworks.Add(network);
    }

    public VettingRecord RecordVetting(
        DateOnly reviewedOn,
        string reviewer,
        VettingOutcome outcome,
        string? evidenceReference,
        DateOnly? nextReviewOn,
        DateTime at)
    {
        var record = new VettingRecord(Id, reviewedOn, reviewer, outcome, evidenceReference, nextReviewOn, at);
        _vettingRecords.Add(record);
        return record;
    }

    public void TransferOwnership(Person newOwner)
    {
        if (newOwner.HasDeparted)
            throw new DomainException($"{newOwner.Email} has departed and cannot take over '{Name}'.");
        OwnerId = newOwner.Id;
    }
}
