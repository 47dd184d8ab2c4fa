using System.Globalization;
using FluentValidation;
using IntegrationLedger.Application.Features.Importing;
using IntegrationLedger.Application.Features.Importing.Inventory;
using IntegrationLedger.Domain.Common;
using IntegrationLedger.Web.Hosting;
using IntegrationLedger.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace IntegrationLedger.Web.Pages.Import;

/// <summary>
/// Upload one file or several (a zip of a whole Event Monitoring download among them), see the check of all
/// of them as one run: a table with a line per file, and each refused file's problem or bad rows; then commit
/// the files that passed. The same run, importers, checks, all-or-nothing rule (per file) and words as
/// <c>ledger import auto PATH...</c>.
/// </summary>
[ChangedBy(Policies.ChangeInventory)]
[RequestSizeLimit(MaxUpload)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxUpload)]
public sealed class IndexModel(LedgerSession session, UploadedFiles uploads, DownloadFolder downloads) : LedgerPageModel(session)
{
    /// <summary>A million-row event log file is about 400 MB; the limit is for all the files of one upload.</summary>
    private const long MaxUpload = 1L << 30;

    /// <summary>
    /// A week of daily event log files, with room to spare; a zip of a whole download counts as one, however
    /// many files it holds, since the page sums them up in one table.
    /// </summary>
    public const int MaxFiles = 20;

    /// <summary>
    /// What the file picker offers: CSV and its compressed forms, and workbooks. Only a hint to the browser;
    /// the importer recognises a file by its content, whatever it is called.
    /// </summary>
    public const string AcceptedFiles = ".csv,.tsv,.txt,.gz,.zip,.xlsx,text/csv,text/tab-separated-values,application/gzip,application/zip," +
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>How many integrations or unattributed groups the run's summary lists; the rest are counted.</summary>
    public const int ShownGroups = 20;

    /// <summary>How much of a note the run's table shows; a refused file's whole reason is in its section below.</summary>
    public const int NoteShown = 100;

    private const string UploadGone = "That upload is no longer here; upload the file again.";

    private Dictionary<string, Guid> _uploadOf = [];

    /// <summary>What the last check, or the last import, did: its lines, its total and its verdict.</summary>
    public ImportSetResult? Run { get; private set; }

    /// <summary>Each line of <see cref="Run"/>, with the upload it came from.</summary>
    public IReadOnlyList<FileCheck> Files { get; private set; } = [];

    /// <summary>Whether <see cref="Files"/> are the results of an import rather than of a check.</summary>
    public bool Imported { get; private set; }

    /// <summary>A problem with the form itself (no file chosen, a zone that is none), named by its field.</summary>
    public string? Problem { get; private set; }

    /// <summary>The formats offered: recognised from the header, or named.</summary>
    public static IEnumerable<SelectListItem> Formats =>
        ImportFormats.AllNames.Select(name => new SelectListItem(name, name)).Prepend(new SelectListItem("recognise from the header", ImportFormats.Auto));

    /// <summary>Every IANA zone this server knows, for files whose times carry none (the Setup downloads).</summary>
    public static IReadOnlyList<SelectListItem> TimeZones { get; } =
        [
            new SelectListItem("none: the file's times carry their zone", ""),
            .. TimeZoneInfo.GetSystemTimeZones().Select(z => z.Id).Order(StringComparer.Ordinal).Select(id => new SelectListItem(id, id)),
        ];

    public static IEnumerable<string> Templates => InventoryTemplates.All.Select(t => t.Name);

    [BindProperty]
    public CheckFilesInput CheckFiles { get; set; } = new();

    /// <summary>The commit form, filled in by a check that passed at least one file.</summary>
    [BindProperty]
    public CommitFilesInput CommitFiles { get; set; } = new();

    /// <summary>
    /// The "check again" form, filled in by a check that refused a file for want of a time zone: the uploads
    /// stay on the server, so choosing the zone does not mean sending a large export again.
    /// </summary>
    [BindProperty]
    public CommitFilesInput RecheckFiles { get; set; } = new();

