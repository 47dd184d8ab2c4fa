namespace IntegrationLedger.Domain.Access;

/// <summary>
/// An account's access at one moment, put together from the latest snapshot of each facet at or before it.
/// A facet no export has told yet is null: unknown, which no rule takes for "none".
/// </summary>
public sealed record AccountAccess(AccessSnapshot? User, AccessSnapshot? PermissionSets, AccessSnapshot? Mfa, AccessSnapshot? Login)
{
    /// <summary>The licence that brings the "Minimum Access - API Only Integrations" profile, whose API-only cannot be switched off.</summary>
    public const string IntegrationLicence = "Salesforce Integration";

    /// <summary>The latest of each facet among <paramref name="snapshots"/> (which may hold earlier ones too).</summary>
    public static AccountAccess Of(IEnumerable<AccessSnapshot> snapshots)
    {
        var latest = new AccessSnapshot?[4];
        foreach (var snapshot in snapshots)
        {
            ref var held = ref latest[(int)snapshot.Facet];
            if (held is null || snapshot.AsOf > held.AsOf)
                held = snapshot;
        }
        return new AccountAccess(latest[(int)AccessFacet.User], latest[(int)AccessFacet.PermissionSets], latest[(int)AccessFacet.Mfa], latest[(int)AccessFacet.Login]);
    }

    public bool IsKnown => User is not null || PermissionSets is not null || Mfa is not null || Login is not null;

    /// <summary>Active in Salesforce; a frozen user keeps IsActive but cannot sign in (<see cref="CanSignIn"/>).</summary>
    public bool? IsActive => User?.IsActive;

    public bool? IsFrozen => Login?.IsFrozen;

    /// <summary>Active and not frozen: the account can be used today.</summary>
    public bool CanSignIn => IsActive == true && IsFrozen != true;

    public SalesforcePermissions Granted => PermissionSets?.Granted ?? SalesforcePermissions.None;

    public SalesforcePermissions Known => PermissionSets?.Known ?? SalesforcePermissions.None;

    public bool Holds(SalesforcePermissions permission) => (Granted & permission) == permission && permission != SalesforcePermissions.None;

    /// <summary>The powerful permissions it holds (<see cref="PermissionFields.Powerful"/>).</summary>
    public SalesforcePermissions PowerfulHeld => Granted & PermissionFields.Powerful;

    /// <summary>
    /// Whether the account can only use the API: the API Only User permission, or the Integration licence (whose
    /// profile is API-only by design). Null when neither the permissions nor the licence are known.
    /// </summary>
    public bool? IsApiOnly =>
        Holds(SalesforcePermissions.ApiUserOnly) || User?.Licence == IntegrationLicence ? true
        : (Known & SalesforcePermissions.ApiUserOnly) != 0 || User is not null ? false
        : null;

    /// <summary>Whether it can sign in through the browser: active, not frozen, not API-only (null when unknown).</summary>
    public bool? SignsInThroughBrowser => !CanSignIn ? false : IsApiOnly is { } apiOnly ? !apiOnly : null;

    public MfaMethods? MfaMethods => Mfa?.MfaMethods;

    public bool HasStrongMfa => MfaMethods is { } methods && MfaFields.IsStrong(methods);

    /// <summary>The permission sets (the profile's among them) that grant a permission, as people name them.</summary>
    public IReadOnlyList<string> SourcesOf(SalesforcePermissions permission) =>
        PermissionSets?.Grants.Where(g => (g.Granted & permission) != 0).Select(g => g.DisplayName).ToList() ?? [];

    /// <summary>"Modify All Data (permission set Orbit_BI_Full_Access), View All Data (profile Integration User, …)".</summary>
    public string DescribeHeld(SalesforcePermissions permissions) =>
        string.Join(", ", PermissionFields.In(Granted & permissions).Select(p => $"{p.Label} ({string.Join(", ", SourcesOf(p.Permission))})"));

    /// <summary>Days since the password was last changed, at <paramref name="now"/>; null when the export did not say.</summary>
    public int? PasswordAgeDays(DateTime now) =>
        User?.LastPasswordChangeAt is { } changed ? (int)Math.Floor((now - changed).TotalDays) : null;
}
