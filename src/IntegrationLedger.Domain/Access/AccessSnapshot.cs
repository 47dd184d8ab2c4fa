using IntegrationLedger.Domain.Common;

namespace IntegrationLedger.Domain.Access;

/// <summary>
/// What one export said of one account's access, as of the export's moment: one facet (<see cref="AccessFacet"/>),
/// the others left empty. A snapshot is kept whenever its facet differs from the snapshot before it, so the
/// access of any moment is the latest snapshot of each facet at or before it. An export that finds the facet as it
/// was only moves <see cref="ConfirmedAt"/> (and the last login, which moves with every sign-in) forward.
/// </summary>
public sealed class AccessSnapshot
{
    private AccessSnapshot()
    {
    }

    private AccessSnapshot(Guid accountId, Guid batchId, AccessFacet facet, DateTime asOf, DateTime recordedAt)
    {
        Id = Guid.CreateVersion7(recordedAt);
        AccountId = accountId;
        BatchId = batchId;
        Facet = facet;
        AsOf = Guard.Utc(asOf, nameof(asOf));
        ConfirmedAt = AsOf;
    }

    public Guid Id { get; private set; }
    public Guid AccountId { get; private set; }

    /// <summary>The import that recorded it.</summary>
    public Guid BatchId { get; private set; }

    public AccessFacet Facet { get; private set; }

    /// <summary>The moment the export describes (its own time, or the one given with <c>--as-of</c>).</summary>
    public DateTime AsOf { get; private set; }

    /// <summary>The latest export's moment that found this facet unchanged.</summary>
    public DateTime ConfirmedAt { get; private set; }

    /// <summary>What changed from the snapshot before, for people and the audit log; null for the first or for history recorded late.</summary>
    public string? Changes { get; private set; }

    // The User export.
    public bool? IsActive { get; private set; }
    public string? UserType { get; private set; }
    public string? Licence { get; private set; }
    public string? Profile { get; private set; }
    public string? Role { get; private set; }
    public string? Email { get; private set; }
    public string? FederationId { get; private set; }
    public DateTime? LastLoginAt { get; private set; }
    public DateTime? LastPasswordChangeAt { get; private set; }

    // The PermissionSetAssignment export.
    public SalesforcePermissions Granted { get; private set; }
    public SalesforcePermissions Known { get; private set; }

    /// <summary>The assigned sets, as <see cref="PermissionSetGrants"/> writes them.</summary>
    public string? PermissionSets { get; private set; }

    // The TwoFactorMethodsInfo export.
    public MfaMethods? MfaMethods { get; private set; }

    // The UserLogin export.
    public bool? IsFrozen { get; private set; }
    public bool? IsPasswordLocked { get; private set; }

    public static AccessSnapshot OfUser(Guid accountId, Guid batchId, DateTime asOf, DateTime recordedAt, UserFacts facts) =>
        new(accountId, batchId, AccessFacet.User, asOf, recordedAt)
        {
            IsActive = facts.IsActive,
            UserType = facts.UserType,
            Licence = facts.Licence,
            Profile = facts.Profile,
            Role = facts.Role,
            Email = facts.Email,
            FederationId = facts.FederationId,
            LastLoginAt = facts.LastLoginAt,
            LastPasswordChangeAt = facts.LastPasswordChangeAt,
        };

    public static AccessSnapshot OfPermissionSets(Guid accountId, Guid batchId, DateTime asOf, DateTime recordedAt, IReadOnlyCollection<PermissionSetGrant> grants) =>
        new(accountId, batchId, AccessFacet.PermissionSets, asOf, recordedAt)
        {
            Granted = grants.Aggregate(SalesforcePermissions.None, (all, g) => all | g.Granted),
            Known = grants.Aggregate(SalesforcePermissions.None, (all, g) => all | g.Known),
            PermissionSets = PermissionSetGrants.Write(grants),
        };

    public static AccessSnapshot OfMfa(Guid accountId, Guid batchId, DateTime asOf, DateTime recordedAt, MfaMethods methods) =>
        new(accountId, batchId, AccessFacet.Mfa, asOf, recordedAt) { MfaMethods = methods };

