using IntegrationLedger.Application.Persistence;
using IntegrationLedger.Domain.Access;
using IntegrationLedger.Domain.Accounts;
using IntegrationLedger.Domain.People;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Features.Access;

/// <summary>
/// The ledger's Salesforce accounts by user id and by username, loaded once for a whole export, and the accounts
/// an export adds. A new account belongs to the person whose email its User row gives, when there is one.
/// </summary>
internal sealed class AccountDirectory
{
    private readonly LedgerDbContext _db;
    private readonly Dictionary<string, Account> _byUserId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Account> _byUsername = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Guid> _peopleByEmail;

    private AccountDirectory(LedgerDbContext db, List<Account> accounts, Dictionary<string, Guid> peopleByEmail)
    {
        _db = db;
        _peopleByEmail = peopleByEmail;
        foreach (var account in accounts)
        {
            _byUsername[account.Username] = account;
            if (account.PlatformUserId is { } id)
                _byUserId[id] = account;
        }
    }

    /// <param name="forUsers">A User export may add accounts and learn their ids, so its accounts are tracked; the other
    /// exports only look accounts up, and tracking tens of thousands of them would only slow their commit.</param>
    public static async Task<AccountDirectory> LoadAsync(LedgerDbContext db, bool forUsers, CancellationToken cancellationToken)
    {
        var salesforce = db.Accounts.Where(a => a.Platform == Account.Salesforce);
        var accounts = await (forUsers ? salesforce : salesforce.AsNoTracking()).ToListAsync(cancellationToken);
        var people = await db.People.AsNoTracking().Select(p => new { p.Email, p.Id }).ToDictionaryAsync(p => p.Email, p => p.Id, StringComparer.Ordinal, cancellationToken);
        return new AccountDirectory(db, accounts, people);
    }

    public Account? ById(string userId) => _byUserId.GetValueOrDefault(userId);

    /// <summary>The account of a User row: by its user id, else by its username (which learns the id), else null.</summary>
    public (Account? Account, string? Problem) Match(string userId, string? username)
    {
        if (_byUserId.TryGetValue(userId, out var byId))
        {
            return username is not null && byId.Username != username
                ? (null, $"user id {userId} is the account {byId.Username} in the ledger, not {username}; a username changed in Salesforce is not followed automatically")
                : (byId, null);
        }
        if (username is not null && _byUsername.TryGetValue(username, out var byName))
        {
            if (byName.PlatformUserId is { } other)
                return (null, $"{username} is recorded with user id {other}, not {userId}");
            byName.AssignPlatformUserId(userId);
            _byUserId[userId] = byName;
            return (byName, null);
        }
        return (null, null);
    }

    /// <summary>
    /// Adds an account an export shows and the ledger does not know. It is taken for an integration's when its
    /// username is not its email (a shared mailbox answers for it), when it has the Integration licence, or when
    /// its profile is an API-only one; a person's own login otherwise.
    /// </summary>
    public Account Add(string userId, string username, UserFacts facts, DateTime now)
    {
        var looksLikeIntegration = facts.Email is { } email && email != username
            || facts.Licence == AccountAccess.IntegrationLicence
            || facts.Profile?.Contains("API Only", StringComparison.OrdinalIgnoreCase) == true
            || facts.Profile?.Contains("Integration", StringComparison.OrdinalIgnoreCase) == true;
        var owner = facts.Email is { } ownerEmail && _peopleByEmail.TryGetValue(ownerEmail, out var personId) ? personId
            : _peopleByEmail.TryGetValue(username, out var samePerson) ? samePerson
            : (Guid?)null;
        var account = new Account(username, looksLikeIntegration ? AccountKind.Integration : AccountKind.Personal, owner, userId, now);
        _db.Accounts.Add(account);
        _byUserId[userId] = account;
        _byUsername[account.Username] = account;
        return account;
    }

    /// <summary>Every account with a user id: those a facet's export says nothing of are looked up here.</summary>
    public IEnumerable<Account> WithUserIds => _byUserId.Values;
}
