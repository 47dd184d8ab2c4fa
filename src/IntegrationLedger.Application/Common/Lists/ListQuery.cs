namespace IntegrationLedger.Application.Common.Lists;

/// <summary>
/// What every list is asked for besides its own filters: a search text, the column to sort by and which way,
/// and a page. Out-of-range values are not errors (they come from an address anyone can type): the page size
/// falls back to the default, the page to the first.
/// </summary>
public sealed record ListQuery
{
    public const int DefaultPageSize = 25;

    /// <summary>The sizes offered; anything else is read as the default.</summary>
    public static IReadOnlyList<int> PageSizes { get; } = [25, 50, 100];

    /// <summary>Longer search texts are cut: no name in the ledger is longer, and a LIKE pattern should stay small.</summary>
    public const int LongestSearch = 200;

    public ListQuery(string? search = null, string? sort = null, bool descending = false, int page = 1, int pageSize = DefaultPageSize)
    {
        var text = search?.Trim() ?? "";
        Search = text.Length == 0 ? null : text[..Math.Min(text.Length, LongestSearch)];
        Sort = string.IsNullOrWhiteSpace(sort) ? null : sort.Trim();
        Descending = descending;
        Page = Math.Max(1, page);
        PageSize = PageSizes.Contains(pageSize) ? pageSize : DefaultPageSize;
    }

    public string? Search { get; }
    public string? Sort { get; }
    public bool Descending { get; }
    public int Page { get; }
    public int PageSize { get; }

    /// <summary>The first page of a list in its default order: what the dashboard shows.</summary>
    public static ListQuery FirstPage { get; } = new();
}
