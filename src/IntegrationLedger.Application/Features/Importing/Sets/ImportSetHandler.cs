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
    /// <summary>
    /// The files to read, as <see cref="EntriesOf"/> lists them (some perhaps left out, or named as their
    /// owner knows them), instead of the files found under <see cref="Paths"/>.
    /// </summary>
    public IReadOnlyList<ImportSetEntry>? Entries { get; init; }

    /// <summary>The moment the run's access exports describe, when it is not each file's own time.</summary>
    public DateTime? AsOf { get; init; }

    /// <summary>Where to write a file's rejected rows, as <c>--errors</c> does for one file; null (the default) for nowhere.</summary>
    public Func<ImportSetEntry, string?>? ErrorsPathOf { get; init; }

    /// <summary>Whether the paths are one file to import on its own, as before runs: not several, not a folder, not a zip of a download.</summary>
    public static bool IsSingleFile(IReadOnlyList<string> paths) => ImportSetFiles.IsSingleFile(paths);

    /// <summary>The files a run of these paths reads, in its order: each file found, a zip of a download as its members.</summary>
    public static IReadOnlyList<ImportSetEntry> EntriesOf(IEnumerable<string> paths) => ImportSetFiles.Expand(paths);
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

    /// <summary>What the table of a dry run cannot show: each file was read against the ledger as it was.</summary>
    public const string DryRunNote = "(A dry run reads each file against the ledger as it is now: rows that two files share count in each.)";

    /// <summary>The sentence under the table, on the command line and the web page alike: how many files of each outcome, and which were refused.</summary>
    public string Verdict()
    {
        var parts = new List<string>();
        void Add(ImportSetStatus status, string words)
        {
            if (Count(status) is > 0 and var n)
                parts.Add($"{n} {words}");
        }
        Add(ImportSetStatus.Imported, DryRun ? "would be imported" : "imported");
        Add(ImportSetStatus.SetAside, "set aside (types the ledger does not use)");
        Add(ImportSetStatus.SameContent, "read once for being the same as another");
        var refused = Refused;
        var counted = parts.Count == 0 ? "" : string.Join(", ", parts) + ". ";
        return refused.Count == 0
            ? $"{counted}No file was refused."
            : $"{counted}Refused, nothing of them imported: {string.Join(", ", refused.Select(l => l.Name))}" +
              (Lines.Count > refused.Count ? (DryRun ? "; the others would be imported all the same." : "; the others were imported all the same.") : ".");
    }

    /// <summary>The platform exports imported (or that a dry run would import): not refused, not stood in for by another.</summary>
    private IEnumerable<UsageImportResult> Taken =>
        Lines.Where(l => l.Status is ImportSetStatus.Imported or ImportSetStatus.SetAside).Select(l => l.Outcome?.Usage).OfType<UsageImportResult>();

    /// <summary>The integrations the run's new events were attributed to, over all its files, most events first.</summary>
    public IReadOnlyList<AttributedActivity> AttributedTo =>
        [.. Taken.SelectMany(u => u.AttributedTo).GroupBy(a => a.Integration, StringComparer.Ordinal)
            .Select(g => new AttributedActivity(g.Key, g.Sum(a => a.Events)))
            .OrderByDescending(a => a.Events).ThenBy(a => a.Integration, StringComparer.Ordinal)];

    /// <summary>The run's new events no integration claims, over all its files, by account, application and source, most events first.</summary>
    public IReadOnlyList<UnattributedActivity> Unattributed =>
        [.. Taken.SelectMany(u => u.Unattributed).GroupBy(g => (g.Account, g.Application, g.SourceIp))
            .Select(g => new UnattributedActivity(g.Key.Account, g.Key.Application, g.Key.SourceIp, g.Sum(a => a.Events)))
            .OrderByDescending(g => g.Events).ThenBy(g => g.Account, StringComparer.Ordinal).ThenBy(g => g.Application, StringComparer.Ordinal).ThenBy(g => g.SourceIp, StringComparer.Ordinal)];

    /// <summary>The run's new Threat Detection events for users the ledger does not know, over all its files, by user, most events first.</summary>
    public IReadOnlyList<UnknownUserEvents> UnknownUsers =>
        [.. Taken.SelectMany(u => u.UnknownUsers).GroupBy(u => u.User, StringComparer.Ordinal)
            .Select(g => new UnknownUserEvents(g.Key, g.Sum(u => u.Events)))
            .OrderByDescending(u => u.Events).ThenBy(u => u.User, StringComparer.Ordinal)];
}

