using System.Collections;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Common.Lists;

/// <summary>Every row a list's search and filters match, in its order, as the columns of a file: "export what is shown".</summary>
public sealed record ListExport(string Name, IReadOnlyList<string> Columns, IAsyncEnumerable<object?[]> Rows);

/// <summary>The columns a list exports, each a name and how to read it from a row.</summary>
public sealed class ExportColumns<T> : IEnumerable<(string Name, Func<T, object?> Value)>
{
    private readonly List<(string Name, Func<T, object?> Value)> _columns = [];

    public void Add(string name, Func<T, object?> value) => _columns.Add((name, value));

    /// <summary>Streams the rows of <paramref name="sorted"/> (never the page: all of them), so a large export needs no more memory than a small one.</summary>
    public ListExport Export(string name, IQueryable<T> sorted) =>
        new(name, _columns.Select(c => c.Name).ToList(), sorted.AsAsyncEnumerable().Select(row => _columns.Select(c => c.Value(row)).ToArray()));

    public IEnumerator<(string Name, Func<T, object?> Value)> GetEnumerator() => _columns.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
