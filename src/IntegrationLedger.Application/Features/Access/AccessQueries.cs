using IntegrationLedger.Application.Persistence;
using IntegrationLedger.Domain.Access;
using IntegrationLedger.Domain.Accounts;
using IntegrationLedger.Domain.Integrations;
using IntegrationLedger.Domain.Tokens;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Features.Access;

/// <summary>An integration that uses an account, and how the ledger knows: a token on the account, or an attribution rule naming it.</summary>
public sealed record AccountUser(Guid IntegrationId, string Integration, string Through);

/// <summary>Reads access as of a moment, and which integrations use which accounts, for the rules, lists and the workbook alike.</summary>
public static class AccessQueries
{
    /// <summary>
    /// Each account's access at <paramref name="at"/>: the latest snapshot of each facet at or before it. Accounts
    /// no export has described are left out. <paramref name="accountIds"/> narrows it to some accounts.
    /// </summary>
    public static async Task<Dictionary<Guid, AccountAccess>> AsOfAsync(LedgerDbContext db, DateTime at, IReadOnlyCollection<Guid>? accountIds, CancellationToken cancellationToken)
    {
        List<AccessSnapshot> rows;
        if (accountIds is null)
        {
            rows = await AccessSnapshotReader.LatestAsync(db, at, cancellationToken);
        }
        else
        {
            rows = await db.AccessSnapshots.AsNoTracking()
                .Where(s => accountIds.Contains(s.AccountId) && s.AsOf <= at
                    && !db.AccessSnapshots.Any(t => t.AccountId == s.AccountId && t.Facet == s.Facet && t.AsOf > s.AsOf && t.AsOf <= at))
                .ToListAsync(cancellationToken);
        }
        return rows.GroupBy(s => s.AccountId).ToDictionary(g => g.Key, g => AccountAccess.Of(g));
    }

    /// <summary>Every snapshot of one account, oldest first: its history.</summary>
    public static Task<List<AccessSnapshot>> HistoryAsync(LedgerDbContext db, Guid accountId, CancellationToken cancellationToken) =>
        db.AccessSnapshots.AsNoTracking().Where(s => s.AccountId == accountId).OrderBy(s => s.AsOf).ThenBy(s => s.Facet).ToListAsync(cancellationToken);

    /// <summary>
    /// The integrations that use each account: through a token on the account that an integration uses (not ended),
    /// or through an attribution rule that recognises the integration's activity by the account's username.
    /// </summary>
    public static async Task<Dictionary<Guid, List<AccountUser>>> UsersOfAccountsAsync(LedgerDbContext db, CancellationToken cancellationToken)
    {
        var byToken = await (
            from usage in db.TokenUsages.AsNoTracking()
            where usage.Status != TokenUsageStatus.Ended
            join token in db.Tokens on usage.TokenId equals token.Id
            where token.AccountId != null && token.Status != TokenStatus.Revoked
            join integration in db.Integrations on usage.IntegrationId equals integration.Id
            select new { AccountId = token.AccountId!.Value, IntegrationId = integration.Id, integration.Name, token.Label }).ToListAsync(cancellationToken);
        var byRule = await (
            from integration in db.Integrations.AsNoTracking()
            from rule in integration.AttributionRules
            where rule.Kind == AttributionRuleKind.Account
            select new { integration.Id, integration.Name, rule.Value }).ToListAsync(cancellationToken);
        // Only the accounts the rules name: a ledger of every user in the org holds tens of thousands.
        var named = byRule.Select(r => Account.NormalizeUsername(r.Value)).Distinct().ToList();
        var accounts = await db.Accounts.AsNoTracking().Where(a => named.Contains(a.Username))
            .Select(a => new { a.Id, a.Username }).ToDictionaryAsync(a => a.Username, a => a.Id, StringComparer.Ordinal, cancellationToken);

        var users = new Dictionary<Guid, List<AccountUser>>();
        void Add(Guid account, AccountUser user)
        {
            if (!users.TryGetValue(account, out var list))
                users[account] = list = [];
            if (!list.Any(u => u.IntegrationId == user.IntegrationId))
                list.Add(user);
        }
        foreach (var t in byToken)
            Add(t.AccountId, new AccountUser(t.IntegrationId, t.Name, $"token {t.Label}"));
        foreach (var r in byRule)
        {
            if (accounts.TryGetValue(Account.NormalizeUsername(r.Value), out var accountId))
                Add(accountId, new AccountUser(r.Id, r.Name, "attribution rule"));
        }
        foreach (var list in users.Values)
            list.Sort((a, b) => string.CompareOrdinal(a.Integration, b.Integration));
        return users;
    }

    /// <summary>An account is an integration's when it is kept for software, or when an integration uses it.</summary>
    public static bool IsIntegrationAccount(Account account, IReadOnlyDictionary<Guid, List<AccountUser>> users) =>
        account.Kind == AccountKind.Integration || users.ContainsKey(account.Id);
}