/// <summary>
/// Imports every file of a run, each on its own and all or nothing on its own (one file's bad rows or
/// unreadable bytes never stop the others), through the same <see cref="ImportFileHandler"/> as a single
/// import. The same text met twice is imported once (<see cref="ImportRun"/>). A file is named as its entry
/// is (<see cref="ImportSetEntry.Name"/>), in its line and in its messages, never by a path it was kept under.
/// </summary>
public sealed class ImportSetHandler(Ledger ledger)
{
    public async Task<ImportSetResult> HandleAsync(ImportSet request, IProgress<ImportSetProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        // A format that is none is the run's mistake, not each file's.
        ImportFormats.Named(request.Format);
        var entries = request.Entries ?? ImportSetFiles.Expand(request.Paths, ledger.DatabasePath);
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
                lines.Add(ImportSetLine.Refused(entry.Name, entry.Problem) with { Entry = entry });
                continue;
            }
            var number = i + 1;
            var before = done;
            progress?.Report(new ImportSetProgress(number, entries.Count, entry.Name, before, total));
            var within = progress is null || entry.Member is not null ? null
                : new SynchronousProgress<ImportProgress>(p => progress.Report(new ImportSetProgress(number, entries.Count, entry.Name, before + Math.Min(p.BytesRead, entry.Length), total)));
            if (entry.ShownAs is { } shownAs)
                run.ShowAs(entry.Path, shownAs);
            var file = new ImportFile(request.Format, entry.Path, request.TimeZone, request.DryRun, request.SkipInvalid, request.ErrorsPathOf?.Invoke(entry), request.DayFirst, request.Wording, run, entry.Member, request.AsOf);
            lines.Add(await ImportOneAsync(handler, entry, file, within, cancellationToken));
            done += entry.Length;
        }
        // An access export read before the User export of its users is refused for not knowing them; once the run's
        // other files are in, it is read again (the run's order is the folder's, not the one the exports need).
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i] is { Outcome.Access: { UnknownUsers: > 0, Committed: false, DryRun: false }, Entry: { } entry })
            {
                var file = new ImportFile(request.Format, entry.Path, request.TimeZone, request.DryRun, request.SkipInvalid, request.ErrorsPathOf?.Invoke(entry), request.DayFirst, request.Wording, run, entry.Member, request.AsOf);
                lines[i] = await ImportOneAsync(handler, entry, file, null, cancellationToken);
            }
        }
        progress?.Report(new ImportSetProgress(entries.Count, entries.Count, "", total, total));
        return new ImportSetResult(lines, request.DryRun);
    }

    /// <summary>A file that cannot be read at all becomes its line's problem, named by the path as it was given.</summary>
    private static async Task<ImportSetLine> ImportOneAsync(ImportFileHandler handler, ImportSetEntry entry, ImportFile file, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        try
        {
            return new ImportSetLine(entry.Name, await handler.HandleAsync(file, progress, cancellationToken), null) { Entry = entry };
        }
        catch (ValidationException exception)
        {
            return ImportSetLine.Refused(entry.Name, string.Join(" ", exception.Errors.Select(e => e.ErrorMessage))) with { Entry = entry };
        }
        catch (Exception exception) when (exception is ImportFileException or DomainException)
        {
            var message = entry.ShownAs is { } shownAs && entry.Path.Length > 0 ? exception.Message.Replace(entry.Path, shownAs, StringComparison.Ordinal) : exception.Message;
            return ImportSetLine.Refused(entry.Name, WithoutName(message, entry)) with
            {
                Entry = entry,
                Message = message,
                NeedsTimeZone = exception is ImportFileException { NeedsTimeZone: true },
            };
        }
    }

    /// <summary>A file's message starts with its name, which its line already gives: "line 3, ...", or what follows the colon.</summary>
    private static string WithoutName(string message, ImportSetEntry entry)
    {
        foreach (var prefix in new[] { entry.Name, entry.ShownAs ?? entry.Path })
        {
            if (message.StartsWith(prefix + ": ", StringComparison.Ordinal) || message.StartsWith(prefix + ", ", StringComparison.Ordinal))
                return message[(prefix.Length + 2)..];
        }
        return message;
    }
}
