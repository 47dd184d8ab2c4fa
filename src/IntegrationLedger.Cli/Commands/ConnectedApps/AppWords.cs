using System.Globalization;
using IntegrationLedger.Application.Features.ConnectedApps;

namespace IntegrationLedger.Cli.Commands.ConnectedApps;

/// <summary>How the command line words an app's policy, in the list and on its own page alike.</summary>
internal static class AppWords
{
    public static string PermittedUsers(AppSummary a) => a.AdminApprovedUsersOnly switch
    {
        true => "admin-approved only",
        false => "any user may self-authorise",
        null => a.Registered ? "unknown" : "",
    };

    /// <summary>"90 from last use" (in the unit Setup names, which the export leaves out), or "never expire".</summary>
    public static string RefreshTokens(AppSummary a) => !a.Registered ? ""
        : a.RefreshTokenValidity is { } period
            ? $"{period.ToString(CultureInfo.InvariantCulture)} from {(a.RefreshTokenValidityFromLastUse == true ? "last use" : "issue")}"
            : "never expire";
}
