using IntegrationLedger.Application.Features.Activity;
using IntegrationLedger.Application.Features.ConnectedApps;
using IntegrationLedger.Application.Features.Importing.Attribution;
using IntegrationLedger.Application.Features.Importing.Csv;
using IntegrationLedger.Application.Features.Importing.Files;
using IntegrationLedger.Application.Features.Importing.Formats;
using IntegrationLedger.Application.Persistence.Auditing;
using IntegrationLedger.Domain.Importing;
using IntegrationLedger.Domain.Usage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace IntegrationLedger.Application.Features.Importing;

public sealed record ImportProgress(long BytesRead, long TotalBytes, long Rows);

public sealed record UnattributedActivity(string? Account, string? Application, string? SourceIp, long Events);

/// <summary>How many of a file's new Threat Detection events name one user the ledger does not know (a username, else a user id, else none).</summary>
public sealed record UnknownUserEvents(string? User, long Events);

/// <summary>How many of a file's new events were attributed to one integration.</summary>
public sealed record AttributedActivity(string Integration, long Events);

/// <summary>What importing a platform export did, in detail.</summary>
public sealed record UsageImportResult(
    string Format,
    bool FormatDetected,
    string File,
    string Sha256,
    ImportCounts Counts,
    IReadOnlyList<RowError> Errors,
    long ErrorCount,
    IReadOnlyList<UnattributedActivity> Unattributed,
    int FooterLines,
    bool Committed,
    bool DryRun)
{
    /// <summary>How many errors a result keeps for display; the errors file and the count have them all.</summary>
    public const int ErrorsKept = 1000;

    public bool Rejected => Counts.Rejected > 0 && !Committed && !DryRun;

    /// <summary>The integrations the new events were attributed to, most events first.</summary>
    public IReadOnlyList<AttributedActivity> AttributedTo { get; init; } = [];

    /// <summary>
    /// The new Threat Detection events whose user the ledger does not know (no account with the username or user id,
    /// no integration claiming them), by user, most events first: kept and counted, but no finding names them, so the
    /// summary does.
    /// </summary>
    public IReadOnlyList<UnknownUserEvents> UnknownUsers { get; init; } = [];

    /// <summary>The file read inside a zip, or null when <see cref="File"/> was read itself (plain or gzip).</summary>
    public string? Member { get; init; }

    /// <summary>Rows set aside, by the event type the ledger does not use (their sum is <see cref="ImportCounts.SetAside"/>).</summary>
    public IReadOnlyDictionary<string, long> SetAsideTypes { get; init; } = new Dictionary<string, long>();

    /// <summary>
    /// Another file of the same run with the same text, which was imported (or checked) in this one's place;
    /// null when this file was the first with its content.
    /// </summary>
    public string? SameContentAs { get; init; }
}

/// <summary>
/// Reads a platform export into the ledger, for <see cref="ImportFileHandler"/>: every event validated,
/// deduplicated by its natural key, attributed, and written with the batch in one transaction.
/// </summary>
internal sealed class UsageExportImport(Ledger ledger)
{
    private const int ProgressEvery = 16_384;
    private const int UnattributedGroupsKept = 10_000;

