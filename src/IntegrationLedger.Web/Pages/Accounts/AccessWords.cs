using IntegrationLedger.Application.Features.Access;
using IntegrationLedger.Domain.Access;

namespace IntegrationLedger.Web.Pages.Accounts;

/// <summary>
/// An account's access level in the words every page uses (the list, the account's page, the person's and the
/// integration's), each with the class that colours it: what needs attention in red, what is sound in green.
/// What no export has told is "unknown", never "no".
/// </summary>
public static class AccessWords
{
    public const string Unknown = "unknown";

    /// <summary>"active", "inactive", "frozen" (a frozen user stays active in Salesforce but cannot sign in), with ", password locked".</summary>
    public static string State(AccountSummary a) =>
        (a.IsActive is null && a.IsFrozen is null ? Unknown
            : a.IsActive == false ? "inactive"
            : a.IsFrozen == true ? "frozen"
            : a.IsActive == true ? "active"
            : "not frozen")
        + (a.IsPasswordLocked == true ? ", password locked" : "");

    public static string YesNo(bool? value) => value switch { true => "yes", false => "no", null => Unknown };

    /// <summary>"Salesforce, System Administrator": the licence and the profile that comes with it.</summary>
    public static string LicenceAndProfile(AccountSummary a) =>
        a.Licence is null && a.Profile is null ? Unknown : string.Join(", ", new[] { a.Licence, a.Profile }.OfType<string>());

    /// <summary>The powerful permissions held; "none" only when the permission sets are known.</summary>
    public static string Powerful(AccountSummary a) =>
        a.Powerful.Count > 0 ? string.Join(", ", a.Powerful) : a.PermissionSets.Count > 0 ? "none" : Unknown;

    public static string PowerfulClass(AccountSummary a) => a.Powerful.Count > 0 ? "bad" : a.PermissionSets.Count > 0 ? "good" : "";

    /// <summary>"authenticator app (TOTP): strong", "email address verified by the user: not strong", "none: not strong"; the waiver said too.</summary>
    public static string Mfa(AccountSummary a) =>
        (a.StrongMfa is not { } strong ? Unknown
            : $"{(a.MfaMethods.Count == 0 ? "none" : string.Join(", ", a.MfaMethods))}: {(strong ? "strong" : "not strong")}")
        + (a.BypassesMfa ? $"; {PermissionFields.Label(SalesforcePermissions.BypassMfaForUiLogins)}" : "");

    /// <summary>Red only where it matters: an account that signs in through the browser with no strong method, or with the waiver.</summary>
    public static string MfaClass(AccountSummary a) =>
        a.SignsInThroughBrowser == true && (a.StrongMfa == false || a.BypassesMfa) ? "bad"
        : a.StrongMfa == true && !a.BypassesMfa ? "good"
        : "";

    public static string PasswordAge(AccountSummary a) => a.PasswordAgeDays is { } days ? $"{days:N0} days" : Unknown;

    /// <summary>"personal", "integration", or "personal, used by an integration": what the rules take it for.</summary>
    public static string Kind(AccountSummary a) =>
        IntegrationLedger.Domain.Common.KebabCase.Of(a.Kind) + (a.IsIntegrationAccount && a.Kind != Domain.Accounts.AccountKind.Integration ? ", used by an integration" : "");

    /// <summary>The export each facet of the history came from, as people call it.</summary>
    public static string Facet(AccessFacet facet) => facet switch
    {
        AccessFacet.User => "users",
        AccessFacet.PermissionSets => "permission set assignments",
        AccessFacet.Mfa => "verification methods",
        _ => "user logins",
    };

    /// <summary>The permissions no integration needs, marked among those a permission set grants.</summary>
    public static bool IsPowerful(string label) => PowerfulLabels.Contains(label);

    private static readonly HashSet<string> PowerfulLabels = PermissionFields.In(PermissionFields.Powerful).Select(p => p.Label).ToHashSet(StringComparer.Ordinal);
}
