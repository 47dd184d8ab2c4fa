namespace IntegrationLedger.Application.Common.FileTrees;

/// <summary>Why a path given, or found in a folder, is not a file to read.</summary>
public enum PathProblem
{
    /// <summary>Could not be listed or opened: permissions, a broken link, gone while being read.</summary>
    Unreadable,

    /// <summary>A FIFO, a device or a socket: reading one could wait or never end.</summary>
    NotAFile,
}

/// <summary>
/// Every regular file under the paths given, folders recursively. Symbolic links are followed, as a secret
/// behind one is still a secret in the tree, but each folder is entered once (by the path its links resolve
/// to), so a link to a parent folder cannot send the walk round in circles. FIFOs, devices and sockets are
/// reported and left alone; a folder that cannot be listed is reported and the walk goes on. What scans
/// and imports of whole trees both walk.
/// </summary>
internal sealed class FileWalker(Action<string, PathProblem, string> skipped)
{
    private static readonly EnumerationOptions OneLevel = new()
    {
        RecurseSubdirectories = false,
        IgnoreInaccessible = false,
        AttributesToSkip = FileAttributes.None,
        ReturnSpecialDirectories = false,
    };

    private readonly HashSet<string> _foldersEntered = new(StringComparer.Ordinal);
    private readonly HashSet<string> _linkedFilesRead = new(StringComparer.Ordinal);

    public IEnumerable<FileTarget> Files(IEnumerable<string> paths)
    {
        foreach (var path in paths)
        {
            var full = Path.GetFullPath(path);
            switch (FileKinds.Of(full))
            {
                case FileKind.Directory:
                    foreach (var file in Folder(path, RealPath(full)))
                        yield return file;
                    break;
                case FileKind.Regular when Target(path, full) is { } file:
                    yield return file;
                    break;
                case FileKind.Regular:
                    break;
                case var other:
                    skipped(path, PathProblem.NotAFile, other.Describe());
                    break;
            }
        }
    }

    private IEnumerable<FileTarget> Folder(string root, string rootReal)
    {
        var pending = new Stack<(string Shown, string Real)>();
        if (_foldersEntered.Add(rootReal))
            pending.Push((root, rootReal));
        while (pending.TryPop(out var folder))
        {
            List<FileSystemInfo> entries;
            try
            {
                entries = new DirectoryInfo(folder.Shown).EnumerateFileSystemInfos("*", OneLevel).OrderBy(e => e.Name, StringComparer.Ordinal).ToList();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                skipped(folder.Shown, PathProblem.Unreadable, "the folder cannot be listed: " + e.Message);
                continue;
            }
            var subfolders = new List<(string, string)>();
            foreach (var entry in entries)
            {
                var shown = Path.Join(folder.Shown, entry.Name);
                var isLink = entry.LinkTarget is not null;
                var real = isLink ? LinkTarget(entry) : Path.Join(folder.Real, entry.Name);
                if (real is null)
                {
                    skipped(shown, PathProblem.Unreadable, "a symbolic link to nothing");
                    continue;
                }
                switch (FileKinds.Of(real))
                {
                    case FileKind.Directory:
                        if (_foldersEntered.Add(real))
                            subfolders.Add((shown, real));
                        break;
                    case FileKind.Regular:
                        // A file reached through a link may also be reached as itself or through another link: read it once.
                        if ((!isLink || _linkedFilesRead.Add(real)) && Target(shown, real) is { } file)
                            yield return file;
                        break;
                    case FileKind.Missing:
                        skipped(shown, PathProblem.Unreadable, isLink ? "a symbolic link to nothing" : "it disappeared while the folder was read");
                        break;
                    case var other:
                        skipped(shown, PathProblem.NotAFile, other.Describe());
                        break;
                }
            }
            // Pushed in reverse so that the folders are walked in name order.
            for (var i = subfolders.Count - 1; i >= 0; i--)
                pending.Push(subfolders[i]);
        }
    }

    private FileTarget? Target(string shown, string real)
    {
        try
        {
            return new FileTarget(shown, real, new FileInfo(real).Length);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            skipped(shown, PathProblem.Unreadable, e.Message);
            return null;
        }
    }

    /// <summary>Where a link finally leads; null when it leads nowhere.</summary>
    private static string? LinkTarget(FileSystemInfo link)
    {
        try
        {
            return link.ResolveLinkTarget(returnFinalTarget: true)?.FullName;
        }
        catch (IOException)
        {
            // Too many levels of links (a link to itself) leads nowhere either.
            return null;
        }
    }

    private static string RealPath(string full) => LinkTarget(new DirectoryInfo(full)) ?? full;
}
