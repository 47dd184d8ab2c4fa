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
    /// A LIKE pattern that finds <paramref name="text"/> anywhere, its own % and _ taken literally (escaped
    /// with <see cref="LikeEscape"/>). SQLite's LIKE ignores case for ASCII letters.
    /// </summary>
    public static string Containing(string text) =>
        "%" + text.Replace(LikeEscape, LikeEscape + LikeEscape, StringComparison.Ordinal)
            .Replace("%", LikeEscape + "%", StringComparison.Ordinal)
            .Replace("_", LikeEscape + "_", StringComparison.Ordinal) + "%";

    public const string LikeEscape = "\\";
}
