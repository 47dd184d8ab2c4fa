using IntegrationLedger.Domain.Common;
using IntegrationLedger.Domain.People;

namespace IntegrationLedger.Domain.Tokens;

/// <summary>
/// A credential handed to software: a Salesforce security token, an OAuth refresh token, an API key...
/// The ledger records who owns it, where it is used and its lifecycle; the secret itself is never kept,
/// only a <see cref="SecretFingerprint"/>.
/// </summary>
public sealed class Token
{
    private readonly List<TokenUsage> _usages = [];
    private readonly List<FormerSecret> _formerSecrets = [];

    private Token()
    {
        Label = null!;
    }

    public Token(
        string label,
        TokenKind kind,
        Person owner,
        Guid? accountId,
        SecretFingerprint? fingerprint,
        DateTime issuedAt,
        DateTime lastRotatedAt,
        int? rotationPolicyDays,
        DateTime createdAt)
    {
        if (rotationPolicyDays is <= 0)
            throw new DomainException("A rotation policy must be a positive number of days.");
        if (lastRotatedAt < issuedAt)
            throw new DomainException("A token cannot have been rotated before it was issued.");
        owner.EnsureCanBeGivenNewTokens();

        Id = Guid.CreateVersion7(createdAt);
        Label = Guard.Required(label, "A token label");
        Kind = kind;
        OwnerId = owner.Id;
        AccountId = accountId;
        SetSecret(fingerprint);
        Status = TokenStatus.Active;
        IssuedAt = Guard.Utc(issuedAt, nameof(issuedAt));
        LastRotatedAt = Guard.Utc(lastRotatedAt, nameof(lastRotatedAt));
        RotationPolicyDays = rotationPolicyDays;
        CreatedAt = Guard.Utc(createdAt, nameof(createdAt));
    }

    public Guid Id { get; private set; }
    public string Label { get; private set; }
    public TokenKind Kind { get; private set; }
    public Guid OwnerId { get; private set; }
    public Guid? AccountId { get; private set; }

    /// <summary>HMAC-SHA256 of the secret under the ledger's key, in hex; null when no secret was given.</summary>
    public string? Fingerprint { get; private set; }

    /// <summary>
    /// The end of the secret as <see cref="SecretEnding"/> allows: up to four characters, empty when the secret
    /// was too short to show any, null when no secret was given. Rows written before that rule keep the four
    /// they had (decision 0009).
    /// </summary>
    public string? LastFour { get; private set; }

    /// <summary>The secret's length in UTF-8 bytes (see <see cref="SecretFingerprint"/>); null when no secret was given or it was registered before lengths were kept.</summary>
    public int? SecretUtf8Length { get; private set; }

    public TokenStatus Status { get; private set; }
    public DateTime IssuedAt { get; private set; }
    public DateTime LastRotatedAt { get; private set; }
    public int? RotationPolicyDays { get; private set; }
    public DateTime? RevokedAt { get; private set; }
    public RevocationReason? RevocationReason { get; private set; }
    public string? RevocationNote { get; private set; }
    public DateTime CreatedAt { get; private set; }

    public IReadOnlyCollection<TokenUsage> Usages => _usages;

    /// <summary>Every value the token had before a reset, with the period it was valid; the current one is <see cref="Fingerprint"/>.</summary>
    public IReadOnlyCollection<FormerSecret> FormerSecrets => _formerSecrets;

    public bool IsActive => Status == TokenStatus.Active;

    /// <summary>The policy in force: the token's own, else its kind's default.</summary>
    public int? EffectiveRotationDays => RotationPolicyDays ?? Kind.DefaultRotationDays();

    /// <summary>Due dates follow the last reset, never the last edit of the record.</summary>
    public DateTime? RotationDueAt => EffectiveRotationDays is { } days ? LastRotatedAt.AddDays(days) : null;

    public bool IsRotationOverdue(DateTime now) => IsActive && RotationDueAt is { } due && due < now;

