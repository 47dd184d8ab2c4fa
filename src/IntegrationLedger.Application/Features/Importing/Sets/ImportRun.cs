namespace IntegrationLedger.Application.Features.Importing;

/// <summary>
/// What the files of one run share: the text each has given, so that the same file met twice (named twice,
/// copied into two folders, or both loose and in a zip) is imported once, however it was compressed.
/// </summary>
public sealed class ImportRun
{
    private readonly Dictionary<string, string> _firstWithText = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _shownAs = new(StringComparer.Ordinal);

    /// <summary>
    /// The name of the earlier file of this run whose text has this SHA-256, or null (and this file is now
    /// the one that stands for it) when it is the first. A file <see cref="ShowAs"/> named is named so.
    /// </summary>
    public string? SameContentAs(string sha256, string name)
    {
        if (_firstWithText.TryGetValue(sha256, out var first))
            return first;
        _firstWithText[sha256] = Shown(name);
        return null;
    }

    /// <summary>
    /// Names the file at <paramref name="path"/> as the one running the import knows it (an upload by the name
    /// it was uploaded with), in the names of its members too: "download.zip, member API.csv".
    /// </summary>
    public void ShowAs(string path, string shownAs)
    {
        if (!string.Equals(path, shownAs, StringComparison.Ordinal))
            _shownAs[path] = shownAs;
    }

    /// <summary>An importer names a file by its path, and a member by the path then ", member NAME".</summary>
    private string Shown(string name)
    {
        foreach (var (path, shownAs) in _shownAs)
        {
            if (name == path || name.StartsWith(path + ", ", StringComparison.Ordinal))
                return shownAs + name[path.Length..];
        }
        return name;
    }
}
