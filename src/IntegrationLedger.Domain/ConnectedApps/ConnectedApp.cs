using IntegrationLedger.Domain.Common;

namespace IntegrationLedger.Domain.ConnectedApps;

/// <summary>
/// What Salesforce's ConnectedApplication export says of an app's OAuth policy. Each value is null when the
/// export left it out. A refresh-token validity of null means tokens are valid until revoked (an empty
/// period) or that the export did not say; Salesforce does not export the period's unit.
/// </summary>
public sealed record ConnectedAppPolicy(
    bool? AdminApprovedUsersOnly,
    int? RefreshTokenValidity,
    bool? RefreshTokenValidityFromLastUse,
    bool? HighAssuranceSession,
    string? StartUrl)
{
    /// <summary>Any user may authorise the app for themselves (not admin-approved users only).</summary>
    public bool LetsUsersSelfAuthorize => AdminApprovedUsersOnly == false;

    /// <summary>Refresh tokens stay valid until revoked: no validity period is set.</summary>
    public bool RefreshTokensNeverExpire => RefreshTokenValidity is null;
}

/// <summary>
/// An OAuth client registered in Salesforce (a connected app), as the latest ConnectedApplication export
/// described it, and its vendor when named by hand. The integration it belongs to is the one whose
/// attribution rules claim it (its id, or its name), so its events and its OAuth tokens are attributed the
/// same way. Its policy's changes between exports are in the audit log; its changes in Salesforce's Setup
/// Audit Trail are events that name it.
/// </summary>
public sealed class ConnectedApp
{
    private ConnectedApp()
    {
        SalesforceId = null!;
        Name = null!;
    }

    public ConnectedApp(string salesforceId, string name, ConnectedAppPolicy policy, DateTime? createdInSalesforceAt, DateTime? modifiedInSalesforceAt, DateTime now)
    {
        Id = Guid.CreateVersion7(now);
        SalesforceId = Guard.Required(salesforceId, "A connected app's id");
        Name = Guard.Required(name, "A connected app's name");
        Apply(policy);
        CreatedInSalesforceAt = createdInSalesforceAt;
        ModifiedInSalesforceAt = modifiedInSalesforceAt;
        FirstImportedAt = Guard.Utc(now, nameof(now));
    }

    public Guid Id { get; private set; }

    /// <summary>The app's 18-character id (0H4...).</summary>
    public string SalesforceId { get; private set; }

    /// <summary>The app's name as Salesforce holds it: not unique, and OAuth tokens name their app by it.</summary>
    public string Name { get; private set; }

    public DateTime? CreatedInSalesforceAt { get; private set; }
    public DateTime? ModifiedInSalesforceAt { get; private set; }
    public bool? AdminApprovedUsersOnly { get; private set; }
    public int? RefreshTokenValidity { get; private set; }
    public bool? RefreshTokenValidityFromLastUse { get; private set; }
    public bool? HighAssuranceSession { get; private set; }
    public string? StartUrl { get; private set; }

    /// <summary>The vendor named by hand; null means the vendor of the app's integration.</summary>
    public string? Vendor { get; private set; }

    /// <summary>When the ledger first imported the app.</summary>
    public DateTime FirstImportedAt { get; private set; }

    public ConnectedAppPolicy Policy => new(AdminApprovedUsersOnly, RefreshTokenValidity, RefreshTokenValidityFromLastUse, HighAssuranceSession, StartUrl);

    /// <summary>Restates the app as a later export describes it; returns whether anything changed.</summary>
    public bool Restate(string name, ConnectedAppPolicy policy, DateTime? createdInSalesforceAt, DateTime? modifiedInSalesforceAt)
    {
        policy = policy with { StartUrl = Guard.Optional(policy.StartUrl) };
        var changed = Name != name || Policy != policy || CreatedInSalesforceAt != createdInSalesforceAt || ModifiedInSalesforceAt != modifiedInSalesforceAt;
        Name = Guard.Required(name, "A connected app's name");
        Apply(policy);
        CreatedInSalesforceAt = createdInSalesforceAt;
        ModifiedInSalesforceAt = modifiedInSalesforceAt;
        return changed;
    }

    /// <summary>Names the app's vendor (null: the vendor of its integration); returns whether it changed.</summary>
    public bool NameVendor(string? vendor)
    {
        vendor = Guard.Optional(vendor);
        var changed = Vendor != vendor;
        Vendor = vendor;
        return changed;
    }

    private void Apply(ConnectedAppPolicy policy)
    {
        if (policy.RefreshTokenValidity is < 0)
            throw new DomainException($"A refresh-token validity of {policy.RefreshTokenValidity} is not a period.");
        AdminApprovedUsersOnly = policy.AdminApprovedUsersOnly;
        RefreshTokenValidity = policy.RefreshTokenValidity;
        RefreshTokenValidityFromLastUse = policy.RefreshTokenValidityFromLastUse;
        HighAssuranceSession = policy.HighAssuranceSession;
        StartUrl = Guard.Optional(policy.StartUrl);
    }
}
