namespace IntegrationLedger.Domain.Tokens;

/// <summary>
/// What the ledger keeps of a secret: a keyed hash, the end <see cref="SecretEnding"/> allows, and its
/// length in UTF-8 bytes. The length lets <c>ledger scan</c> fingerprint only the windows of a file that
/// could be the secret (those ending in a known ending), so a scan stays linear whatever the number of
/// tokens; it narrows a guess by no more than the token's kind already does.
/// </summary>
public sealed record SecretFingerprint(string Hash, string LastFour, int Utf8Length);
