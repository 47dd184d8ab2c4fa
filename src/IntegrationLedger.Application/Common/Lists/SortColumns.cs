using System.Linq.Expressions;

namespace IntegrationLedger.Application.Common.Lists;

/// <summary>
/// The columns a list can be sorted by, each a key (as the address spells it: <c>sort=due</c>) and the
/// expression EF Core turns into ORDER BY. A unique tie-breaker comes last, so that rows with equal keys keep
/// one order and no row moves between pages.
/// </summary>
public sealed class SortColumns<T>
{
    private readonly List<(string Key, Func<IQueryable<T>, bool, IOrderedQueryable<T>> First, Func<IOrderedQueryable<T>, bool, IOrderedQueryable<T>> Then)> _columns = [];
    private Func<IOrderedQueryable<T>, IOrderedQueryable<T>> _tieBreaker = q => q;

    /// <summary>
    /// What orders rows the chosen column finds equal, whichever way that column is sorted; the last one called
    /// for must be unique (a label, a name, an id).
    /// </summary>
    public SortColumns<T> TieBrokenBy<TKey>(Expression<Func<T, TKey>> tieBreaker, bool descending = false)
    {
        var before = _tieBreaker;
        _tieBreaker = q => descending ? before(q).ThenByDescending(tieBreaker) : before(q).ThenBy(tieBreaker);
        return this;
    }

    /// <summary>Adds a column; the first one added is the list's default order.</summary>
    /// <param name="descendingByDefault">Whether this column's natural order is newest or largest first (time, severity).</param>
    public SortColumns<T> Add<TKey>(string key, Expression<Func<T, TKey>> by, bool descendingByDefault = false)
    {
        _columns.Add((key,
            (q, descending) => descending != descendingByDefault ? q.OrderByDescending(by) : q.OrderBy(by),
            (q, descending) => descending != descendingByDefault ? q.ThenByDescending(by) : q.ThenBy(by)));
        return this;
    }

    public IReadOnlyList<string> Keys => _columns.Select(c => c.Key).ToList();

    public string Default => _columns[0].Key;

    /// <summary>The key the list is actually sorted by: the one asked for when this list knows it, else the default.</summary>
    public string KeyFor(ListQuery list) => _columns.Any(c => c.Key == list.Sort) ? list.Sort! : Default;

    /// <summary>
    /// Sorts by the column asked for, or the default; <see cref="ListQuery.Descending"/> reverses the column's
    /// natural order.
    /// </summary>
    public IOrderedQueryable<T> Apply(IQueryable<T> query, ListQuery list)
    {
        var column = _columns.Single(c => c.Key == KeyFor(list));
        return _tieBreaker(column.First(query, list.Descending));
    }
}
