namespace IntegrationLedger.Application.Common;

/// <summary>
/// Files the ledger writes for people (exports, workbooks) appear under their name only once complete:
/// they are written under a temporary name in the same folder, then renamed.
/// </summary>
public static class OutputFile
{
    /// <summary>
    /// The full path to write, once it is known the folder exists, nothing but a regular file is there to be
    /// replaced, and a file can be created there. Checked before any work, so a report is not built only to
    /// fail at the last step.
    /// </summary>
    public static string Check(string path)
    {
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(folder))
            throw new OutputFileException($"{path}: cannot write there; the folder {folder} does not exist.");
        EnsureReplaceable(path, full);
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

    /// <summary>
    /// An output replaces a regular file or takes a free name, nothing else. The rename that puts it in place
    /// would replace a device node (<c>/dev/full</c>), a FIFO or a socket with a regular file, and a symbolic
    /// link with the file instead of writing where the link points; those are refused, so what the name
    /// stood for is left as it was.
    /// </summary>
    public static void EnsureReplaceable(string path, string fullPath)
    {
        switch (FileKinds.Of(fullPath, followLinks: false))
        {
            case FileKind.Missing or FileKind.Regular:
                return;
            case FileKind.Directory:
                throw new OutputFileException($"{path}: is a folder; give the name of a file to write.");
            case FileKind.SymbolicLink:
                throw new OutputFileException($"{path}: is a symbolic link; give the path of the file itself (the ledger replaces what it writes, and would replace the link).");
            case var kind:
                throw new OutputFileException($"{path}: is {kind.Describe()}, not a regular file; the ledger writes only regular files, and left it as it was.");
        }
    }

    /// <summary>Failures that mean the file system refused the write (permissions, a read-only or full disk).</summary>
    public static bool IsWriteFailure(Exception exception) => exception is IOException or UnauthorizedAccessException;

    /// <summary>A temporary name beside <paramref name="fullPath"/>, so the final rename stays on one file system.</summary>
    public static string TemporaryFor(string fullPath) =>
        Path.Combine(Path.GetDirectoryName(fullPath)!, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
}