    /// <summary>The files the run's new events came from, as the captions of its attribution tables name them.</summary>
    public string ActivityOf => Files.Count == 1 ? Files[0].FileName : $"{Files.Count(f => f.Taken)} files";

    public async Task<IActionResult> OnPostCheckAsync(CancellationToken cancellationToken)
    {
        var files = CheckFiles.Files.Where(f => f.Length > 0).ToList();
        Problem = files.Count == 0 ? "Files: choose one or more files to check."
            : files.Count > MaxFiles ? $"Files: choose at most {MaxFiles} files at a time (a zip of a download counts as one); {files.Count} were sent."
            : ZoneProblem(CheckFiles.TimeZone);
        if (Problem is not null)
            return Page();

        var saved = new List<(Guid Id, string? Path)>();
        try
        {
            foreach (var file in files)
            {
                var (id, path) = await uploads.SaveAsync(User, file, cancellationToken);
                saved.Add((id, path));
            }
        }
        catch
        {
            foreach (var (id, _) in saved)
                uploads.Delete(User, id);
            throw;
        }
        return await CheckAsync(saved, CheckFiles.Reading(), cancellationToken);
    }

    /// <summary>Checks again, with the time zone now chosen, the uploads of a check that found one missing (and those it passed).</summary>
    public async Task<IActionResult> OnPostRecheckAsync(CancellationToken cancellationToken)
    {
        Problem = ZoneProblem(RecheckFiles.TimeZone);
        if (Problem is not null)
            return Page();
        var saved = RecheckFiles.UploadIds.Distinct().Take(MaxFiles).Select(id => (id, uploads.Find(User, id))).ToList();
        CheckFiles = new CheckFilesInput { Format = RecheckFiles.Format, TimeZone = RecheckFiles.TimeZone, DayFirst = RecheckFiles.DayFirst };
        return await CheckAsync(saved, RecheckFiles.Reading(), cancellationToken);
    }

    /// <summary>
    /// The check of the uploads, as one dry run: a zip of a download is read member by member, the same text
    /// uploaded twice is read once. Uploads with nothing to import are deleted; the others wait for the commit
    /// or for a second check with a time zone, and the rejected rows of a refused file wait to be downloaded.
    /// </summary>
    private async Task<IActionResult> CheckAsync(List<(Guid Id, string? Path)> saved, Reading reading, CancellationToken cancellationToken)
    {
        var errorFiles = new Dictionary<ImportSetEntry, (Guid Id, string Path)>(ReferenceEqualityComparer.Instance);
        var keep = new HashSet<Guid>();
        try
        {
            var set = SetOf(saved, reading, dryRun: true, leftOut: null) with
            {
                ErrorsPathOf = entry =>
                {
                    var file = downloads.NewFile(User, ".csv");
                    errorFiles[entry] = file;
                    return file.Path;
                },
            };
            if (await RunAsync(set, saved, cancellationToken) is not { } run)
                return Page();
            Files = [.. run.Lines.Select(line => Checked(line, errorFiles))];
            // Kept only for a commit or a second check to follow.
            keep.UnionWith(Files.Where(f => f.Passed || f.NeedsTimeZone).Select(f => f.UploadId).OfType<Guid>());
        }
        finally
        {
            foreach (var (id, _) in saved.Where(s => !keep.Contains(s.Id)))
                uploads.Delete(User, id);
            var offered = Files.Select(f => f.ErrorsId).OfType<Guid>().ToHashSet();
            foreach (var (_, path) in errorFiles.Values.Where(f => !offered.Contains(f.Id)))
                System.IO.File.Delete(path);
        }

        var passed = Files.Where(f => f.Passed).Select(f => f.UploadId).OfType<Guid>().ToHashSet();
        // A refused member of a zip that holds others that passed is left out of the commit by name.
        var leftOut = Files.Where(f => !f.Passed && f.Member is not null && f.UploadId is { } id && passed.Contains(id))
            .Select(f => LeftOutMember.Format(f.UploadId!.Value, f.Member!));
        CommitFiles = CommitFilesInput.For(saved.Select(s => s.Id).Where(passed.Contains), reading);
        CommitFiles.LeftOut = [.. leftOut];
        // The files that passed are checked again too, so that one import may follow for all of them.
        RecheckFiles = Files.Any(f => f.NeedsTimeZone)
            ? CommitFilesInput.For(saved.Select(s => s.Id).Where(keep.Contains), reading)
            : new CommitFilesInput();
        return Page();
    }

