namespace IntegrationLedger.Application.Persistence;

/// <summary>A named value the ledger keeps about itself (the key check; later, rule thresholds).</summary>
public sealed class LedgerSetting(string name, string value) : Auditing.IRedactsAuditValues
{
    public string Name { get; private set; } = name;
    public string Value { get; set; } = value;

    /// <summary>
    /// The key check is derived from the ledger's key: with it, guesses at the key could be tested offline,
    /// so the audit log (and every report and export made from it) records only that it was set.
    /// </summary>
    bool Auditing.IRedactsAuditValues.Redacts(string property) =>
        property == nameof(Value) && Name.StartsWith("ledger.key", StringComparison.Ordinal);
}
