using IntegrationLedger.Application.Common.Lists;

namespace IntegrationLedger.Application.Features.Access;

/// <summary>
/// The accounts list as a file: every account the filters keep, in the order shown, with the whole of each
/// account's access level (lists of names joined by "; ").
/// </summary>
public static class AccountListExport
{
    private static readonly (string Name, Func<AccountSummary, object?> Value)[] Columns =
    [
        ("username", a => a.Username), ("kind", a => a.Kind), ("integrationAccount", a => a.IsIntegrationAccount), ("owner", a => a.OwnerEmail),
        ("usedBy", a => Joined(a.UsedBy)), ("active", a => a.IsActive), ("frozen", a => a.IsFrozen), ("passwordLocked", a => a.IsPasswordLocked),
        ("userType", a => a.UserType), ("licence", a => a.Licence), ("profile", a => a.Profile), ("apiOnly", a => a.ApiOnly),
        ("browserSignIn", a => a.SignsInThroughBrowser), ("permissionSets", a => Joined(a.PermissionSets)), ("powerfulPermissions", a => Joined(a.Powerful)),
        ("mfaMethods", a => Joined(a.MfaMethods)), ("strongMfa", a => a.StrongMfa), ("mfaWaived", a => a.BypassesMfa),
        ("lastLogin", a => a.LastLoginAt), ("passwordChanged", a => a.PasswordChangedAt), ("passwordAgeDays", a => a.PasswordAgeDays), ("asOf", a => a.AsOf),
    ];

    /// <summary>The accounts are already in memory (the list is made from them), so they are handed on as they are.</summary>
    public static ListExport Of(IEnumerable<AccountSummary> accounts) =>
        new("accounts", Columns.Select(c => c.Name).ToList(), accounts.Select(a => Columns.Select(c => c.Value(a)).ToArray()).ToAsyncEnumerable());

    private static string Joined(IReadOnlyList<string> names) => string.Join("; ", names);
}
