namespace IntegrationLedger.Domain.Common;

/// <summary>
/// A request that would break one of the ledger's rules (a revoked token put back to use, a departed
/// person given a new token). The message is one sentence meant for the person at the keyboard, and
/// never carries a secret.
/// </summary>
public sealed class DomainException(string message) : Exception(message);
