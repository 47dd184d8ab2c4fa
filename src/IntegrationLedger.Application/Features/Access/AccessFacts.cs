using IntegrationLedger.Application.Persistence;
using IntegrationLedger.Domain.Access;
using IntegrationLedger.Domain.Accounts;
using IntegrationLedger.Domain.People;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Features.Access;

/// <summary>One account with its access at a moment, the integrations that use it and its owner.</summary>
public sealed record AccountFacts(Account Account, AccountAccess Access, IReadOnlyList<AccountUser> UsedBy, Person? Owner)
{
    public bool IsIntegrationAccount => Account.Kind == AccountKind.Integration || UsedBy.Count > 0;

    /// <summary>"etl.bot@example.com (Orbit BI Extract)": the account and the integrations that use it.</summary>
    public string Named => UsedBy.Count == 0 ? Account.Username : $"{Account.Username} ({string.Join(", ", UsedBy.Select(u => u.Integration))})";
}

/// <summary>
/// Every account with what the ledger knows of its access at a moment, loaded once for all the access rules of a
/// run (each would otherwise read the same snapshots again).
/// </summary>
public sealed class AccessFacts
{
    private AccessFacts(IReadOnlyList<AccountFacts> accounts) => Accounts = accounts;

    public IReadOnlyList<AccountFacts> Accounts { get; }

    public static async Task<AccessFacts> LoadAsync(LedgerDbContext db, DateTime at, CancellationToken cancellationToken)
    {
        // Outside a transaction the snapshots are read on connections of their own (AccessSnapshotReader) while the
        // rest is read here; inside one they share the context's connection, so one waits for the other.
        var reading = AccessQueries.AsOfAsync(db, at, null, cancellationToken);
        if (db.Database.CurrentTransaction is not null)
            await reading;
        var users = await AccessQueries.UsersOfAccountsAsync(db, cancellationToken);
        var accounts = await db.Accounts.AsNoTracking().ToListAsync(cancellationToken);
        var people = await db.People.AsNoTracking().ToDictionaryAsync(p => p.Id, cancellationToken);
        var access = await reading;
        var empty = new AccountAccess(null, null, null, null);
        return new AccessFacts(accounts
            .Select(a => new AccountFacts(a, access.GetValueOrDefault(a.Id) ?? empty, users.GetValueOrDefault(a.Id) ?? [],
                a.OwnerId is { } owner ? people.GetValueOrDefault(owner) : null))
            .OrderBy(a => a.Account.Username, StringComparer.Ordinal)
            .ToList());
    }
}
