using IntegrationLedger.Application.Features.Access;
using IntegrationLedger.Application.Persistence;
using IntegrationLedger.Domain.Access;
using IntegrationLedger.Domain.Reviews;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Features.Reviews;

/// <summary>
/// An integration account's access level as its owner sees it when attesting, read from the latest exports (not
/// as at the review's start: the owner decides on the access the account holds now). <see cref="Level"/> is the
/// line people read: "holds Modify All Data through permission set Orbit_BI_Full_Access; not API only; no MFA".
/// </summary>
/// <param name="Powerful">The powerful permissions it holds (and the MFA waiver), by label.</param>
/// <param name="GrantedThrough">The permission sets and profile that grant them, as people name them.</param>
/// <param name="AsOf">The moment of the latest export it is read from.</param>
public sealed record ReviewedAccess(
    string Username,
    string Level,
    IReadOnlyList<string> Powerful,
    IReadOnlyList<string> GrantedThrough,
    bool? ApiOnly,
    bool? StrongMfa,
    DateTime? AsOf)
{
    /// <summary>What the owner of an access-level item is asked.</summary>
    public const string Question = "Least privilege: keep, change or revoke?";

    /// <summary>The permissions an owner answers for: those no integration needs, and the waiver that lets a browser sign-in skip MFA.</summary>
    private const SalesforcePermissions Watched = PermissionFields.Powerful | SalesforcePermissions.BypassMfaForUiLogins;

    /// <summary>How the powerful permissions are taken away in Salesforce, one step per permission set or profile that grants them.</summary>
    public IReadOnlyList<string> StepsInSalesforce { get; init; } = [];

    public static ReviewedAccess Of(string username, AccountAccess access)
    {
        var held = PermissionFields.In(access.Granted & Watched).ToList();
        var grants = access.PermissionSets?.Grants.Where(g => (g.Granted & Watched) != 0).ToList() ?? [];
        var parts = new List<string>();
        if (access.IsActive == false)
            parts.Add("inactive");
        else if (access.IsFrozen == true)
            parts.Add("frozen");
        parts.Add(access.PermissionSets is null ? "permission sets not exported"
            : held.Count == 0 ? "holds no powerful permission"
            : "holds " + string.Join(", ", held.Select(p => $"{p.Label} through {string.Join(" and ", access.SourcesOf(p.Permission))}")));
        parts.Add(access.IsApiOnly switch { true => "API only", false => "not API only", null => "API only not known" });
        parts.Add(access.MfaMethods switch
        {
            null => "MFA not exported",
            MfaMethods.None => "no MFA",
            MfaMethods methods when MfaFields.IsStrong(methods) => $"MFA: {MfaFields.Describe(methods & MfaFields.Strong)}",
            MfaMethods methods => $"no strong MFA ({MfaFields.Describe(methods)})",
        });
        var snapshots = new[] { access.User, access.PermissionSets, access.Mfa, access.Login }.OfType<AccessSnapshot>().ToList();
        return new ReviewedAccess(username, string.Join("; ", parts), held.Select(p => p.Label).ToList(), grants.Select(g => g.DisplayName).ToList(),
            access.IsApiOnly, access.Mfa is null ? null : access.HasStrongMfa, snapshots.Count == 0 ? null : snapshots.Max(s => s.AsOf))
        {
            StepsInSalesforce = grants.Select(g => g.IsProfile
                ? $"give {username} a profile without {PermissionFields.Describe(g.Granted & Watched)} instead of {g.DisplayName}"
                : $"unassign {g.DisplayName} from {username}").ToList(),
        };
    }

    /// <summary>
    /// What the owner does in Salesforce after deciding, since the ledger only records the decision: it has no way
    /// to change Salesforce, and revokes no token for an access level (the account's integrations may well need it
    /// with less access; their tokens are attested in their own items). Null for keep, which asks nothing.
    /// </summary>
    public string? InSalesforce(ReviewDecision decision)
    {
        var steps = StepsInSalesforce.Count == 0 ? "" : $" ({string.Join("; ", StepsInSalesforce)})";
        const string Then = "then import fresh User and permission-set exports, so that the ledger sees the change";
        return decision switch
        {
            ReviewDecision.Change => $"The ledger does not change Salesforce: reduce {Username}'s access there{steps}; {Then}.",
            ReviewDecision.Revoke => $"The ledger does not change Salesforce and revoked no token. In Salesforce, take the access away{steps}, " +
                $"or deactivate or freeze {Username} if nothing needs it; {Then}.",
            _ => null,
        };
    }

    /// <summary>The access now of the accounts of <paramref name="items"/>' access-level items, by account id, read in one go.</summary>
    public static async Task<Dictionary<Guid, ReviewedAccess>> OfItemsAsync(LedgerDbContext db, DateTime now, IEnumerable<ReviewItem> items, CancellationToken cancellationToken)
    {
        var accountIds = items.Where(i => i.SubjectType == ReviewSubjects.AccountAccess).Select(i => i.SubjectId).Distinct().ToList();
        if (accountIds.Count == 0)
            return [];
        var access = await AccessQueries.AsOfAsync(db, now, accountIds, cancellationToken);
        var usernames = await db.Accounts.AsNoTracking().Where(a => accountIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Username, cancellationToken);
        var unknown = new AccountAccess(null, null, null, null);
        return usernames.ToDictionary(a => a.Key, a => Of(a.Value, access.GetValueOrDefault(a.Key) ?? unknown));
    }
}
