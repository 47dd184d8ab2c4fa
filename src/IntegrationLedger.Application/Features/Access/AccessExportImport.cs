using IntegrationLedger.Application.Features.Access.Exports;
using IntegrationLedger.Application.Features.Importing;
using IntegrationLedger.Application.Features.Importing.Files;
using IntegrationLedger.Application.Persistence;
using IntegrationLedger.Application.Persistence.Auditing;
using IntegrationLedger.Domain.Access;
using IntegrationLedger.Domain.Accounts;
using IntegrationLedger.Domain.Common;
using IntegrationLedger.Domain.Importing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace IntegrationLedger.Application.Features.Access;

/// <summary>
/// Reads an access export into the ledger, for <see cref="ImportFileHandler"/>: each account's access of the
/// export's kind as of the export's moment. A snapshot is written when it differs from the one before it, and
/// says what changed; its audit entry is the change's record. An account a User export shows and the ledger does
/// not know is added. An export older than one already held is kept as history, never taken as the current state.
/// All or nothing, like every import; the same file twice changes nothing the second time.
/// </summary>
internal sealed class AccessExportImport(Ledger ledger)
{
    public async Task<AccessImportResult> ImportAsync(IAccessFormat format, bool detected, ITabularFile file, Func<string> hashOfText, ImportFile request, DateTime asOf, CancellationToken cancellationToken)
    {
        var reader = format.Bind(file.Header, file.Source);
        var counts = new AccessCounts();
        var errors = new List<RowError>();
        var rows = ReadRows(file, reader, counts, errors);
        if (counts.Read == 0)
            throw ImportFileException.NoRows(file.Source, file.Header.Line);
        var sha256 = hashOfText();

        await using var change = await ledger.BeginChangeAsync(AuditActions.Import(format.Name), cancellationToken);
        var db = ledger.Db;
        // Every account of the file is changed here; the commit detects the changes once.
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        // Snapshots are written as they are made and point at accounts and a batch the commit writes last.
        await db.Database.ExecuteSqlRawAsync("PRAGMA defer_foreign_keys = ON;", cancellationToken);
        var directory = await AccountDirectory.LoadAsync(db, format.Facet == AccessFacet.User, cancellationToken);
        long unknownUsers = 0;
        var byAccount = new Dictionary<Account, List<AccessRow>>();
        foreach (var row in rows)
        {
            var account = Resolve(format, row, directory, errors, ref unknownUsers);
            if (account is null)
            {
                counts.Rejected++;
                continue;
            }
            if (!byAccount.TryGetValue(account, out var ofAccount))
                byAccount[account] = ofAccount = [];
            else if (format.Facet != AccessFacet.PermissionSets)
            {
                // One row per user: a second one contradicts or repeats the first, and which to believe is unclear.
                errors.Add(new RowError(row.Line, ImportSource.WholeRow, $"is the second row for user {row.UserId} (the first is line {ofAccount[0].Line})"));
                counts.Rejected++;
                continue;
            }
            ofAccount.Add(row);
        }

        var batchId = Guid.CreateVersion7(ledger.Now);
        var before = await LatestAtOrBeforeAsync(db, format.Facet, asOf, cancellationToken);
        var later = await db.AccessSnapshots.AsNoTracking().Where(s => s.Facet == format.Facet && s.AsOf > asOf)
            .GroupBy(s => s.AccountId).Select(g => new { g.Key, Latest = g.Max(s => s.AsOf) }).ToDictionaryAsync(g => g.Key, g => g.Latest, cancellationToken);
        var snapshots = byAccount.Select(a => (a.Key, (long?)a.Value[0].Line, Snapshot(format.Facet, a.Key.Id, batchId, asOf, a.Value))).ToList();
        if (format.Facet == AccessFacet.Mfa)
            snapshots.AddRange(await WithoutMethodsAsync(db, directory, byAccount, batchId, asOf, cancellationToken));

        var changes = new List<AccountChange>();
        var written = new List<AccessSnapshot>();
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        using var writer = new AccessSnapshotWriter(connection, (SqliteTransaction)db.Database.CurrentTransaction!.GetDbTransaction(), batchId);
        foreach (var (account, line, snapshot) in snapshots)
        {
            counts.Accounts++;
            var previous = before.GetValueOrDefault(account.Id);
            if (previous is not null && previous.SameStateAs(snapshot))
            {
                var (confirmed, login) = (previous.ConfirmedAt, previous.LastLoginAt);
                previous.Confirm(snapshot);
                if (previous.ConfirmedAt != confirmed || previous.LastLoginAt != login)
                    writer.Confirm(previous);
                counts.Unchanged++;
                continue;
            }
            if (previous?.AsOf == asOf)
            {
                errors.Add(new RowError(line ?? 0, ImportSource.WholeRow,
                    $"{account.Username}'s {Words(format.Facet)} as of {asOf:yyyy-MM-dd HH:mm} UTC are already recorded otherwise, by another file; give this export its own moment with --as-of"));
                counts.Rejected++;
                continue;
            }
            written.Add(snapshot);
            if (later.ContainsKey(account.Id))
            {
                counts.History++;
            }
            else if (previous is null)
            {
                counts.FirstRecorded++;
            }
            else
            {
                snapshot.DescribeChangesFrom(previous);
                counts.Changed++;
                changes.Add(new AccountChange(account.Username, snapshot.Changes ?? "changed"));
                // Each change is an entry of the audit log of its own; the snapshots are covered by the batch's digest.
                if (snapshot.Changes is not null)
                    db.AccessChanges.Add(new AccessChangeRecord(snapshot, previous, account.Username, ledger.Now));
            }
        }
        writer.WriteAll(written);
        counts.AccountsAdded = db.ChangeTracker.Entries<Account>().Count(e => e.State == EntityState.Added);

        var committed = !request.DryRun && (counts.Rejected == 0 || request.SkipInvalid);
        var sameContentAs = counts.Rejected == 0 || request.SkipInvalid ? request.Run?.SameContentAs(sha256, file.Source.Name) : null;
        if (sameContentAs is not null)
            committed = false;
        if (committed)
        {
            var batchCounts = new ImportCounts { Read = counts.Read, Added = counts.Recorded, Duplicates = counts.Unchanged, Rejected = counts.Rejected };
            db.ImportBatches.Add(new ImportBatch(batchId, file.Source.Title, sha256, format.Name, null, ledger.Actor, ledger.Now, batchCounts, writer.Digest(), asOf: asOf));
            await change.CommitAsync(cancellationToken);
        }
        return new AccessImportResult(format.Name, detected, request.Path, asOf, counts, errors.Take(Importing.UsageImportResult.ErrorsKept).ToList(), errors.Count, committed, request.DryRun)
        {
            Member = file.Source.Member,
            LaterHeld = later.Count == 0 ? null : later.Values.Max(),
            Changes = changes.OrderBy(c => c.Username, StringComparer.Ordinal).ToList(),
            UnknownUsers = unknownUsers,
            SameContentAs = sameContentAs,
        };
    }

