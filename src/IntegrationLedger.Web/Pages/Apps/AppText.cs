using System.Globalization;
using IntegrationLedger.Application.Features.ConnectedApps;

namespace IntegrationLedger.Web.Pages.Apps;

/// <summary>How the web words a connected app's policy, in the list, on its page and on its vendor's page alike.</summary>
public static class AppText
{
    public static string PermittedUsers(AppSummary a) => Sentence(AppWording.PermittedUsers(a.AdminApprovedUsersOnly, a.Registered));

    /// <summary>A class marking a policy the app rules report.</summary>
    public static string? PermittedUsersClass(AppSummary a) => a.AdminApprovedUsersOnly == false ? "bad" : null;

    public static string RefreshTokens(AppSummary a) => Sentence(AppWording.RefreshTokens(a.RefreshTokenValidity, a.RefreshTokenValidityFromLastUse, a.Registered));

    public static string? RefreshTokensClass(AppSummary a) => a.Registered && a.RefreshTokenValidity is null ? "bad" : null;

    /// <summary>The wording the command line shares, begun with a capital as a cell on its own reads.</summary>
    private static string Sentence(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    public static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>The app's own page: by name, or by id when another app shares the name.</summary>
    public static string Key(AppSummary a, IReadOnlyList<AppSummary> all) =>
        a.SalesforceId is { } id && all.Count(o => string.Equals(o.Name, a.Name, StringComparison.OrdinalIgnoreCase)) > 1 ? id : a.Name;
}
