using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Common.Lists;

/// <summary>Counting and paging done by the database: a page of 25 never loads the other 8,694 rows.</summary>
public static class ListQueries
{
    /// <summary>
    /// The page asked for, of a query already filtered, and the total it is a page of. A page past the end
    /// (the list shrank since the link was made) shows the last one instead.
    /// </summary>
    public static async Task<ListPage<T>> PageAsync<T>(this IQueryable<T> filtered, SortColumns<T> columns, ListQuery list, CancellationToken cancellationToken)
    {
        var total = await filtered.CountAsync(cancellationToken);
        var lastPage = Math.Max(1, (total + list.PageSize - 1) / list.PageSize);
        var page = Math.Min(list.Page, lastPage);
        var items = await columns.Apply(filtered, list).Skip((page - 1) * list.PageSize).Take(list.PageSize).ToListAsync(cancellationToken);
        return new ListPage<T>(items, total, page, list.PageSize, columns.KeyFor(list), list.Descending);
    }

    /// <summary>
    /// As <see cref="PageAsync{T}"/>, with the rows of the page made into what the page shows by the database
    /// (names joined in) only after the page is cut: the count and the order never pay for the joins.
    /// </summary>
    public static async Task<ListPage<TRow>> PageAsync<T, TRow>(this IQueryable<T> filtered, SortColumns<T> columns, ListQuery list,
        Func<IQueryable<T>, IQueryable<TRow>> project, CancellationToken cancellationToken)
    {
        var total = await filtered.CountAsync(cancellationToken);
        var lastPage = Math.Max(1, (total + list.PageSize - 1) / list.PageSize);
        var page = Math.Min(list.Page, lastPage);
        var items = await project(columns.Apply(filtered, list).Skip((page - 1) * list.PageSize).Take(list.PageSize)).ToListAsync(cancellationToken);
        return new ListPage<TRow>(items, total, page, list.PageSize, columns.KeyFor(list), list.Descending);
    }

    /// <summary>
    /// A LIKE pattern that finds <paramref name="text"/> anywhere, its own % and _ taken literally (escaped
    /// with <see cref="LikeEscape"/>). SQLite's LIKE ignores case for ASCII letters.
    /// </summary>
    public static string Containing(string text) => "%" + Literal(text) + "%";

    /// <summary>A LIKE pattern that finds text starting with <paramref name="text"/>: what a search shows first.</summary>
    public static string StartingWith(string text) => Literal(text) + "%";

    /// <summary>A LIKE pattern for <paramref name="text"/> itself, whatever the case of its ASCII letters.</summary>
    public static string Exactly(string text) => Literal(text);

    private static string Literal(string text) =>
        text.Replace(LikeEscape, LikeEscape + LikeEscape, StringComparison.Ordinal)
            .Replace("%", LikeEscape + "%", StringComparison.Ordinal)
            .Replace("_", LikeEscape + "_", StringComparison.Ordinal);

    public const string LikeEscape = "\\";
}
