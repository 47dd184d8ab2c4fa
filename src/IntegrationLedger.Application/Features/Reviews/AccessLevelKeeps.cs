using IntegrationLedger.Application.Persistence;
using IntegrationLedger.Domain.Access;
using IntegrationLedger.Domain.Reviews;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Features.Reviews;

/// <summary>The latest access review that kept an account's access level: when its owner attested keep, and in which quarter's review.</summary>
public sealed record AccessLevelKeep(DateTime KeptAt, string Quarter);

/// <summary>
/// Which accounts' access levels an access review has confirmed, read in one query for all accounts (the rules
/// run over every account). Only "keep" confirms: "change" and "revoke" say the access is wrong as it stands.
/// </summary>
public static class AccessLevelKeeps
{
    public static async Task<Dictionary<Guid, AccessLevelKeep>> LoadAsync(LedgerDbContext db, CancellationToken cancellationToken)
    {
        var kept = await (
            from review in db.AccessReviews.AsNoTracking()
            from item in review.Items
            where item.SubjectType == ReviewSubjects.AccountAccess && item.Decision == ReviewDecision.Keep && item.DecidedAt != null
            select new { item.SubjectId, DecidedAt = item.DecidedAt!.Value, review.Quarter }).ToListAsync(cancellationToken);
        return kept.GroupBy(k => k.SubjectId).ToDictionary(g => g.Key, g =>
        {
            var latest = g.MaxBy(k => k.DecidedAt)!;
            return new AccessLevelKeep(latest.DecidedAt, latest.Quarter);
        });
    }

    /// <summary>
    /// The permission-set snapshot the owner saw when keeping the access level: the latest (by the export's moment)
    /// of those imported before the attestation. Null when none had been imported.
    /// </summary>
    public static Task<AccessSnapshot?> PermissionSetsKeptAsync(LedgerDbContext db, Guid accountId, DateTime keptAt, CancellationToken cancellationToken) =>
        (from snapshot in db.AccessSnapshots.AsNoTracking()
         where snapshot.AccountId == accountId && snapshot.Facet == AccessFacet.PermissionSets
         join batch in db.ImportBatches on snapshot.BatchId equals batch.Id
         where batch.ImportedAt < keptAt
         orderby snapshot.AsOf descending
         select snapshot).FirstOrDefaultAsync(cancellationToken);
}
