using IntegrationLedger.Domain.Users;

namespace IntegrationLedger.Web.Security;

/// <summary>Authorization policies, one per duty. Reading needs only a signed-in account (the fallback policy).</summary>
public static class Policies
{
    public const string ChangeInventory = nameof(ChangeInventory);
    public const string ManageAccounts = nameof(ManageAccounts);

    /// <summary>An owner attesting their own access-review items: a review duty, not an inventory change, so admins may too; auditors change nothing.</summary>
    public const string AttestOwnItems = nameof(AttestOwnItems);

    public static readonly string OfficerRole = UserRole.Officer.ToString();
    public static readonly string AdminRole = UserRole.Admin.ToString();
}
