namespace IntegrationLedger.Application.Features.ConnectedApps;

/// <summary>A connected app as a listing shows it (and <c>--json</c> writes it).</summary>
/// <param name="Registered">Whether a ConnectedApplication export lists it; false for an app only tokens or activity named.</param>
/// <param name="RefreshTokenValidity">The period in the unit Setup names; null: until revoked, or unknown for an unregistered app.</param>
public sealed record AppSummary(
    string Name,
    string? SalesforceId,
    bool Registered,
    string? Integration,
    string? Vendor,
    bool? AdminApprovedUsersOnly,
    int? RefreshTokenValidity,
    bool? RefreshTokenValidityFromLastUse,
    bool? HighAssuranceSession,
    string? StartUrl,
    DateTime? CreatedInSalesforceAt,
    DateTime? ModifiedInSalesforceAt,
    int Users,
    int Tokens,
    long Events,
    DateTime? LastUsedAt)
{
    public static AppSummary From(AppEntry e) => new(
        e.Name, e.SalesforceId, e.IsRegistered, e.Integration?.Name, e.Vendor,
        e.App?.AdminApprovedUsersOnly, e.App?.RefreshTokenValidity, e.App?.RefreshTokenValidityFromLastUse, e.App?.HighAssuranceSession, e.App?.StartUrl,
        e.App?.CreatedInSalesforceAt, e.App?.ModifiedInSalesforceAt, e.Holders.Count, e.TokenCount, e.Activity.Events, e.LastUsedAt);
}

/// <summary>Every connected app the ledger knows (from the exports, and from the tokens and activity that name one), or a vendor's.</summary>
public sealed class ListConnectedAppsHandler(Ledger ledger)
{
    public async Task<IReadOnlyList<AppSummary>> HandleAsync(string? vendor = null, CancellationToken cancellationToken = default)
    {
        var register = await ConnectedAppRegister.LoadAsync(ledger.Db, cancellationToken);
        return register.Where(e => vendor is null || string.Equals(e.Vendor, vendor.Trim(), StringComparison.OrdinalIgnoreCase))
            .Select(AppSummary.From).ToList();
    }
}
