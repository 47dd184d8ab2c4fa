using IntegrationLedger.Application.Persistence;
using IntegrationLedger.Domain.Access;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Features.Access;

/// <summary>
/// The access level now of the accounts a person owns, or of those an integration uses: what the person's and the
/// integration's pages show of each in brief. Only those accounts' snapshots are read, not the whole ledger's.
/// </summary>
public sealed class ListAccountsOfHandler(Ledger ledger)
{
    public async Task<IReadOnlyList<AccountSummary>> OfPersonAsync(string email, CancellationToken cancellationToken = default)
    {
        var person = await ledger.Db.RequirePersonAsync(email, cancellationToken);
        var ids = await ledger.Db.Accounts.AsNoTracking().Where(a => a.OwnerId == person.Id).Select(a => a.Id).ToListAsync(cancellationToken);
        return await SummariesAsync(ids, await AccessQueries.UsersOfAccountsAsync(ledger.Db, cancellationToken), cancellationToken);
    }

    /// <summary>The accounts <see cref="AccessQueries.UsersOfAccountsAsync"/> finds the integration using: through a token or an attribution rule.</summary>
    public async Task<IReadOnlyList<AccountSummary>> OfIntegrationAsync(string name, CancellationToken cancellationToken = default)
    {
        var integration = await ledger.Db.RequireIntegrationAsync(name, cancellationToken);
        var users = await AccessQueries.UsersOfAccountsAsync(ledger.Db, cancellationToken);
        var ids = users.Where(u => u.Value.Any(i => i.IntegrationId == integration.Id)).Select(u => u.Key).ToList();
        return await SummariesAsync(ids, users, cancellationToken);
    }

    private async Task<IReadOnlyList<AccountSummary>> SummariesAsync(List<Guid> ids, Dictionary<Guid, List<AccountUser>> users, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
            return [];
        var db = ledger.Db;
        var now = ledger.Now;
        var accounts = await db.Accounts.AsNoTracking().Where(a => ids.Contains(a.Id)).ToListAsync(cancellationToken);
        var access = await AccessQueries.AsOfAsync(db, now, ids, cancellationToken);
        var ownerIds = accounts.Select(a => a.OwnerId).OfType<Guid>().Distinct().ToList();
        var owners = await db.People.AsNoTracking().Where(p => ownerIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);
        var unknown = new AccountAccess(null, null, null, null);
        return accounts
            .Select(a => new AccountFacts(a, access.GetValueOrDefault(a.Id) ?? unknown, users.GetValueOrDefault(a.Id) ?? [],
                a.OwnerId is { } owner ? owners.GetValueOrDefault(owner) : null))
            .OrderBy(a => a.Account.Username, StringComparer.Ordinal)
            .Select(a => AccountSummary.Of(a, now))
            .ToList();
    }
}
