namespace IntegrationLedger.Domain.Tokens;

/// <summary>
/// What the ledger keeps of a secret: a keyed hash that recognises the secret when it is shown again,
/// and as much of its end as <see cref="SecretEnding"/> allows (four characters, two, or none), so people
/// can tell tokens apart. Never the secret itself.
/// </summary>
public sealed record SecretFingerprint(string Hash, string LastFour);
