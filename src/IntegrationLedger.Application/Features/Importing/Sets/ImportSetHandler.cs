using FluentValidation;
using IntegrationLedger.Application.Common;
using IntegrationLedger.Application.Persistence;
using IntegrationLedger.Domain.Common;

namespace IntegrationLedger.Application.Features.Importing;

/// <summary>
/// A run of several files: paths to files, folders (walked recursively) and zips of a download, each file read
/// as <see cref="Format"/> (or recognised on its own with <c>auto</c>) with the options of a single import.
/// </summary>
public sealed record ImportSet(
    string Format,
    IReadOnlyList<string> Paths,
    string? TimeZone = null,
    bool DryRun = false,
    bool SkipInvalid = false,
    bool DayFirst = false,
    ImportWording? Wording = null)
{
    /// <summary>Whether the paths are one file to import on its own, as before runs: not several, not a folder, not a zip of a download.</summary>
    public static bool IsSingleFile(IReadOnlyList<string> paths) => ImportSetFiles.IsSingleFile(paths);
}

/// <summary>Where a run has come to: the file being read (1-based) and the bytes on disk done of all of them.</summary>
public sealed record ImportSetProgress(int File, int Files, string Name, long BytesDone, long TotalBytes);

/// <summary>What a run did: a line per file, in the order read, and their total.</summary>
public sealed record ImportSetResult(IReadOnlyList<ImportSetLine> Lines, bool DryRun)
{
    public ImportSetFigures Total => ImportSetFigures.Sum(Lines.Select(l => l.Figures));

    public IReadOnlyList<ImportSetLine> Refused => [.. Lines.Where(l => l.Status == ImportSetStatus.Refused)];

    /// <summary>Every file imported, set aside or stood in for; a run with none at all is refused too.</summary>
    public bool AllTaken => Lines.Count > 0 && Refused.Count == 0;

    /// <summary>Figures of one status, for the sentence under the table.</summary>
    public int Count(ImportSetStatus status) => Lines.Count(l => l.Status == status);
}

/// <summary>
/// Imports every file of a run, each on its own and all or nothing on its own (one file's bad rows or
/// unreadable bytes never stop the others), through the same <see cref="ImportFileHandler"/> as a single
/// import. The same text met twice is imported once (<see cref="ImportRun"/>).
/// </summary>
public sealed class ImportSetHandler(Ledger ledger)
{
    public async Task<ImportSetResult> HandleAsync(ImportSet request, IProgress<ImportSetProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        // A format that is none is the run's mistake, not each file's.
        ImportFormats.Named(request.Format);
        var entries = ImportSetFiles.Expand(request.Paths, ledger.DatabasePath);
        var lines = new List<ImportSetLine>(entries.Count);
        var run = new ImportRun();
        var handler = new ImportFileHandler(ledger);
        var total = entries.Sum(e => e.Length);
        long done = 0;
        await using var durability = await DeferredDurability.BeginAsync(ledger.Db, cancellationToken);
        for (var i = 0; i < entries.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var entry = entries[i];
            if (entry.Problem is not null)
            {
                lines.Add(ImportSetLine.Refused(entry.Name, entry.Problem));
                continue;
            }
            var number = i + 1;
            var before = done;
            progress?.Report(new ImportSetProgress(number, entries.Count, entry.Name, before, total));
            var within = progress is null || entry.Member is not null ? null
                : new SynchronousProgress<ImportProgress>(p => progress.Report(new ImportSetProgress(number, entries.Count, entry.Name, before + Math.Min(p.BytesRead, entry.Length), total)));
            var file = new ImportFile(request.Format, entry.Path, request.TimeZone, request.DryRun, request.SkipInvalid, ErrorsPath: null, request.DayFirst, request.Wording, run, entry.Member);
            lines.Add(await ImportOneAsync(handler, entry, file, within, cancellationToken));
            done += entry.Length;
        }
        progress?.Report(new ImportSetProgress(entries.Count, entries.Count, "", total, total));
        return new ImportSetResult(lines, request.DryRun);
    }

    /// <summary>A file that cannot be read at all becomes its line's problem, named by the path as it was given.</summary>
    private static async Task<ImportSetLine> ImportOneAsync(ImportFileHandler handler, ImportSetEntry entry, ImportFile file, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        try
        {
            return new ImportSetLine(entry.Name, await handler.HandleAsync(file, progress, cancellationToken), null);
        }
        catch (ValidationException exception)
        {
            return ImportSetLine.Refused(entry.Name, string.Join(" ", exception.Errors.Select(e => e.ErrorMessage)));
        }
        catch (Exception exception) when (exception is ImportFileException or DomainException)
        {
            return ImportSetLine.Refused(entry.Name, WithoutName(exception.Message, entry));
        }
    }

    /// <summary>A file's message starts with its name, which its line already gives: "line 3, ...", or what follows the colon.</summary>
    private static string WithoutName(string message, ImportSetEntry entry)
    {
        foreach (var prefix in new[] { entry.Name, entry.Path })
        {
            if (message.StartsWith(prefix + ": ", StringComparison.Ordinal) || message.StartsWith(prefix + ", ", StringComparison.Ordinal))
                return message[(prefix.Length + 2)..];
        }
        return message;
    }
}
