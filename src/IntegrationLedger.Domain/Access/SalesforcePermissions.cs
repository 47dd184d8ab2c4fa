namespace IntegrationLedger.Domain.Access;

/// <summary>
/// The permissions of a Salesforce account that matter for security, as flags: which a permission set grants,
/// and which its export had a column for (a field the org lacks fails the query, so exporters drop it; a
/// missing column is unknown, never false).
/// </summary>
[Flags]
public enum SalesforcePermissions
{
    None = 0,
    ApiEnabled = 1,
    ApiUserOnly = 2,
    ModifyAllData = 4,
    ViewAllData = 8,
    AuthorApex = 16,
    ManageUsers = 32,
    CustomizeApplication = 64,
    BypassMfaForUiLogins = 128,
}

/// <summary>One permission: its flag, the PermissionSet field that carries it, and the label Setup shows.</summary>
public sealed record PermissionField(SalesforcePermissions Permission, string Field, string Label);

public static class PermissionFields
{
    public static IReadOnlyList<PermissionField> All { get; } =
    [
        new(SalesforcePermissions.ApiEnabled, "PermissionsApiEnabled", "API Enabled"),
        new(SalesforcePermissions.ApiUserOnly, "PermissionsApiUserOnly", "API Only User"),
        new(SalesforcePermissions.ModifyAllData, "PermissionsModifyAllData", "Modify All Data"),
        new(SalesforcePermissions.ViewAllData, "PermissionsViewAllData", "View All Data"),
        new(SalesforcePermissions.AuthorApex, "PermissionsAuthorApex", "Author Apex"),
        new(SalesforcePermissions.ManageUsers, "PermissionsManageUsers", "Manage Users"),
        new(SalesforcePermissions.CustomizeApplication, "PermissionsCustomizeApplication", "Customize Application"),
        new(SalesforcePermissions.BypassMfaForUiLogins, "PermissionsBypassMFAForUiLogins", "Waive Multi-Factor Authentication"),
    ];

    /// <summary>
    /// The permissions no integration needs for its own job: each reaches past any one integration's objects
    /// (all data, code, users, the org's setup). Salesforce's guidance is least privilege for integration users.
    /// </summary>
    public const SalesforcePermissions Powerful = SalesforcePermissions.ModifyAllData | SalesforcePermissions.ViewAllData
        | SalesforcePermissions.AuthorApex | SalesforcePermissions.ManageUsers | SalesforcePermissions.CustomizeApplication;

    /// <summary>The flags of a set, one at a time, in the order of <see cref="All"/>.</summary>
    public static IEnumerable<PermissionField> In(SalesforcePermissions permissions) =>
        All.Where(p => (permissions & p.Permission) != 0);

    /// <summary>The labels of a set, for people: "Modify All Data, View All Data"; "none" when empty.</summary>
    public static string Describe(SalesforcePermissions permissions) =>
        permissions == SalesforcePermissions.None ? "none" : string.Join(", ", In(permissions).Select(p => p.Label));

    public static string Label(SalesforcePermissions permission) => All.First(p => p.Permission == permission).Label;
}
