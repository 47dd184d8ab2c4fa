using IntegrationLedger.Domain.Access;
using IntegrationLedger.Domain.Accounts;

namespace IntegrationLedger.Application.Features.Access;

/// <summary>
/// One account's access level as people read it, on the command line, the web and in the workbook alike: who owns
/// it, which integrations use it, whether it can sign in, its powerful permissions, MFA and password age.
/// Null where no export has said.
/// </summary>
public sealed record AccountSummary(
    string Username,
    AccountKind Kind,
    bool IsIntegrationAccount,
    string? OwnerEmail,
    string? PlatformUserId,
    IReadOnlyList<string> UsedBy,
    bool? IsActive,
    bool? IsFrozen,
    bool? IsPasswordLocked,
    string? UserType,
    string? Licence,
    string? Profile,
    bool? ApiOnly,
    bool? SignsInThroughBrowser,
    IReadOnlyList<string> PermissionSets,
    IReadOnlyList<string> Powerful,
    IReadOnlyList<string> MfaMethods,
    bool? StrongMfa,
    bool BypassesMfa,
    DateTime? LastLoginAt,
    DateTime? PasswordChangedAt,
    int? PasswordAgeDays,
    DateTime? AsOf)
{
    /// <summary>An integration account with none of the powerful permissions: least privilege, as far as the exports tell.</summary>
    public bool? LeastPrivileged => PermissionSets.Count == 0 && Powerful.Count == 0 ? null : Powerful.Count == 0;

    public static AccountSummary Of(AccountFacts facts, DateTime now)
    {
        var access = facts.Access;
        var snapshots = new[] { access.User, access.PermissionSets, access.Mfa, access.Login }.OfType<AccessSnapshot>().ToList();
        return new AccountSummary(
            facts.Account.Username,
            facts.Account.Kind,
            facts.IsIntegrationAccount,
            facts.Owner?.Email,
            facts.Account.PlatformUserId,
            facts.UsedBy.Select(u => u.Integration).ToList(),
            access.IsActive,
            access.IsFrozen,
            access.Login?.IsPasswordLocked,
            access.User?.UserType,
            access.User?.Licence,
            access.User?.Profile,
            access.IsApiOnly,
            access.SignsInThroughBrowser,
            access.PermissionSets?.Grants.Select(g => g.IsProfile ? $"{g.Profile ?? g.Label ?? g.Name} (profile)" : g.Name).ToList() ?? [],
            PermissionFields.In(access.PowerfulHeld).Select(p => p.Label).ToList(),
            access.MfaMethods is { } methods ? MfaFields.All.Where(m => (methods & m.Method) != 0).Select(m => m.Label).ToList() : [],
            access.Mfa is null ? null : access.HasStrongMfa,
            access.Holds(SalesforcePermissions.BypassMfaForUiLogins),
            access.User?.LastLoginAt,
            access.User?.LastPasswordChangeAt,
            access.PasswordAgeDays(now),
            snapshots.Count == 0 ? null : snapshots.Max(s => s.AsOf));
    }
}
