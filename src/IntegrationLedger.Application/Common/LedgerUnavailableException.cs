namespace IntegrationLedger.Application.Common;

/// <summary>The ledger cannot be used as asked: no database at the path, or a key that is not its own.</summary>
public sealed class LedgerUnavailableException(string message) : Exception(message);
