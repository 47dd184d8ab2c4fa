using IntegrationLedger.Application.Common;
using IntegrationLedger.Application.Common.FileTrees;
using IntegrationLedger.Application.Features.Importing.Files;

namespace IntegrationLedger.Application.Features.Importing;

/// <summary>
/// One file of a run: a file found under the paths given, or one member of a zip of several. Its path is
/// as the user wrote it, with the names found below, so messages and the summary name it that way
/// ("download/2026-11-01/API.csv", or "download.zip, member 2026-11-01/API.csv"); <see cref="Length"/> is its
/// size on disk (compressed, for a member), for progress. An entry with a <see cref="Problem"/> is a path
/// that is nothing to read (a link to nothing, a FIFO, an empty folder), kept in its place in the walk.
/// <see cref="ShownAs"/> is how to name a file kept under another name than its own (an upload saved on the
/// server is named as it was uploaded): the line, its messages and the file another is the same as say that.
/// </summary>
public sealed record ImportSetEntry(string Path, string? Member, long Length, string? Problem = null)
{
    public string? ShownAs { get; init; }

    /// <summary>How the run's summary and messages name it.</summary>
    public string Name => new ImportSource(ShownAs ?? Path, Member).Name;
}

/// <summary>
/// The files the paths of a run name: files as they are, folders walked recursively in name order, a zip of
/// several opened into its members. A file met twice by the same real path is listed once; a path that is
/// nothing to read is a problem of its own, and the walk goes on. The ledger's own files (its database, write-ahead
/// log and key), met in a folder it lives in, are left alone.
/// </summary>
internal static class ImportSetFiles
{
    public static IReadOnlyList<ImportSetEntry> Expand(IEnumerable<string> paths, string? ledgerPath = null)
    {
        var ledger = ledgerPath is null ? null : Path.GetFullPath(ledgerPath);
        var entries = new List<ImportSetEntry>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var walker = new FileWalker((path, problem, detail) => entries.Add(new ImportSetEntry(path, null, 0,
            problem == PathProblem.NotAFile ? $"is {detail}, not a regular file; nothing was read from it." : $"cannot be read ({detail}).")));
        foreach (var path in paths)
        {
            var before = entries.Count;
            if (FileKinds.Of(Path.GetFullPath(path)) == FileKind.Missing)
            {
                entries.Add(new ImportSetEntry(path, null, 0, "does not exist."));
                continue;
            }
            foreach (var file in walker.Files([path]))
            {
                if (!seen.Add(file.FullPath) || (ledger is not null && file.FullPath.StartsWith(ledger, StringComparison.Ordinal)))
                    continue;
                var members = ImportedFile.MembersOf(file.FullPath);
                if (members.Count == 0)
                    entries.Add(new ImportSetEntry(file.Path, null, file.Length));
                else
                    entries.AddRange(members.Select(m => new ImportSetEntry(file.Path, m.Name, m.CompressedLength)));
            }
            if (entries.Count == before && FileKinds.Of(Path.GetFullPath(path)) == FileKind.Directory)
                entries.Add(new ImportSetEntry(path, null, 0, "is a folder with no file to import in it, nor in its subfolders."));
        }
        return entries;
    }

    /// <summary>
    /// Whether the paths are one file to import on its own, as <c>ledger import</c> always has: not several,
    /// not a folder, not a zip of a download.
    /// </summary>
    public static bool IsSingleFile(IReadOnlyList<string> paths) =>
        paths.Count == 1 && FileKinds.Of(Path.GetFullPath(paths[0])) != FileKind.Directory && ImportedFile.MembersOf(paths[0]).Count == 0;
}
