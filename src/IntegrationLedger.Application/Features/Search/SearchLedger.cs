using IntegrationLedger.Application.Common.Lists;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Features.Search;

/// <summary>The header's search: tokens, integrations, people and platform accounts whose name, label or email holds the text.</summary>
public sealed record SearchLedger(string Text)
{
    /// <summary>How many of each kind the results show; the rest are a link to the filtered list away.</summary>
    public const int ShownPerKind = 20;
}

/// <summary>One thing found: what to show, a second line (the owner, the email), and the key its page is found by.</summary>
public sealed record SearchHit(string Key, string? Detail);

/// <summary>The first <see cref="SearchLedger.ShownPerKind"/> of each kind, those starting with the text first, and how many there are in all.</summary>
public sealed record SearchGroup(IReadOnlyList<SearchHit> Hits, int Total);

public sealed record SearchResults(string Text, SearchGroup Tokens, SearchGroup Integrations, SearchGroup People, SearchGroup Accounts)
{
    public int Total => Tokens.Total + Integrations.Total + People.Total + Accounts.Total;
}

/// <summary>
/// Case-insensitive (for ASCII letters, as SQLite's LIKE), matching anywhere in the name; names that start
/// with the text come first, then alphabetical. Each kind is one bounded query and one count.
/// </summary>
public sealed class SearchLedgerHandler(Ledger ledger)
{
    public async Task<SearchResults> HandleAsync(SearchLedger request, CancellationToken cancellationToken = default)
    {
        var text = new ListQuery(request.Text).Search;
        if (text is null)
            return new SearchResults("", Empty, Empty, Empty, Empty);
        var anywhere = ListQueries.Containing(text);
        var first = ListQueries.StartingWith(text);
        var escape = ListQueries.LikeEscape;
        var db = ledger.Db;

        var tokens = await GroupAsync(
            from t in db.Tokens.AsNoTracking()
            join owner in db.People on t.OwnerId equals owner.Id
            where EF.Functions.Like(t.Label, anywhere, escape)
            select new Candidate { Key = t.Label, Detail = owner.Email, StartsWithText = EF.Functions.Like(t.Label, first, escape) }, cancellationToken);
        var integrations = await GroupAsync(
            from i in db.Integrations.AsNoTracking()
            where EF.Functions.Like(i.Name, anywhere, escape)
            select new Candidate { Key = i.Name, Detail = i.Vendor, StartsWithText = EF.Functions.Like(i.Name, first, escape) }, cancellationToken);
        var people = await GroupAsync(
            from p in db.People.AsNoTracking()
            where EF.Functions.Like(p.Name, anywhere, escape) || EF.Functions.Like(p.Email, anywhere, escape)
            select new Candidate { Key = p.Email, Detail = p.Name, StartsWithText = EF.Functions.Like(p.Email, first, escape) || EF.Functions.Like(p.Name, first, escape) }, cancellationToken);
        var accounts = await GroupAsync(
            from a in db.Accounts.AsNoTracking()
            from owner in db.People.Where(p => p.Id == a.OwnerId).DefaultIfEmpty()
            where EF.Functions.Like(a.Username, anywhere, escape)
            select new Candidate { Key = a.Username, Detail = owner == null ? "no owner" : owner.Email, StartsWithText = EF.Functions.Like(a.Username, first, escape) }, cancellationToken);
        return new SearchResults(text, tokens, integrations, people, accounts);
    }

    private static readonly SearchGroup Empty = new([], 0);

    private static async Task<SearchGroup> GroupAsync(IQueryable<Candidate> found, CancellationToken cancellationToken)
    {
        var total = await found.CountAsync(cancellationToken);
        var hits = await found.OrderByDescending(c => c.StartsWithText).ThenBy(c => c.Key).Take(SearchLedger.ShownPerKind)
            .Select(c => new SearchHit(c.Key, c.Detail)).ToListAsync(cancellationToken);
        return new SearchGroup(hits, total);
    }

    /// <summary>Members set by name (not a constructor), so EF Core can still order by them after the projection.</summary>
    private sealed class Candidate
    {
        public required string Key { get; init; }
        public string? Detail { get; init; }
        public bool StartsWithText { get; init; }
    }
}
