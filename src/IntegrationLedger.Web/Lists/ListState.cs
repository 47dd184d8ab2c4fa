using IntegrationLedger.Application.Common.Lists;

namespace IntegrationLedger.Web.Lists;

/// <summary>
/// A list's state as its address carries it (<c>?q=etl&amp;sort=due&amp;dir=desc&amp;page=2&amp;size=50</c>), so a
/// link, a reload or the Back button shows the same list. Each list adds its own filters to it; the model
/// binder fills them from the query string by name.
/// </summary>
public class ListState
{
    public const string Descending = "desc";

    /// <summary>The search text.</summary>
    public string? Q { get; set; }

    /// <summary>The key of the column to sort by.</summary>
    public string? Sort { get; set; }

    /// <summary><see cref="Descending"/> to reverse the column's natural order.</summary>
    public string? Dir { get; set; }

    public int Page { get; set; } = 1;

    /// <summary>Rows per page, one of <see cref="ListQuery.PageSizes"/>.</summary>
    public int Size { get; set; } = ListQuery.DefaultPageSize;

    public ListQuery ToQuery() => new(Q, Sort, Dir == Descending, Page, Size);
}
