namespace IntegrationLedger.Application.Common;

/// <summary>
/// Files the ledger writes for people (exports, workbooks) appear under their name only once complete:
/// they are written under a temporary name in the same folder, then renamed.
/// </summary>
public static class OutputFile
{
    /// <summary>The full path to write, once it is known the folder exists and the path is not a folder.</summary>
    public static string Check(string path)
    {
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(folder))
            throw new OutputFileException($"{path}: cannot write there; the folder {folder} does not exist.");
        if (Directory.Exists(full))
            throw new OutputFileException($"{path}: is a folder; give the name of a file to write.");
        return full;
    }

    /// <summary>A temporary name beside <paramref name="fullPath"/>, so the final rename stays on one file system.</summary>
    public static string TemporaryFor(string fullPath) =>
        Path.Combine(Path.GetDirectoryName(fullPath)!, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
}
