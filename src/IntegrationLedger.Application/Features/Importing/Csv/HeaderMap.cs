namespace IntegrationLedger.Application.Features.Importing.Csv;

/// <summary>
/// A file's header, matched by name, never by position. Names are compared with case, spaces, underscores
/// and dots ignored, so <c>USER_ID</c>, <c>UserId</c> and <c>User Id</c> are the same column, as are the
/// Setup download's <c>Login Time</c> and the API's <c>LoginTime</c>.
/// </summary>
public sealed class HeaderMap
{
    private readonly Dictionary<string, int> _byName = new(StringComparer.Ordinal);

    public HeaderMap(IReadOnlyList<string> names, long line = 1)
    {
        Names = names;
        Line = line;
        for (var i = 0; i < names.Count; i++)
        {
            var key = Normalize(names[i]);
            if (key.Length == 0)
                continue;
            if (!_byName.TryAdd(key, i))
                Duplicates.Add(names[i]);
        }
    }

    public IReadOnlyList<string> Names { get; }
    public int Count => Names.Count;

    /// <summary>The file's line the header is on: 1, unless blank lines came before it.</summary>
    public long Line { get; }

    /// <summary>Columns whose values the importer keeps; only these are held to <see cref="CsvLimits.MaxFieldBytes"/>.</summary>
    private readonly HashSet<int> _kept = [];

    public void MarkKept(int index)
    {
        if (index >= 0)
            _kept.Add(index);
    }

    public bool IsKept(int index) => _kept.Contains(index);

    /// <summary>Header names that appear more than once; a column that is needed must not be one of them.</summary>
    public List<string> Duplicates { get; } = [];

    public bool Has(string name) => _byName.ContainsKey(Normalize(name));

    /// <summary>The column's index, or -1 when the file does not have it.</summary>
    public int IndexOf(string name) => _byName.TryGetValue(Normalize(name), out var index) ? index : -1;

    /// <summary>The first of several alternative names that the file has, or -1.</summary>
    public int IndexOfAny(params string[] names)
    {
        foreach (var name in names)
        {
            var index = IndexOf(name);
            if (index >= 0)
                return index;
        }
        return -1;
    }

    /// <summary>
    /// The first names, fit for a one-line message: control characters (a binary file's NULs) shown as '?'
    /// and each name cut short, so a message about a file that is not CSV stays readable.
    /// </summary>
    public string Preview(int count = 8) => string.Join(", ", Names.Take(count).Select(Printable));

    private static string Printable(string name)
    {
        var clipped = name.Length > 40 ? name[..40] + "…" : name;
        return string.Create(clipped.Length, clipped, (span, text) =>
        {
            for (var i = 0; i < text.Length; i++)
                span[i] = char.IsControl(text[i]) ? '?' : text[i];
        });
    }

    /// <summary>The name as the file writes it, for messages.</summary>
    public string NameAt(int index) => Names[index];

    public static string Normalize(string name)
    {
        Span<char> buffer = stackalloc char[Math.Min(name.Length, 256)];
        var length = 0;
        foreach (var c in name)
        {
            if (char.IsLetterOrDigit(c) && length < buffer.Length)
                buffer[length++] = char.ToLowerInvariant(c);
        }
        return new string(buffer[..length]);
    }
}
