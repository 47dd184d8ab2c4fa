using IntegrationLedger.Domain.Common;

namespace IntegrationLedger.Domain.Tokens;

/// <summary>
/// A value a token had before a reset, kept as its fingerprint with the period it was valid (never the
/// secret). An old value is exactly what turns up later in a repository, a ticket or a paste, and the first
/// question then is whose it was and whether it still works: this answers it after the token moved on.
/// </summary>
public sealed class FormerSecret
{
    private FormerSecret()
    {
        Fingerprint = null!;
        Ending = null!;
    }

    internal FormerSecret(Guid tokenId, string fingerprint, string ending, int? utf8Length, DateTime validFrom, DateTime validUntil)
    {
        if (validUntil < validFrom)
            throw new DomainException("A secret cannot have been replaced before it was set.");
        Id = Guid.CreateVersion7(validUntil);
        TokenId = tokenId;
        Fingerprint = fingerprint;
        Ending = ending;
        Utf8Length = utf8Length;
        ValidFrom = Guard.Utc(validFrom, nameof(validFrom));
        ValidUntil = Guard.Utc(validUntil, nameof(validUntil));
    }

    public Guid Id { get; private set; }
    public Guid TokenId { get; private set; }

    /// <summary>HMAC-SHA256 of the value under the ledger's key, as <see cref="Token.Fingerprint"/> was.</summary>
    public string Fingerprint { get; private set; }

    /// <summary>The end of the value as <see cref="SecretEnding"/> allows (as <see cref="Token.LastFour"/> was).</summary>
    public string Ending { get; private set; }

    /// <summary>The value's length in UTF-8 bytes; null when it was registered before lengths were kept.</summary>
    public int? Utf8Length { get; private set; }

    /// <summary>When the value was set: the token's registration or the reset that brought it.</summary>
    public DateTime ValidFrom { get; private set; }

    /// <summary>The reset that replaced it.</summary>
    public DateTime ValidUntil { get; private set; }
}
