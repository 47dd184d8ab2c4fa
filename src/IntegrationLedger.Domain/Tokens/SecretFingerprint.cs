namespace IntegrationLedger.Domain.Tokens;

/// <summary>
/// What the ledger keeps of a secret: a keyed hash that recognises the secret when it is shown again,
/// and its last four characters so people can tell tokens apart. Never the secret itself.
/// </summary>
public sealed record SecretFingerprint(string Hash, string LastFour);
