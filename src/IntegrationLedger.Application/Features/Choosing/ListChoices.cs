using IntegrationLedger.Domain.People;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Features.Choosing;

/// <summary>What a form's field may name, offered as type-ahead choices.</summary>
public enum ChoiceList
{
    /// <summary>People who have not departed: the only ones who can take something over.</summary>
    People,
    Integrations,
    Accounts,
}

/// <summary>One choice: the value the field takes, and a hint shown beside it (a person's name, a vendor).</summary>
public sealed record Choice(string Value, string? Hint);

/// <summary>
/// The choices of a list, in order, at most <see cref="Limit"/> of them: the field still takes any value
/// typed, so a ledger larger than that loses the type-ahead for the rest, never the page's size.
/// </summary>
public sealed class ListChoicesHandler(Ledger ledger)
{
    /// <summary>About 60 bytes of markup each: a page carries at most some 120 KB of choices per list.</summary>
    public const int Limit = 2000;

    public async Task<IReadOnlyList<Choice>> HandleAsync(ChoiceList list, CancellationToken cancellationToken = default)
    {
        var db = ledger.Db;
        IQueryable<Choice> query = list switch
        {
            ChoiceList.People => db.People.AsNoTracking().Where(p => p.Status == PersonStatus.Active).OrderBy(p => p.Email).Select(p => new Choice(p.Email, p.Name)),
            ChoiceList.Integrations => db.Integrations.AsNoTracking().OrderBy(i => i.Name).Select(i => new Choice(i.Name, i.Vendor)),
            ChoiceList.Accounts => db.Accounts.AsNoTracking().OrderBy(a => a.Username).Select(a => new Choice(a.Username, null)),
            _ => throw new ArgumentOutOfRangeException(nameof(list), list, null),
        };
        return await query.Take(Limit).ToListAsync(cancellationToken);
    }
}
