using IntegrationLedger.Application.Features.ConnectedApps;
using IntegrationLedger.Application.Features.Reporting.Workbook;
using IntegrationLedger.Application.Persistence.Auditing;

namespace IntegrationLedger.Application.Features.Reporting.Sheets;

/// <summary>
/// A connected app as it stood at the end of the period (the Connected apps sheet): its policy replayed from the
/// audit log, its OAuth token holders from the OauthToken snapshots taken before the end, and the integration
/// whose attribution rules claim it. Apps that lets any user authorise them are marked, and those whose refresh
/// tokens never expire.
/// </summary>
internal sealed record ConnectedAppRow(
    string Name, string? Id, string? Integration, string? Vendor, bool InExport, bool? AdminApprovedUsersOnly, int? RefreshTokenValidity,
    bool? FromLastUse, bool? HighAssuranceSession, int Users, int Tokens, DateTime? LastUsed)
{
    public static SheetLayout<ConnectedAppRow> Layout { get; } = new("Connected apps", "ConnectedApps",
    [
        new("App", r => r.Name), new("Id", r => r.Id), new("Integration", r => r.Integration ?? "(none claims it)"), new("Vendor", r => r.Vendor),
        new("In a ConnectedApplication export", r => r.InExport),
        new("Permitted users", r => AppWording.PermittedUsers(r.AdminApprovedUsersOnly, r.InExport)),
        new("Refresh tokens", r => AppWording.RefreshTokens(r.RefreshTokenValidity, r.FromLastUse, r.InExport)),
        new("High-assurance session", r => r.HighAssuranceSession),
        new("Users holding OAuth tokens", r => r.Users), new("OAuth tokens", r => r.Tokens), new("Last used", r => r.LastUsed),
    ], r => r.AdminApprovedUsersOnly == false ? RowMark.Alert : r.InExport && r.RefreshTokenValidity is null ? RowMark.Warning : RowMark.None);

    /// <param name="policies">The ConnectedApp rows of the replay at the end, by Salesforce id.</param>
    public static ConnectedAppRow From(AppEntry entry, IReadOnlyDictionary<string, ReplayedRow> policies)
    {
        var policy = entry.SalesforceId is { } id ? policies.GetValueOrDefault(id) : null;
        return new ConnectedAppRow(policy?.Text("Name") ?? entry.Name, entry.SalesforceId, entry.Integration?.Name, policy?.Text("Vendor") ?? entry.Vendor, policy is not null,
            policy?.Flag("AdminApprovedUsersOnly"), policy?.Number("RefreshTokenValidity"), policy?.Flag("RefreshTokenValidityFromLastUse"), policy?.Flag("HighAssuranceSession"),
            entry.Holders.Count, entry.TokenCount, entry.Holders.Max(h => h.LastUsedAt));
    }
}