    public IEnumerable<TokenUsage> UsagesInEffect => _usages.Where(u => u.IsInEffect);

    /// <param name="recordedAt">When the usage is recorded, as opposed to <paramref name="since"/>, when it began.</param>
    public TokenUsage Use(Guid integrationId, string integrationName, string purpose, DateTime since, Guid? setUpById, DateTime recordedAt)
    {
        if (!IsActive)
            throw new DomainException($"Token '{Label}' is {Status.ToString().ToLowerInvariant()} and cannot be used by a new integration.");
        if (UsagesInEffect.Any(u => u.IntegrationId == integrationId))
            throw new DomainException($"Token '{Label}' is already recorded as used by '{integrationName}'.");

        var usage = new TokenUsage(Id, integrationId, purpose, since, setUpById, recordedAt);
        _usages.Add(usage);
        return usage;
    }

    /// <summary>
    /// A reset invalidates the old value everywhere, so every integration configured with it must be
    /// updated: each usage waits for confirmation from now on. The old value's fingerprint is kept as a
    /// <see cref="FormerSecret"/>, valid from the last reset (or the registration) until now.
    /// </summary>
    public void Reset(DateTime at, SecretFingerprint? newFingerprint)
    {
        if (!IsActive)
            throw new DomainException($"Token '{Label}' is {Status.ToString().ToLowerInvariant()}; only an active token can be reset.");
        if (newFingerprint is not null && newFingerprint.Hash == Fingerprint)
            throw new DomainException($"The new secret of '{Label}' is the one it already had; a reset needs a new value.");
        if (Fingerprint is not null)
            _formerSecrets.Add(new FormerSecret(Id, Fingerprint, LastFour ?? "", SecretUtf8Length, LastRotatedAt, at));
        LastRotatedAt = Guard.Utc(at, nameof(at));
        SetSecret(newFingerprint);
        foreach (var usage in UsagesInEffect)
            usage.MarkPendingUpdate(at);
    }

    private void SetSecret(SecretFingerprint? fingerprint)
    {
        Fingerprint = fingerprint?.Hash;
        LastFour = fingerprint?.LastFour;
        SecretUtf8Length = fingerprint?.Utf8Length;
    }

    public TokenUsage ConfirmUpdated(Guid integrationId, string integrationName, DateTime at)
    {
        var usage = UsagesInEffect.SingleOrDefault(u => u.IntegrationId == integrationId)
            ?? throw new DomainException($"Token '{Label}' is not recorded as used by '{integrationName}'.");
        if (usage.Status != TokenUsageStatus.PendingUpdate)
            throw new DomainException($"'{integrationName}' is not waiting for an update of token '{Label}'.");
        usage.ConfirmUpdated(at);
        return usage;
    }

    public void Revoke(RevocationReason reason, string? note, DateTime at)
    {
        if (!IsActive)
            throw new DomainException($"Token '{Label}' is already {Status.ToString().ToLowerInvariant()}.");
        Status = TokenStatus.Revoked;
        RevokedAt = Guard.Utc(at, nameof(at));
        RevocationReason = reason;
        RevocationNote = Guard.Optional(note);
        foreach (var usage in UsagesInEffect)
            usage.End(at);
    }

    public void ChangeRotationPolicy(int? days)
    {
        if (days is <= 0)
            throw new DomainException("A rotation policy must be a positive number of days.");
        RotationPolicyDays = days;
    }

    /// <summary>Restates why an integration uses this token; returns whether the purpose changed.</summary>
    public bool RestateUsagePurpose(Guid integrationId, string integrationName, string purpose)
    {
        var usage = UsagesInEffect.SingleOrDefault(u => u.IntegrationId == integrationId)
            ?? throw new DomainException($"Token '{Label}' is not recorded as used by '{integrationName}'.");
        return usage.RestatePurpose(purpose);
    }

    public void TransferOwnership(Person newOwner)
    {
        newOwner.EnsureCanBeGivenNewTokens();
        OwnerId = newOwner.Id;
    }
}
