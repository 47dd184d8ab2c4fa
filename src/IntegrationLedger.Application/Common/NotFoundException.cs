namespace IntegrationLedger.Application.Common;

/// <summary>A name given by the user (an email, a token label, an integration name) matches nothing in the ledger.</summary>
public sealed class NotFoundException(string message) : Exception(message);