    public static AccessSnapshot OfLogin(Guid accountId, Guid batchId, DateTime asOf, DateTime recordedAt, bool? isFrozen, bool? isPasswordLocked) =>
        new(accountId, batchId, AccessFacet.Login, asOf, recordedAt) { IsFrozen = isFrozen, IsPasswordLocked = isPasswordLocked };

    /// <summary>A snapshot as the store holds it, for readers that load many at once without an object mapper.</summary>
    public static AccessSnapshot Restore(StoredAccessSnapshot row) =>
        new()
        {
            Id = row.Id,
            AccountId = row.AccountId,
            BatchId = row.BatchId,
            Facet = row.Facet,
            AsOf = row.AsOf,
            ConfirmedAt = row.ConfirmedAt,
            Changes = row.Changes,
            IsActive = row.IsActive,
            UserType = row.UserType,
            Licence = row.Licence,
            Profile = row.Profile,
            Role = row.Role,
            Email = row.Email,
            FederationId = row.FederationId,
            LastLoginAt = row.LastLoginAt,
            LastPasswordChangeAt = row.LastPasswordChangeAt,
            Granted = row.Granted,
            Known = row.Known,
            PermissionSets = row.PermissionSets,
            MfaMethods = row.MfaMethods,
            IsFrozen = row.IsFrozen,
            IsPasswordLocked = row.IsPasswordLocked,
        };

    public IReadOnlyList<PermissionSetGrant> Grants => _grants ??= PermissionSetGrants.Read(PermissionSets);

    private IReadOnlyList<PermissionSetGrant>? _grants;

    public UserFacts User => new(IsActive, UserType, Licence, Profile, Role, Email, FederationId, LastLoginAt, LastPasswordChangeAt);

    /// <summary>
    /// Whether this snapshot says the same as <paramref name="other"/> of the same facet. The last login is left
    /// out: it moves with every sign-in (API ones too) and is no change of access.
    /// </summary>
    public bool SameStateAs(AccessSnapshot other) =>
        Facet == other.Facet && Facet switch
        {
            AccessFacet.User => User with { LastLoginAt = null } == other.User with { LastLoginAt = null },
            AccessFacet.PermissionSets => PermissionSets == other.PermissionSets,
            AccessFacet.Mfa => MfaMethods == other.MfaMethods,
            _ => IsFrozen == other.IsFrozen && IsPasswordLocked == other.IsPasswordLocked,
        };

    /// <summary>A later export found the facet as it was: only its moment and the last login move on.</summary>
    public void Confirm(AccessSnapshot later)
    {
        if (later.AsOf <= ConfirmedAt)
            return;
        ConfirmedAt = later.AsOf;
        if (Facet == AccessFacet.User && later.LastLoginAt is { } login && (LastLoginAt is null || login > LastLoginAt))
            LastLoginAt = login;
    }

    /// <summary>Records what changed from the snapshot before this one, worded by <see cref="AccessChanges"/>.</summary>
    public void DescribeChangesFrom(AccessSnapshot previous)
    {
        var changes = AccessChanges.Between(previous, this);
        Changes = changes.Count == 0 ? null : string.Join("; ", changes.Select(c => c.Text));
    }
}

/// <summary>Every column of a stored snapshot (<see cref="AccessSnapshot.Restore"/>).</summary>
public sealed record StoredAccessSnapshot(
    Guid Id, Guid AccountId, Guid BatchId, AccessFacet Facet, DateTime AsOf, DateTime ConfirmedAt, string? Changes,
    bool? IsActive, string? UserType, string? Licence, string? Profile, string? Role, string? Email, string? FederationId,
    DateTime? LastLoginAt, DateTime? LastPasswordChangeAt, SalesforcePermissions Granted, SalesforcePermissions Known, string? PermissionSets,
    MfaMethods? MfaMethods, bool? IsFrozen, bool? IsPasswordLocked);

/// <summary>What a User export says of one account.</summary>
public sealed record UserFacts(
    bool? IsActive,
    string? UserType,
    string? Licence,
    string? Profile,
    string? Role,
    string? Email,
    string? FederationId,
    DateTime? LastLoginAt,
    DateTime? LastPasswordChangeAt);
