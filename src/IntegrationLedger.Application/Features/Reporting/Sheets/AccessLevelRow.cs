using IntegrationLedger.Application.Features.Reporting.Workbook;
using IntegrationLedger.Domain.Access;
using IntegrationLedger.Domain.Accounts;

namespace IntegrationLedger.Application.Features.Reporting.Sheets;

/// <summary>
/// An account's access level as it stood at the end of the period (the Access levels sheet), worded as
/// <see cref="Access.AccountSummary"/> words it. Empty cells are facets no export had told by then: unknown, not "no".
/// </summary>
internal sealed record AccessLevelRow(
    string Account, AccountKind Kind, bool IntegrationAccount, string? Owner, string? UsedBy, bool? Active, bool? Frozen, string? Licence, string? Profile,
    bool? ApiOnly, string? PermissionSets, string? Powerful, string? MfaMethods, bool? StrongMfa, DateTime? PasswordChanged, int? PasswordAgeDays,
    bool? LeastPrivileged, DateTime? AsOf, bool? SignsInThroughBrowser)
{
    /// <summary>
    /// An integration account holding powerful permissions is the finding auditors look for first; a browser sign-in
    /// without a strong method is the next.
    /// </summary>
    public static SheetLayout<AccessLevelRow> Layout { get; } = new("Access levels", "AccessLevels",
    [
        new("Account", r => r.Account), new("Kind", r => r.Kind), new("Integration account", r => r.IntegrationAccount), new("Owner", r => r.Owner),
        new("Used by", r => r.UsedBy), new("Active", r => r.Active), new("Frozen", r => r.Frozen), new("Licence", r => r.Licence),
        new("Profile", r => r.Profile), new("API only", r => r.ApiOnly), new("Permission sets", r => r.PermissionSets),
        new("Powerful permissions (granted by)", r => r.Powerful), new("MFA methods", r => r.MfaMethods), new("Strong MFA", r => r.StrongMfa),
        new("Password last changed (UTC)", r => r.PasswordChanged), new("Password age at period end (days)", r => r.PasswordAgeDays),
        new("Least privileged", r => r.LeastPrivileged), new("As of (UTC)", r => r.AsOf),
    ], r => r.LeastPrivileged == false ? RowMark.Alert : r.SignsInThroughBrowser == true && r.StrongMfa != true ? RowMark.Warning : RowMark.None);

    public static AccessLevelRow From(ReplayedAccount account)
    {
        var (summary, access) = (account.Summary, account.Access);
        return new AccessLevelRow(
            summary.Username, summary.Kind, summary.IsIntegrationAccount, summary.OwnerEmail,
            summary.UsedBy.Count == 0 ? null : string.Join(", ", summary.UsedBy),
            summary.IsActive, summary.IsFrozen, summary.Licence, summary.Profile, summary.ApiOnly,
            access.PermissionSets is null ? null : summary.PermissionSets.Count == 0 ? "none" : string.Join("; ", summary.PermissionSets),
            // "Modify All Data (permission set Orbit_BI_Full_Access)": the set to take away is named beside the permission.
            access.PermissionSets is null ? null : access.PowerfulHeld == SalesforcePermissions.None ? "none" : access.DescribeHeld(PermissionFields.Powerful),
            access.Mfa is null ? null : MfaFields.Describe(access.MfaMethods ?? Domain.Access.MfaMethods.None),
            summary.StrongMfa, summary.PasswordChangedAt, summary.PasswordAgeDays,
            // Least privilege is asked of integration accounts; a person's own login answers to its role instead.
            summary.IsIntegrationAccount ? summary.LeastPrivileged : null,
            summary.AsOf, summary.SignsInThroughBrowser);
    }
}
