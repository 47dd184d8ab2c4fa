using IntegrationLedger.Application.Persistence;
using IntegrationLedger.Domain.Access;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Features.Access;

/// <summary>What an account's history of snapshots tells beyond its latest one: since when it holds a permission, what it held before.</summary>
public static class AccessHistory
{
    /// <summary>
    /// For each permission of <paramref name="permissions"/> the account holds at <paramref name="at"/>, the moment of the
    /// earliest snapshot of the unbroken run of snapshots that hold it: "since when".
    /// </summary>
    public static async Task<Dictionary<SalesforcePermissions, DateTime>> HeldSinceAsync(LedgerDbContext db, Guid accountId, SalesforcePermissions permissions, DateTime at, CancellationToken cancellationToken)
    {
        var history = await db.AccessSnapshots.AsNoTracking()
            .Where(s => s.AccountId == accountId && s.Facet == AccessFacet.PermissionSets && s.AsOf <= at)
            .OrderByDescending(s => s.AsOf)
            .Select(s => new { s.AsOf, s.Granted })
            .ToListAsync(cancellationToken);
        var since = new Dictionary<SalesforcePermissions, DateTime>();
        foreach (var permission in PermissionFields.In(permissions).Select(p => p.Permission))
        {
            foreach (var snapshot in history)
            {
                if ((snapshot.Granted & permission) == 0)
                    break;
                since[permission] = snapshot.AsOf;
            }
        }
        return since;
    }

    /// <summary>The snapshot of the same facet just before this one, or null for the first.</summary>
    public static Task<AccessSnapshot?> PreviousAsync(LedgerDbContext db, AccessSnapshot snapshot, CancellationToken cancellationToken) =>
        db.AccessSnapshots.AsNoTracking()
            .Where(s => s.AccountId == snapshot.AccountId && s.Facet == snapshot.Facet && s.AsOf < snapshot.AsOf)
            .OrderByDescending(s => s.AsOf)
            .FirstOrDefaultAsync(cancellationToken);
}
