using IntegrationLedger.Application.Persistence;
using IntegrationLedger.Domain.Access;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Features.Access;

/// <summary>What an account's history of snapshots tells beyond its latest one: since when it holds a permission, what it held before.</summary>
public static class AccessHistory
{
    /// <summary>
    /// For each of <paramref name="accounts"/> and each permission of <paramref name="permissions"/> it holds at
    /// <paramref name="at"/>, the moment of the earliest snapshot of the unbroken run of snapshots that hold it:
    /// "since when". One query for all of them: the rules ask it of every over-privileged account at once.
    /// </summary>
    public static async Task<Dictionary<Guid, Dictionary<SalesforcePermissions, DateTime>>> HeldSinceAsync(LedgerDbContext db, IReadOnlyCollection<Guid> accounts,
        SalesforcePermissions permissions, DateTime at, CancellationToken cancellationToken)
    {
        var history = (await db.AccessSnapshots.AsNoTracking()
                .Where(s => accounts.Contains(s.AccountId) && s.Facet == AccessFacet.PermissionSets && s.AsOf <= at)
                .Select(s => new { s.AccountId, s.AsOf, s.Granted })
                .ToListAsync(cancellationToken))
            .ToLookup(s => s.AccountId);
        var since = new Dictionary<Guid, Dictionary<SalesforcePermissions, DateTime>>();
        foreach (var account in accounts)
        {
            var held = since[account] = [];
            var newestFirst = history[account].OrderByDescending(s => s.AsOf).ToList();
            foreach (var permission in PermissionFields.In(permissions).Select(p => p.Permission))
            {
                foreach (var snapshot in newestFirst)
                {
                    if ((snapshot.Granted & permission) == 0)
                        break;
                    held[permission] = snapshot.AsOf;
                }
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
