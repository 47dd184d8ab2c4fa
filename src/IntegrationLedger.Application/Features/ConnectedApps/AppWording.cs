using System.Globalization;

namespace IntegrationLedger.Application.Features.ConnectedApps;

/// <summary>How findings, listings and pages word an app's holders and use, in one place.</summary>
public static class AppWording
{
    /// <summary>"3 users hold 4 OAuth tokens, last used 2026-11-28" (or "no OAuth token is known").</summary>
    public static string Holders(AppEntry entry)
    {
        if (entry.Holders.Count == 0)
            return "no OAuth token of it is known";
        var users = entry.Holders.Count == 1 ? $"1 user ({Who(entry.Holders[0])}) holds" : $"{entry.Holders.Count} users hold";
        var tokens = entry.TokenCount == 1 ? "1 OAuth token" : $"{entry.TokenCount.ToString("N0", CultureInfo.InvariantCulture)} OAuth tokens";
        var used = entry.Holders.Max(h => h.LastUsedAt) is { } last ? $", last used {last:yyyy-MM-dd}" : ", never used";
        return $"{users} {tokens}{used}";
    }

    /// <summary>"14 API events from 2 users, 2026-09-03 to 2026-11-28" (or null when none named the app).</summary>
    public static string? Activity(AppEntry entry) => entry.Activity switch
    {
        { Events: 0 } => null,
        var a => $"{a.Events.ToString("N0", CultureInfo.InvariantCulture)} event{(a.Events == 1 ? "" : "s")} named it" +
            $" ({a.Users} user{(a.Users == 1 ? "" : "s")}, {a.FirstAt:yyyy-MM-dd} to {a.LastAt:yyyy-MM-dd})",
    };

    /// <summary>The app's subject key in findings: its name, with its id when another app shares the name.</summary>
    public static string Subject(AppEntry entry, IReadOnlyList<AppEntry> register) =>
        register.Count(e => string.Equals(e.Name.Trim(), entry.Name.Trim(), StringComparison.OrdinalIgnoreCase)) > 1 && entry.SalesforceId is not null
            ? $"{entry.Name} ({entry.SalesforceId})"
            : entry.Name;

    public static string Who(AppHolder holder) => holder.Username ?? holder.UserId ?? "an unknown user";

    /// <summary>"admin-approved only" or "any user may self-authorise"; "not in an export" for an app no export listed.</summary>
    public static string PermittedUsers(bool? adminApprovedOnly, bool inExport) => adminApprovedOnly switch
    {
        true => "admin-approved only",
        false => "any user may self-authorise",
        null => inExport ? "unknown" : NotInAnExport,
    };

    /// <summary>"90 from last use (in the unit set in Setup)", the export leaving the unit out, or "never expire".</summary>
    public static string RefreshTokens(int? validity, bool? fromLastUse, bool inExport) => !inExport ? NotInAnExport
        : validity is { } period
            ? $"{period.ToString(CultureInfo.InvariantCulture)} from {(fromLastUse == true ? "last use" : "issue")} (in the unit set in Setup)"
            : "never expire";

    public const string NotInAnExport = "not in an export";
}
