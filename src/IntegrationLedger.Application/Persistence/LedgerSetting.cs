namespace IntegrationLedger.Application.Persistence;

/// <summary>A named value the ledger keeps about itself (the key check; later, rule thresholds).</summary>
public sealed class LedgerSetting(string name, string value)
{
    public string Name { get; private set; } = name;
    public string Value { get; set; } = value;
}
