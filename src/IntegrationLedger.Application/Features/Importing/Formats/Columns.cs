using IntegrationLedger.Application.Features.Importing.Csv;

namespace IntegrationLedger.Application.Features.Importing.Formats;

/// <summary>
/// Looks up a format's columns in a header and collects every required one that is missing, so the
/// error names them all at once rather than one per attempt.
/// </summary>
internal sealed class Columns(HeaderMap header, string path, string format)
{
    private readonly List<string> _missing = [];

    /// <summary>A column the format cannot do without; <paramref name="names"/> are alternative spellings.</summary>
    public int Required(params string[] names)
    {
        var index = Optional(names);
        if (index < 0)
            _missing.Add(names[0]);
        return index;
    }

    public int Optional(params string[] names)
    {
        var index = header.IndexOfAny(names);
        if (index >= 0 && header.Duplicates.Any(d => HeaderMap.Normalize(d) == HeaderMap.Normalize(header.NameAt(index))))
            throw new ImportFileException($"{path}, line {header.Line}, column {header.NameAt(index)}: the header has this column more than once; which one to read is unclear.");
        header.MarkKept(index);
        return index;
    }

    /// <summary>A fact written in a primary and a fallback column (see <see cref="ColumnPair"/>), either of which may be missing.</summary>
    public ColumnPair Pair(string primary, string fallback) => new(primary, Optional(primary), fallback, Optional(fallback));

    /// <summary>As <see cref="Pair"/>, but the file must have one of the two; the primary is named when neither is there.</summary>
    public ColumnPair RequiredPair(string primary, string fallback)
    {
        var pair = Pair(primary, fallback) with { Required = true };
        if (pair.Primary < 0 && pair.Fallback < 0)
            _missing.Add(primary);
        return pair;
    }

    /// <summary>Throws when any required column is missing; call after looking up every column.</summary>
    public void EnsureComplete()
    {
        if (Incomplete() is { } missing)
            throw missing;
    }

    /// <summary>The error naming every required column missing, or null: for a format that needs them only for some rows.</summary>
    public ImportFileException? Incomplete() =>
        _missing.Count == 0 ? null
        : new ImportFileException(
            $"{path}, line {header.Line}: the {format} header lacks the required column{(_missing.Count > 1 ? "s" : "")} {string.Join(", ", _missing)} " +
            $"(found: {header.Preview(30)}).");
}
