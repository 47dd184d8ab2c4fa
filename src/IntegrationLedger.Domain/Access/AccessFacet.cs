namespace IntegrationLedger.Domain.Access;

/// <summary>
/// The part of an account's access one kind of export tells: each is recorded, and kept in history, on its
/// own, so a User export and a PermissionSetAssignment export taken on different days both count.
/// </summary>
public enum AccessFacet
{
    /// <summary>The User export: active, type, licence, profile, role, last login and password change.</summary>
    User,

    /// <summary>The PermissionSetAssignment export: permission sets (the profile's among them) and the permissions they grant.</summary>
    PermissionSets,

    /// <summary>The TwoFactorMethodsInfo export: the verification methods registered.</summary>
    Mfa,

    /// <summary>The UserLogin export: frozen, password-locked.</summary>
    Login,
}
