using IntegrationLedger.Application.Persistence;
using IntegrationLedger.Domain.Integrations;
using IntegrationLedger.Domain.People;
using IntegrationLedger.Domain.Tokens;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Features.Importing.Inventory;

/// <summary>
/// Finds entities by their natural keys, including those added by earlier rows of the same file and not
/// yet saved: a file may add a person on one line and name them as an owner on the next.
/// </summary>
internal static class PendingLookups
{
    public static async Task<Person?> PersonAsync(this LedgerDbContext db, string email, CancellationToken cancellationToken)
    {
        var normalized = Person.NormalizeEmail(email);
        return db.People.Local.FirstOrDefault(p => p.Email == normalized)
            ?? await db.People.FirstOrDefaultAsync(p => p.Email == normalized, cancellationToken);
    }

    public static async Task<Integration?> IntegrationAsync(this LedgerDbContext db, string name, CancellationToken cancellationToken)
    {
        var trimmed = name.Trim();
        return db.Integrations.Local.FirstOrDefault(i => i.Name == trimmed)
            ?? await db.Integrations.Include(i => i.AttributionRules).Include(i => i.AllowedNetworks).Include(i => i.VettingRecords)
                .AsSplitQuery().FirstOrDefaultAsync(i => i.Name == trimmed, cancellationToken);
    }

    public static async Task<Token?> TokenAsync(this LedgerDbContext db, string label, CancellationToken cancellationToken)
    {
        var trimmed = label.Trim();
        return db.Tokens.Local.FirstOrDefault(t => t.Label == trimmed)
            ?? await db.Tokens.Include(t => t.Usages).FirstOrDefaultAsync(t => t.Label == trimmed, cancellationToken);
    }
}
