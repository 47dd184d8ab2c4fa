using Microsoft.AspNetCore.Http.Extensions;

namespace IntegrationLedger.Web.Lists;

/// <summary>
/// Links that change one thing about the list being shown (the page, the order, the file format) and keep
/// the rest of its address as it is, whatever filters the list has.
/// </summary>
public static class ListAddress
{
    public static string With(HttpRequest request, IReadOnlyDictionary<string, string?> changes)
    {
        var query = new QueryBuilder();
        foreach (var (name, values) in request.Query)
        {
            if (changes.Keys.Any(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase)))
                continue;
            foreach (var value in values)
            {
                if (!string.IsNullOrEmpty(value))
                    query.Add(name, value);
            }
        }
        foreach (var (name, value) in changes)
        {
            if (value is not null)
                query.Add(name, value);
        }
        return request.Path + query.ToQueryString();
    }

    /// <summary>The same list, on another page.</summary>
    public static string ToPage(HttpRequest request, int page) =>
        With(request, new Dictionary<string, string?> { ["page"] = page == 1 ? null : page.ToString(System.Globalization.CultureInfo.InvariantCulture) });

    /// <summary>The same rows as a CSV file: every row that matches, not only this page's.</summary>
    public static string ToCsv(HttpRequest request) =>
        With(request, new Dictionary<string, string?> { ["handler"] = "Csv", ["page"] = null });
}