    public async Task<UsageImportResult> ImportAsync(IUsageFormat format, bool detected, CsvFile csv, ImportFile request, TimeZoneInfo? zone, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        var reader = format.Bind(csv.Header, csv.Source.Name);

        await using var change = await ledger.BeginChangeAsync(AuditActions.Import(format.Name), cancellationToken);
        var db = ledger.Db;
        // Events point at their batch, which is written last with its final counts.
        // A larger page cache keeps the key index's pages in memory while millions of rows go in.
        await db.Database.ExecuteSqlRawAsync("PRAGMA defer_foreign_keys = ON; PRAGMA cache_size = -65536;", cancellationToken);
        var attributor = await Attributor.LoadAsync(db, cancellationToken);
        var appTies = await ConnectedAppTies.LoadAsync(db, cancellationToken);
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        var transaction = (SqliteTransaction)db.Database.CurrentTransaction!.GetDbTransaction();
        var batchId = Guid.CreateVersion7(ledger.Now);
        using var writer = new UsageEventWriter(connection, transaction, batchId, format.Name);
        var baselines = new ActivityBaselineWriter(connection, transaction);
        var indexes = DeferredEventIndexes.For(connection, transaction);
        using var rejectedRows = request.ErrorsPath is null ? null : RejectedRowsFile.Create(request.ErrorsPath, request.Path, csv.Header.Names, reader.SecretColumns);

        var context = new ImportContext(batchId, zone, request.DayFirst, request.RemedyWording);
        var counts = new ImportCounts();
        var errors = new List<RowError>();
        long errorCount = 0;
        var setAside = new Dictionary<string, long>(StringComparer.Ordinal);
        var unattributed = new Dictionary<(string?, string?, string?), long>();
        var attributedTo = new Dictionary<Guid, long>();
        var unknownUsers = new Dictionary<string, long>(StringComparer.Ordinal);
        var rowErrors = new List<RowError>();

        void Reject(IReadOnlyList<RowError> found, string[]? fields)
        {
            counts.Rejected += found.Select(e => e.Line).Distinct().Count();
            foreach (var error in found)
            {
                errorCount++;
                if (errors.Count < UsageImportResult.ErrorsKept)
                    errors.Add(error);
                rejectedRows?.Write(error, fields, csv.Header.Count);
            }
        }

        while (csv.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            counts.Read++;
            if (counts.Read % ProgressEvery == 0)
                progress?.Report(new ImportProgress(csv.BytesRead, csv.Length, counts.Read));
            if (csv.TakeErrors() is { Count: > 0 } malformed)
            {
                counts.Read += malformed.Count;
                Reject(malformed, null);
            }

            if (reader.UnusedType(csv) is { } unusedType)
            {
                // A type that says nothing about credentials: received and counted, its other fields unread.
                counts.SetAside++;
                setAside[unusedType] = setAside.GetValueOrDefault(unusedType) + 1;
                continue;
            }

            rowErrors.Clear();
            if (csv.FieldCount != csv.Header.Count)
                rowErrors.Add(new RowError(csv.LineNumber, ImportSource.WholeRow, $"has {csv.FieldCount} field{(csv.FieldCount == 1 ? "" : "s")} where the header has {csv.Header.Count} (truncated or shifted row)"));
            var usageEvent = rowErrors.Count == 0 ? reader.Read(csv, context, rowErrors) : null;
            if (usageEvent is null)
            {
                if (rowErrors.FirstOrDefault(e => e.NeedsTimeZone) is { } needsZone)
                    throw new ImportFileException($"{csv.Source.At(needsZone.Line, needsZone.Field)}: {needsZone.Reason}.") { NeedsTimeZone = true };
                Reject(rowErrors, csv.Fields());
                continue;
            }

            if (await baselines.JobDisagreementAsync(usageEvent, cancellationToken) is { } disagreement)
            {
                Reject([new RowError(csv.LineNumber, "JOB_ID", disagreement)], csv.Fields());
                continue;
            }
            var attribution = format.IsActivity ? attributor.Attribute(usageEvent) : new EventAttribution(usageEvent.Username, null, null);
            if (!writer.Write(usageEvent, attribution, appTies.TieOf(usageEvent)))
            {
                // Already in the ledger, with the attribution it was given then.
                counts.Duplicates++;
                continue;
            }
            counts.Added++;
            indexes.Added();
            await baselines.AddAsync(usageEvent, attribution.IntegrationId, attribution.Username ?? usageEvent.Username, cancellationToken);
            // Setup changes are evidence about integrations, not their activity: neither attributed nor not.
            if (format.IsActivity && attribution.IntegrationId is { } integrationId)
            {
                counts.Attributed++;
                attributedTo[integrationId] = attributedTo.GetValueOrDefault(integrationId) + 1;
            }
            else if (format.IsActivity)
            {
                counts.Unattributed++;
                var group = (attribution.Username ?? usageEvent.UserId, usageEvent.Application ?? usageEvent.ClientName, usageEvent.SourceIp);
                if (unattributed.TryGetValue(group, out var seen) || unattributed.Count < UnattributedGroupsKept)
                    unattributed[group] = seen + 1;
                // Salesforce's verdict on a user the ledger has no account for: no rule can name it (see SalesforceThreatDetectionRule).
                if (UsageEventTypes.IsThreatDetection(usageEvent.EventType) && !attributor.KnowsAccount(attribution.Username, usageEvent.UserId))
                {
                    var user = attribution.Username ?? usageEvent.UserId ?? "";
                    if (unknownUsers.TryGetValue(user, out var events) || unknownUsers.Count < UnattributedGroupsKept)
                        unknownUsers[user] = events + 1;
                }
            }
        }
        if (csv.TakeErrors() is { Count: > 0 } trailing)
        {
            counts.Read += trailing.Count;
            Reject(trailing, null);
        }
        if (counts.Read == 0)
            throw ImportFileException.NoRows(csv.Source, csv.Header.Line);
        progress?.Report(new ImportProgress(csv.Length, csv.Length, counts.Read));
        rejectedRows?.Complete();

        var acceptable = counts.Rejected == 0 || request.SkipInvalid;
        // Within one run, a file whose text another has already given is read once: the first one stands for both.
        var sameContentAs = acceptable ? request.Run?.SameContentAs(csv.Sha256(), csv.Source.Name) : null;
        var committed = acceptable && !request.DryRun && sameContentAs is null;
        if (committed)
        {
            await indexes.RestoreAsync(cancellationToken);
            await RememberUsersAsync(connection, transaction, attributor.Learned, cancellationToken);
            await baselines.FlushAsync(cancellationToken);
            // The batch names the member a zip held, and hashes the CSV text, not the compressed bytes. A file
            // of types the ledger does not use is recorded too, with what it set aside: an auditor sees all that came in.
            db.ImportBatches.Add(new ImportBatch(batchId, csv.Source.Title, csv.Sha256(), format.Name, zone?.Id, ledger.Actor, ledger.Now, counts, writer.EventsDigest(), setAside));
            await change.CommitAsync(cancellationToken);
        }

        var attributedIds = attributedTo.Keys.ToList();
        var integrationNames = await db.Integrations.AsNoTracking().Where(i => attributedIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, i => i.Name, cancellationToken);
        return new UsageImportResult(
            format.Name, detected, request.Path, csv.Sha256(), counts, errors, errorCount,
            unattributed.OrderByDescending(g => g.Value).ThenBy(g => g.Key.Item1, StringComparer.Ordinal)
                .Select(g => new UnattributedActivity(g.Key.Item1, g.Key.Item2, g.Key.Item3, g.Value)).ToList(),
            csv.FooterLines, committed, request.DryRun)
        {
            AttributedTo = attributedTo.Select(a => new AttributedActivity(integrationNames[a.Key], a.Value))
                .OrderByDescending(a => a.Events).ThenBy(a => a.Integration, StringComparer.Ordinal).ToList(),
            Member = csv.Source.Member,
            SetAsideTypes = setAside,
            SameContentAs = sameContentAs,
            UnknownUsers = unknownUsers.OrderByDescending(u => u.Value).ThenBy(u => u.Key, StringComparer.Ordinal)
                .Select(u => new UnknownUserEvents(u.Key.Length == 0 ? null : u.Key, u.Value)).ToList(),
        };
    }

