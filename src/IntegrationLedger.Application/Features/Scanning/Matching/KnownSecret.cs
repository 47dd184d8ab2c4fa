namespace IntegrationLedger.Application.Features.Scanning.Matching;

/// <summary>
/// What the ledger knows of one secret a token has had, which is all a scan has to go on: its keyed
/// fingerprint, the end the ledger shows (four characters, two, or none) and, for secrets registered since
/// the history was kept, its length in UTF-8 bytes. Never the secret.
/// </summary>
/// <param name="Id">The fingerprint history row the secret is.</param>
/// <param name="Fingerprint">HMAC-SHA256 of the secret's UTF-8 bytes under the ledger's key (32 bytes).</param>
/// <param name="Ending">The end of the secret as <see cref="Domain.Tokens.SecretEnding"/> allowed when it was stored.</param>
/// <param name="Utf8Length">The secret's length in bytes; null for rows kept from before the length was.</param>
public sealed record KnownSecret(Guid Id, byte[] Fingerprint, string Ending, int? Utf8Length);