    /// <summary>A line of the check, with its upload and, for a refused file with more bad rows than the page shows, the download of them all.</summary>
    private FileCheck Checked(ImportSetLine line, Dictionary<ImportSetEntry, (Guid Id, string Path)> errorFiles)
    {
        var check = new FileCheck(line) { UploadId = UploadOf(line) };
        return line is { Status: ImportSetStatus.Refused, Outcome: { } outcome, Entry: { } entry }
            && outcome.ErrorCount > outcome.Errors.Count && errorFiles.TryGetValue(entry, out var errors)
            ? check with { ErrorsId = errors.Id }
            : check;
    }

    /// <summary>Imports every file the check passed, as one run, each all or nothing on its own, and shows what each did.</summary>
    /// <remarks>
    /// The page is shown in answer to the post rather than after a redirect: its table is too much for a
    /// flash message, and posting it again changes nothing, since its uploads are deleted once used.
    /// </remarks>
    public async Task<IActionResult> OnPostCommitAsync(CancellationToken cancellationToken)
    {
        Problem = ZoneProblem(CommitFiles.TimeZone);
        if (Problem is not null)
            return Page();
        var saved = CommitFiles.UploadIds.Distinct().Take(MaxFiles).Select(id => (id, uploads.Find(User, id))).ToList();
        try
        {
            var set = SetOf(saved, CommitFiles.Reading(), dryRun: false, LeftOutMember.Parse(CommitFiles.LeftOut));
            if (await RunAsync(set, saved, cancellationToken) is { } run)
                Files = [.. run.Lines.Select(line => new FileCheck(line) { UploadId = UploadOf(line) })];
        }
        finally
        {
            foreach (var (id, _) in saved)
                uploads.Delete(User, id);
        }
        Imported = true;
        return Page();
    }

    /// <summary>
    /// The rejected rows of a check, once, to the account that made the check and within the hour; secret
    /// columns are blank in it, as in `ledger import --errors`.
    /// </summary>
    public IActionResult OnGetErrors(Guid id) =>
        downloads.Find(User, id, ".csv") is { } path ? DownloadFolder.SendOnce(path, "text/csv", "rejected-rows.csv") : NotFound();

    /// <summary>An inventory template's header, to start a spreadsheet from (as <c>ledger template NAME</c> prints it).</summary>
    public IActionResult OnGetTemplate(string name) =>
        InventoryTemplates.Find(name) is { } template
            ? File(System.Text.Encoding.UTF8.GetBytes(InventoryTemplates.HeaderLine(template) + "\n"), "text/csv", $"{template.Name}.csv")
            : NotFound();

    /// <summary>
    /// The run of the uploads: each one's files (a zip of a download as its members, but those <paramref name="leftOut"/>),
    /// named as uploaded; an upload no longer on the server is a line of its own.
    /// </summary>
    private static ImportSet SetOf(List<(Guid Id, string? Path)> saved, Reading reading, bool dryRun, IReadOnlySet<(Guid, string)>? leftOut)
    {
        var entries = new List<ImportSetEntry>();
        foreach (var (id, path) in saved)
        {
            if (path is null)
            {
                entries.Add(new ImportSetEntry("", null, 0, UploadGone) { ShownAs = "An uploaded file" });
                continue;
            }
            var uploadedAs = Path.GetFileName(path);
            entries.AddRange(ImportSet.EntriesOf([path])
                .Where(e => e.Member is null || leftOut?.Contains((id, e.Member)) != true)
                .Select(e => e with { ShownAs = uploadedAs }));
        }
        return new ImportSet(reading.Format, [], Trimmed(reading.TimeZone), DryRun: dryRun, DayFirst: reading.DayFirst, Wording: WebWording.Import) { Entries = entries };
    }

