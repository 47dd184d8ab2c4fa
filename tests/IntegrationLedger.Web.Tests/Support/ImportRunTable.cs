using AngleSharp.Dom;

namespace IntegrationLedger.Web.Tests.Support;

/// <summary>
/// The import page's table of a run, read as a person reads it: a line per file (its name, then format,
/// read, added, duplicates, set aside, rejected and note) and the total below them.
/// </summary>
public static class ImportRunTable
{
    public const int Name = 0, Format = 1, Read = 2, Added = 3, Duplicates = 4, SetAside = 5, Rejected = 6, Note = 7;

    public static IElement Table(string page)
    {
        var table = WebLedger.Html(page).QuerySelectorAll("table").SingleOrDefault(t => t.QuerySelector("thead th")?.TextContent == "File");
        Assert.That(table, Is.Not.Null, "the page has the run's table");
        return table!;
    }

    public static string Caption(string page) => Table(page).QuerySelector("caption")!.TextContent.Trim();

    /// <summary>The column headers, as the table names them.</summary>
    public static string[] Headers(string page) => [.. Table(page).QuerySelectorAll("thead th").Select(th => th.TextContent.Trim())];

    public static IReadOnlyList<string[]> Lines(string page) => [.. Table(page).QuerySelectorAll("tbody tr").Select(Cells)];

    /// <summary>The line of the one file so named.</summary>
    public static string[] Line(string page, string file)
    {
        var lines = Lines(page).Where(l => l[Name] == file).ToList();
        Assert.That(lines, Has.Count.EqualTo(1), $"one line for {file}, among {string.Join("; ", Lines(page).Select(l => l[Name]))}");
        return lines[0];
    }

    public static string[] Total(string page) => Cells(Table(page).QuerySelector("tfoot tr")!);

    /// <summary>The sentence under the table.</summary>
    public static string Verdict(string page) => WebLedger.Html(page).QuerySelector("p.import-verdict")!.TextContent.Trim();

    private static string[] Cells(IElement row) => [.. row.Children.Where(c => c.LocalName is "th" or "td").Select(c => c.TextContent.Trim())];
}