    private static List<AccessRow> ReadRows(ITabularFile file, IAccessRowReader reader, AccessCounts counts, List<RowError> errors)
    {
        var rows = new List<AccessRow>();
        var rowErrors = new List<RowError>();
        void Malformed()
        {
            foreach (var error in file.TakeErrors())
            {
                counts.Read++;
                counts.Rejected++;
                errors.Add(error);
            }
        }
        while (file.Read())
        {
            counts.Read++;
            Malformed();
            rowErrors.Clear();
            if (file.FieldCount != file.Header.Count)
                rowErrors.Add(new RowError(file.LineNumber, ImportSource.WholeRow, $"has {file.FieldCount} field{(file.FieldCount == 1 ? "" : "s")} where the header has {file.Header.Count} (truncated or shifted row)"));
            else if (reader.Read(file, rowErrors) is { } row)
                rows.Add(row);
            if (rowErrors.Count > 0)
            {
                counts.Rejected++;
                errors.AddRange(rowErrors);
            }
        }
        Malformed();
        return rows;
    }

    /// <summary>The account a row is about; a User row may add one, the other exports only name accounts a User export brought.</summary>
    private Account? Resolve(IAccessFormat format, AccessRow row, AccountDirectory directory, List<RowError> errors, ref long unknownUsers)
    {
        if (format.Facet != AccessFacet.User)
        {
            if (directory.ById(row.UserId) is { } known)
                return known;
            unknownUsers++;
            errors.Add(new RowError(row.Line, format is PermissionSetAssignmentFormat ? "AssigneeId" : "UserId",
                $"user {row.UserId} is in no User export the ledger holds; import the User export ({UserExportFormat.FormatName}) of the same org first, or with this file"));
            return null;
        }
        var (account, problem) = directory.Match(row.UserId, row.Username);
        if (problem is not null)
        {
            errors.Add(new RowError(row.Line, "Username", problem));
            return null;
        }
        if (account is not null)
            return account;
        if (row.Username is null)
        {
            errors.Add(new RowError(row.Line, "Username", $"is needed to add user {row.UserId}, whom the ledger does not know"));
            return null;
        }
        try
        {
            return directory.Add(row.UserId, row.Username, row.User!, ledger.Now);
        }
        catch (DomainException exception)
        {
            errors.Add(new RowError(row.Line, "Username", exception.Message.TrimEnd('.')));
            return null;
        }
    }

