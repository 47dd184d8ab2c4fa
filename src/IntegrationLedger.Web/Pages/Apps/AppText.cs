using System.Globalization;
using IntegrationLedger.Application.Features.ConnectedApps;

namespace IntegrationLedger.Web.Pages.Apps;

/// <summary>How the web words a connected app's policy, in the list, on its page and on its vendor's page alike.</summary>
public static class AppText
{
    public static string PermittedUsers(AppSummary a) => a.AdminApprovedUsersOnly switch
    {
        true => "Admin-approved users only",
        false => "Any user may self-authorise",
        null => a.Registered ? "Unknown" : "Not in an export",
    };

    /// <summary>A class marking a policy the app rules report.</summary>
    public static string? PermittedUsersClass(AppSummary a) => a.AdminApprovedUsersOnly == false ? "bad" : null;

    public static string RefreshTokens(AppSummary a) => !a.Registered ? "Not in an export"
        : a.RefreshTokenValidity is { } period
            ? $"Valid {period.ToString(CultureInfo.InvariantCulture)} (in the unit set in Setup) from {(a.RefreshTokenValidityFromLastUse == true ? "last use" : "issue")}"
            : "Never expire";

    public static string? RefreshTokensClass(AppSummary a) => a.Registered && a.RefreshTokenValidity is null ? "bad" : null;

    public static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>The app's own page: by name, or by id when another app shares the name.</summary>
    public static string Key(AppSummary a, IReadOnlyList<AppSummary> all) =>
        a.SalesforceId is { } id && all.Count(o => string.Equals(o.Name, a.Name, StringComparison.OrdinalIgnoreCase)) > 1 ? id : a.Name;
}
