namespace IntegrationLedger.Application.Features.Importing;

/// <summary>
/// What the files of one run share: the text each has given, so that the same file met twice (named twice,
/// copied into two folders, or both loose and in a zip) is imported once, however it was compressed.
/// </summary>
public sealed class ImportRun
{
    private readonly Dictionary<string, string> _firstWithText = new(StringComparer.Ordinal);

    /// <summary>
    /// The name of the earlier file of this run whose text has this SHA-256, or null (and this file is now
    /// the one that stands for it) when it is the first.
    /// </summary>
    public string? SameContentAs(string sha256, string name)
    {
        if (_firstWithText.TryGetValue(sha256, out var first))
            return first;
        _firstWithText[sha256] = name;
        return null;
    }
}