    private AccessSnapshot Snapshot(AccessFacet facet, Guid accountId, Guid batchId, DateTime asOf, List<AccessRow> rows) => facet switch
    {
        AccessFacet.User => AccessSnapshot.OfUser(accountId, batchId, asOf, ledger.Now, rows[0].User!),
        // The same set twice (a permission set group's members) is one grant, its permissions together.
        AccessFacet.PermissionSets => AccessSnapshot.OfPermissionSets(accountId, batchId, asOf, ledger.Now,
            rows.Select(r => r.Grant).OfType<PermissionSetGrant>().GroupBy(g => g.Name, StringComparer.Ordinal)
                .Select(g => g.First() with { Granted = g.Aggregate(SalesforcePermissions.None, (p, x) => p | x.Granted), Known = g.Aggregate(SalesforcePermissions.None, (p, x) => p | x.Known) })
                .ToList()),
        AccessFacet.Mfa => AccessSnapshot.OfMfa(accountId, batchId, asOf, ledger.Now, rows[0].Mfa ?? MfaMethods.None),
        _ => AccessSnapshot.OfLogin(accountId, batchId, asOf, ledger.Now, rows[0].IsFrozen, rows[0].IsPasswordLocked),
    };

    /// <summary>
    /// TwoFactorMethodsInfo lists only users with a method: an account of the ledger's User exports that the
    /// export leaves out has none, as of its moment.
    /// </summary>
    private async Task<IEnumerable<(Account, long?, AccessSnapshot)>> WithoutMethodsAsync(LedgerDbContext db, AccountDirectory directory, Dictionary<Account, List<AccessRow>> listed,
        Guid batchId, DateTime asOf, CancellationToken cancellationToken)
    {
        var users = (await db.AccessSnapshots.AsNoTracking().Where(s => s.Facet == AccessFacet.User && s.AsOf <= asOf).Select(s => s.AccountId).Distinct().ToListAsync(cancellationToken)).ToHashSet();
        var listedIds = listed.Keys.Select(a => a.Id).ToHashSet();
        return directory.WithUserIds.Where(a => users.Contains(a.Id) && !listedIds.Contains(a.Id))
            .Select(a => (a, (long?)null, AccessSnapshot.OfMfa(a.Id, batchId, asOf, ledger.Now, MfaMethods.None))).ToList();
    }

    /// <summary>Each account's latest snapshot of a facet at or before a moment.</summary>
    private static async Task<Dictionary<Guid, AccessSnapshot>> LatestAtOrBeforeAsync(LedgerDbContext db, AccessFacet facet, DateTime asOf, CancellationToken cancellationToken) =>
        (await AccessSnapshotReader.LatestOfAsync(db, facet, asOf, cancellationToken)).ToDictionary(s => s.AccountId);

    internal static string Words(AccessFacet facet) => facet switch
    {
        AccessFacet.User => "user details",
        AccessFacet.PermissionSets => "permission sets",
        AccessFacet.Mfa => "verification methods",
        _ => "login state",
    };
}
