namespace IntegrationLedger.Application.Common.Lists;

/// <summary>Where a page stands in its list, whatever its rows are: what a pager and a sortable header need.</summary>
public interface IListPage
{
    int Total { get; }
    int Page { get; }
    int PageSize { get; }
    int PageCount { get; }
    int FirstShown { get; }
    int LastShown { get; }

    /// <summary>The key of the column the list is sorted by.</summary>
    string Sort { get; }
    bool Descending { get; }
}

/// <summary>One page of a list and how many rows match in all, so a page can say "showing 26-50 of 8,719".</summary>
public sealed record ListPage<T>(IReadOnlyList<T> Items, int Total, int Page, int PageSize, string Sort, bool Descending) : IListPage
{
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    /// <summary>The position of the first row shown, counting from 1; 0 when nothing matches.</summary>
    public int FirstShown => Items.Count == 0 ? 0 : ((Page - 1) * PageSize) + 1;

    public int LastShown => Items.Count == 0 ? 0 : FirstShown + Items.Count - 1;

    public bool HasPrevious => Page > 1;
    public bool HasNext => Page < PageCount;

    /// <summary>The same page with each row made into what the page shows.</summary>
    public ListPage<TOut> Select<TOut>(Func<T, TOut> map) => new(Items.Select(map).ToList(), Total, Page, PageSize, Sort, Descending);
}