    /// <summary>The run, or null with the form's <see cref="Problem"/> when the run as a whole is refused (a format that is none).</summary>
    private async Task<ImportSetResult?> RunAsync(ImportSet set, List<(Guid Id, string? Path)> saved, CancellationToken cancellationToken)
    {
        try
        {
            var ledger = await LedgerAsync(cancellationToken);
            _uploadOf = saved.Where(s => s.Path is not null).ToDictionary(s => s.Path!, s => s.Id, StringComparer.Ordinal);
            Run = await new ImportSetHandler(ledger).HandleAsync(set, null, cancellationToken);
            return Run;
        }
        catch (ValidationException exception)
        {
            Problem = string.Join(" ", exception.Errors.Select(e => $"{Field(e.PropertyName)}: {e.ErrorMessage}"));
            return null;
        }
    }

    /// <summary>The upload a line's file is, or is in, by the upload's path on the server.</summary>
    private Guid? UploadOf(ImportSetLine line) =>
        line.Entry is { Path: var path } && _uploadOf.TryGetValue(path, out var id) ? id : null;

    private static string Field(string name) => name switch
    {
        "format" => "Format",
        "time-zone" => "Time zone",
        _ => name,
    };

    /// <summary>A figure of the run's table, grouped in thousands as the command line writes it.</summary>
    public static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string? ZoneProblem(string? timeZone) =>
        Trimmed(timeZone) is { } zone && !TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _)
            ? $"Time zone: '{zone}' is not a time zone; choose one from the list, or none when the file's times carry their zone."
            : null;

    private static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

/// <summary>How files are read: the same for a check, a second check and the import that follows.</summary>
public sealed record Reading(string Format, string? TimeZone, bool DayFirst);

/// <summary>The "Check files" form: the uploads, and how to read them.</summary>
public sealed class CheckFilesInput
{
    public List<IFormFile> Files { get; set; } = [];
    public string Format { get; set; } = ImportFormats.Auto;
    public string? TimeZone { get; set; }
    public bool DayFirst { get; set; }

    public Reading Reading() => new(Format, TimeZone, DayFirst);
}

/// <summary>The "Import" and "Check again" forms: uploads already on the server, and how to read them.</summary>
public sealed class CommitFilesInput
{
    public List<Guid> UploadIds { get; set; } = [];

    /// <summary>The members of uploaded zips that the check refused, left out of the commit (<see cref="LeftOutMember"/>).</summary>
    public List<string> LeftOut { get; set; } = [];

    public string Format { get; set; } = ImportFormats.Auto;
    public string? TimeZone { get; set; }
    public bool DayFirst { get; set; }

    public Reading Reading() => new(Format, TimeZone, DayFirst);

    public static CommitFilesInput For(IEnumerable<Guid> uploadIds, Reading reading) =>
        new() { UploadIds = [.. uploadIds], Format = reading.Format, TimeZone = reading.TimeZone, DayFirst = reading.DayFirst };
}

/// <summary>
/// A member of an uploaded zip left out of the commit, as the form carries it: the upload's id, a slash, and
/// the member's name as the zip writes it ("0f3c...9a/2026-11-01/UITracking.csv"). Only the refused members
/// are named, so a download of hundreds of files that passed makes a short form.
/// </summary>
public static class LeftOutMember
{
    public static string Format(Guid upload, string member) => $"{upload:N}/{member}";

    /// <summary>The members named; a value that is not one (a form made by hand) names none.</summary>
    public static IReadOnlySet<(Guid Upload, string Member)> Parse(IEnumerable<string> values)
    {
        var members = new HashSet<(Guid, string)>();
        foreach (var value in values)
        {
            var slash = value.IndexOf('/', StringComparison.Ordinal);
            if (slash > 0 && Guid.TryParseExact(value[..slash], "N", out var upload))
                members.Add((upload, value[(slash + 1)..]));
        }
        return members;
    }
}
