using IntegrationLedger.Application.Common.Lists;
using IntegrationLedger.Application.Features.Access;

namespace IntegrationLedger.Web.Pages.Accounts;

/// <summary>
/// The orders the accounts list can be sorted in (<c>sort=password-age</c>), applied in memory: the list is made
/// from every account's access at once (<see cref="ListAccountsHandler"/>), not by a query. Unknown values go
/// last whichever way; the username breaks ties, so no row moves between pages.
/// </summary>
public static class AccountOrder
{
    public const string Default = "username";

    private static readonly Dictionary<string, Func<IEnumerable<AccountSummary>, bool, IOrderedEnumerable<AccountSummary>>> Columns = new(StringComparer.Ordinal)
    {
        [Default] = (rows, descending) => By(rows, a => a.Username, StringComparer.Ordinal, descending),
        ["owner"] = (rows, descending) => By(rows, a => a.OwnerEmail, StringComparer.Ordinal, descending),
        // The oldest password and the latest login first: what an auditor looks for.
        ["password-age"] = (rows, descending) => By(rows, a => a.PasswordAgeDays, Comparer<int?>.Default, !descending),
        ["last-login"] = (rows, descending) => By(rows, a => a.LastLoginAt, Comparer<DateTime?>.Default, !descending),
    };

    public static string KeyFor(ListQuery list) => list.Sort is { } key && Columns.ContainsKey(key) ? key : Default;

    public static IReadOnlyList<AccountSummary> Apply(IEnumerable<AccountSummary> rows, ListQuery list) =>
        Columns[KeyFor(list)](rows, list.Descending).ThenBy(a => a.Username, StringComparer.Ordinal).ToList();

    /// <summary>
    /// One page of the sorted rows, and how many there are; a page past the end (the list shrank since the link
    /// was made) shows the last one, as the lists paged by the database do.
    /// </summary>
    public static ListPage<AccountSummary> Page(IReadOnlyList<AccountSummary> sorted, ListQuery list)
    {
        var lastPage = Math.Max(1, (sorted.Count + list.PageSize - 1) / list.PageSize);
        var page = Math.Min(list.Page, lastPage);
        return new ListPage<AccountSummary>(sorted.Skip((page - 1) * list.PageSize).Take(list.PageSize).ToList(), sorted.Count, page, list.PageSize, KeyFor(list), list.Descending);
    }

    private static IOrderedEnumerable<AccountSummary> By<TKey>(IEnumerable<AccountSummary> rows, Func<AccountSummary, TKey> key, IComparer<TKey> comparer, bool descending)
    {
        var knownFirst = rows.OrderBy(a => key(a) is null);
        return descending ? knownFirst.ThenByDescending(key, comparer) : knownFirst.ThenBy(key, comparer);
    }
}
