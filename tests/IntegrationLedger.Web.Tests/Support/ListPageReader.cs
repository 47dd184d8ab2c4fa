using AngleSharp.Dom;

namespace IntegrationLedger.Web.Tests.Support;

/// <summary>A list page as a browser shows it: its rows, what it says it shows, and the links that move through it.</summary>
public sealed class ListPageReader(string html)
{
    private readonly IDocument _document = WebLedger.Html(html);

    public string Html => html;

    /// <summary>The text of each cell of each row of the page's list, its white space collapsed as a browser shows it.</summary>
    public IReadOnlyList<string[]> Rows =>
        _document.QuerySelectorAll("table.list tbody tr").Select(row => row.QuerySelectorAll("td").Select(cell => Shown(cell.TextContent)).ToArray()).ToList();

    private static string Shown(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ").Trim();

    /// <summary>The first cell of each row: the label or name the row is for.</summary>
    public IReadOnlyList<string> Keys => Rows.Select(r => r[0]).ToList();

    /// <summary>"Showing 26–50 of 8,719 tokens."</summary>
    public string Summary => _document.QuerySelector(".list-summary p[role=status]")?.TextContent.Trim() ?? "";

    public string? Problem => _document.QuerySelector(".list-summary [role=alert]")?.TextContent.Trim();

    public string PagerLink(string rel) => Href($"nav.pager a[rel={rel}]");

    public string? MaybePagerLink(string rel) => _document.QuerySelector($"nav.pager a[rel={rel}]")?.GetAttribute("href");

    public string SortLink(string headerText) =>
        _document.QuerySelectorAll("table.list thead th").Single(th => th.TextContent.Trim().StartsWith(headerText, StringComparison.Ordinal)).QuerySelector("a")!.GetAttribute("href")!;

    /// <summary>The aria-sort of the header that starts with <paramref name="headerText"/>, or null when the list is not sorted by it.</summary>
    public string? AriaSort(string headerText) =>
        _document.QuerySelectorAll("table.list thead th").Single(th => th.TextContent.Trim().StartsWith(headerText, StringComparison.Ordinal)).GetAttribute("aria-sort");

    public IElement ExportLink => _document.QuerySelector(".list-summary a") ?? throw new AssertionException("the list offers no export");

    /// <summary>The value the filter form shows for a field: a text box's value, a select's chosen option, a ticked box's value.</summary>
    public string? FilterValue(string name)
    {
        var field = _document.QuerySelector($"form.list-bar [name={name}]") ?? throw new AssertionException($"the filter bar has no field {name}");
        return field.TagName switch
        {
            "SELECT" => field.QuerySelector("option[selected]")?.GetAttribute("value"),
            _ when field.GetAttribute("type") == "checkbox" => field.HasAttribute("checked") ? field.GetAttribute("value") : null,
            _ => field.GetAttribute("value"),
        };
    }

    private string Href(string selector) =>
        _document.QuerySelector(selector)?.GetAttribute("href") ?? throw new AssertionException($"the page has no {selector}");

    public static async Task<ListPageReader> GetAsync(HttpClient client, string url) => new(await client.GetStringAsync(url));
}
