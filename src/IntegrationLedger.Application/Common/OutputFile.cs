namespace IntegrationLedger.Application.Common;

/// <summary>
/// Files the ledger writes for people (exports, workbooks) appear under their name only once complete:
/// they are written under a temporary name in the same folder, then renamed.
/// </summary>
public static class OutputFile
{
    /// <summary>
    /// The full path to write, once it is known the folder exists, the path is not a folder, and a file can
    /// be created there. Checked before any work, so a report is not built only to fail at the last step.
    /// </summary>
    public static string Check(string path)
    {
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(folder))
            throw new OutputFileException($"{path}: cannot write there; the folder {folder} does not exist.");
        if (Directory.Exists(full))
            throw new OutputFileException($"{path}: is a folder; give the name of a file to write.");
        try
        {
            using var probe = new FileStream(TemporaryFor(full), FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose);
        }
        catch (Exception exception) when (IsWriteFailure(exception))
        {
            throw new OutputFileException($"{path}: cannot write in the folder {folder} ({exception.Message})");
        }
        return full;
    }

    /// <summary>Failures that mean the file system refused the write (permissions, a read-only or full disk).</summary>
    public static bool IsWriteFailure(Exception exception) => exception is IOException or UnauthorizedAccessException;

    /// <summary>A temporary name beside <paramref name="fullPath"/>, so the final rename stays on one file system.</summary>
    public static string TemporaryFor(string fullPath) =>
        Path.Combine(Path.GetDirectoryName(fullPath)!, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
}