    /// <summary>
    /// Sets aside a whole file of Event Monitoring types the ledger does not use, counted by type without
    /// parsing its rows (<see cref="EventTypeScan"/>), and records its batch; null when the file holds a row to
    /// read (or anything else the full reader must judge), for <see cref="ImportAsync"/> to read it all.
    /// </summary>
    public async Task<UsageImportResult?> SetAsideWholeAsync(IUsageFormat format, bool detected, ImportedFile file, ImportSource source, byte separator, ImportFile request, TimeZoneInfo? zone, CancellationToken cancellationToken)
    {
        EventTypeScan.Result? scan;
        using (var text = file.OpenText())
            scan = EventTypeScan.Scan(text, separator, type => !ElfFormat.Reads(type));
        if (scan is not { Rows: > 0 })
            return null;
        var counts = new ImportCounts { Read = scan.Rows, SetAside = scan.Rows };
        var sameContentAs = request.Run?.SameContentAs(scan.Sha256, source.Name);
        var committed = !request.DryRun && sameContentAs is null;
        if (committed)
        {
            await using var change = await ledger.BeginChangeAsync(AuditActions.Import(format.Name), cancellationToken);
            ledger.Db.ImportBatches.Add(new ImportBatch(
                Guid.CreateVersion7(ledger.Now), source.Title, scan.Sha256, format.Name, zone?.Id, ledger.Actor, ledger.Now, counts, EventDigest.OfNoEvents, scan.RowsByType));
            await change.CommitAsync(cancellationToken);
        }
        return new UsageImportResult(format.Name, detected, request.Path, scan.Sha256, counts, [], 0, [], 0, committed, request.DryRun)
        {
            Member = source.Member,
            SetAsideTypes = scan.RowsByType,
            SameContentAs = sameContentAs,
        };
    }

    /// <summary>User ids first seen with their usernames in this file, kept for imports that name users only by id.</summary>
    private static async Task RememberUsersAsync(SqliteConnection connection, SqliteTransaction transaction, Dictionary<string, string> learned, CancellationToken cancellationToken)
    {
        if (learned.Count == 0)
            return;
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO KnownUsers (UserId, Username) VALUES ($id, $name) ON CONFLICT (UserId) DO UPDATE SET Username = excluded.Username";
        var id = command.Parameters.Add("$id", SqliteType.Text);
        var name = command.Parameters.Add("$name", SqliteType.Text);
        foreach (var (userId, username) in learned)
        {
            id.Value = userId;
            name.Value = username;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
