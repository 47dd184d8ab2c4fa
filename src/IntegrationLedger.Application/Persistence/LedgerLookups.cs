using IntegrationLedger.Application.Common;
using IntegrationLedger.Domain.Accounts;
using IntegrationLedger.Domain.Integrations;
using IntegrationLedger.Domain.People;
using IntegrationLedger.Domain.Tokens;
using IntegrationLedger.Domain.Users;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Persistence;

/// <summary>Finds entities by the names people use for them, with one wording for "not there".</summary>
public static class LedgerLookups
{
    public static async Task<Person> RequirePersonAsync(this LedgerDbContext db, string email, CancellationToken cancellationToken)
    {
        var normalized = Person.NormalizeEmail(email);
        return await db.People.SingleOrDefaultAsync(p => p.Email == normalized, cancellationToken)
            ?? throw new NotFoundException($"No person with email '{email}' is in the ledger.");
    }

    public static async Task<LedgerUser> RequireUserAsync(this LedgerDbContext db, string email, CancellationToken cancellationToken)
    {
        var normalized = Person.NormalizeEmail(email);
        return await db.Users.SingleOrDefaultAsync(u => u.Email == normalized, cancellationToken)
            ?? throw new NotFoundException($"No account '{normalized}' exists.");
    }

    public static async Task<Token> RequireTokenAsync(this LedgerDbContext db, string label, CancellationToken cancellationToken)
    {
        var trimmed = label.Trim();
        return await db.Tokens.Include(t => t.Usages).SingleOrDefaultAsync(t => t.Label == trimmed, cancellationToken)
            ?? throw new NotFoundException($"No token labelled '{label}' is in the ledger.");
    }

    public static async Task<Integration> RequireIntegrationAsync(this LedgerDbContext db, string name, CancellationToken cancellationToken)
    {
        var trimmed = name.Trim();
        return await db.Integrations
            .Include(i => i.AttributionRules)
            .Include(i => i.AllowedNetworks)
            .Include(i => i.VettingRecords)
            .AsSplitQuery()
            .SingleOrDefaultAsync(i => i.Name == trimmed, cancellationToken)
            ?? throw new NotFoundException($"No integration named '{name}' is in the ledger.");
    }

    public static Task<Account?> FindAccountAsync(this LedgerDbContext db, string username, CancellationToken cancellationToken)
    {
        var normalized = Account.NormalizeUsername(username);
        return db.Accounts.SingleOrDefaultAsync(a => a.Platform == Account.Salesforce && a.Username == normalized, cancellationToken);
    }

    /// <summary>Display names for a set of people, for listings that show owners.</summary>
    public static async Task<Dictionary<Guid, Person>> PeopleByIdAsync(this LedgerDbContext db, IEnumerable<Guid?> ids, CancellationToken cancellationToken)
    {
        var wanted = ids.OfType<Guid>().Distinct().ToList();
        return await db.People.AsNoTracking().Where(p => wanted.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);
    }
}
