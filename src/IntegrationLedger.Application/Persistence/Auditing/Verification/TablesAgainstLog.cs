using System.Reflection;
using System.Text.Json;
using IntegrationLedger.Domain.Auditing;
using IntegrationLedger.Domain.Usage;
using IntegrationLedger.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace IntegrationLedger.Application.Persistence.Auditing.Verification;

/// <summary>
/// Compares every audited table with the rows the audit log's entries build (<see cref="AuditReplay"/>):
/// each row must have been created by an entry, each row the log holds must still be there, and each
/// column the log records must hold the value the log last gave it. Rows are read through EF Core and
/// written out with <see cref="AuditValues"/>, so both sides are in the very form the log holds.
/// Which columns are compared, and why some are not, is docs/decisions/0010.
/// </summary>
internal static class TablesAgainstLog
{
    /// <summary>
    /// Written with SQL in bulk, not through the change tracker, so not audited row by row (decision 0003):
    /// events and access snapshots are checked against their batches instead (<see cref="EventsAgainstBatches"/>);
    /// known users are a lookup of user ids learnt from imported files, rebuilt by importing them again; the
    /// activity baselines are totals of the events, rebuilt from them by <c>ledger activity rebuild</c>.
    /// </summary>
    private static readonly HashSet<Type> NotAuditedRowByRow =
    [
        typeof(AuditEntry), typeof(UsageEvent), typeof(KnownUser), typeof(Domain.Access.AccessSnapshot),
        typeof(Domain.Activity.ActivityDay), typeof(Domain.Activity.ActivityObject), typeof(Domain.Activity.ActivitySource),
        typeof(Domain.Activity.BulkJob), typeof(Domain.Activity.FailedLoginHour),
    ];

    /// <summary>
    /// Bookkeeping of the web's sign-in that changes by design without an entry of its own (a session's stamp,
    /// the last sign-in): a difference there is no tampering with the evidence. (Failed attempts are counted in
    /// the server's memory, decision 0007, not in the table.)
    /// </summary>
    private static readonly HashSet<(string Entity, string Column)> NotCompared =
    [
        (nameof(LedgerUser), nameof(LedgerUser.SecurityStamp)),
        (nameof(LedgerUser), nameof(LedgerUser.LastSignInAt)),
    ];

    /// <summary>Columns that name a row for people, tried in this order.</summary>
    private static readonly string[] NamingColumns = ["Label", "Email", "Name", "Username", "FileName", "Quarter", "SubjectKey", "Subject", "Cidr", "Value"];

    private static readonly MethodInfo SetOfType = typeof(DbContext).GetMethod(nameof(DbContext.Set), Type.EmptyTypes)!;

    public static async Task<List<LedgerDifference>> CompareAsync(LedgerDbContext db, AuditReplay replay, CancellationToken cancellationToken)
    {
        var differences = new List<LedgerDifference>();
        var audited = db.Model.GetEntityTypes()
            .Where(t => !t.IsOwned() && !NotAuditedRowByRow.Contains(t.ClrType))
            .OrderBy(t => t.GetTableName(), StringComparer.Ordinal);
        foreach (var type in audited)
            await CompareTableAsync(db, type, replay, differences, cancellationToken);
        return differences;
    }

    private static async Task CompareTableAsync(LedgerDbContext db, IEntityType type, AuditReplay replay, List<LedgerDifference> differences, CancellationToken cancellationToken)
    {
        var table = type.GetTableName() ?? type.ClrType.Name;
        var properties = AuditValues.Properties(type)
            .Where(p => p.Property.FindAnnotation(AuditAnnotations.Ignored) is null && !NotCompared.Contains((type.ClrType.Name, p.Name)))
            .ToList();
        var logged = replay.Rows(type.ClrType.Name).ToDictionary(r => r.Id, StringComparer.Ordinal);

        var rows = ((IQueryable<object>)SetOfType.MakeGenericMethod(type.ClrType).Invoke(db, null)!).AsNoTracking().AsAsyncEnumerable();
        await foreach (var entity in rows.WithCancellation(cancellationToken))
        {
            var entry = db.Entry(entity);
            var id = AuditValues.KeyOf(entry);
            var values = properties.ToDictionary(p => p.Name, p => JsonSerializer.Serialize(AuditValues.Logged(entity, p, p.Of(entry).CurrentValue), AuditValues.Json));
            var row = Named(id, name => values.GetValueOrDefault(name));
            if (!logged.Remove(id, out var fromLog))
            {
                differences.Add(LedgerDifference.RowWithoutEntry(table, row));
                continue;
            }
            foreach (var property in properties)
            {
                // A column the log never recorded for this row (added by a later migration) has nothing to be compared with.
                if (!fromLog.TryGetValue(property.Name, out var expected))
                    continue;
                var actual = values[property.Name];
                if (AuditValues.IsRedacted(entity, property))
                {
                    // Only whether it is there: the log holds no more, and entries older than the redaction hold the value itself.
                    var (wasSet, isSet) = (expected.ValueKind != JsonValueKind.Null, actual != "null");
                    if (wasSet != isSet)
                        differences.Add(LedgerDifference.FieldDiffers(table, row, property.Name, SetOrEmpty(wasSet), SetOrEmpty(isSet)));
                }
                else if (expected.GetRawText() != actual)
                {
                    differences.Add(LedgerDifference.FieldDiffers(table, row, property.Name, expected.GetRawText(), actual));
                }
            }
        }
        foreach (var missing in logged.Values.OrderBy(r => r.Id, StringComparer.Ordinal))
            differences.Add(LedgerDifference.RowMissing(table, Named(missing.Id, name => missing.TryGetValue(name, out var value) ? value.GetRawText() : null)));
    }

    /// <summary>The row's id, with the first naming column it has (already JSON, so quoted and with control characters escaped).</summary>
    private static string Named(string id, Func<string, string?> valueOf)
    {
        var name = NamingColumns.Select(valueOf).FirstOrDefault(v => v is not null and not "null" and not $"\"{AuditValues.RedactedValue}\"");
        return name is null ? id : $"{id} ({name})";
    }

    /// <summary>A redacted value is compared, but only whether it is there is ever shown.</summary>
    private static string SetOrEmpty(bool set) => set ? "(set)" : "(empty)";
}
