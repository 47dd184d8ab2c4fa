namespace IntegrationLedger.Application.Persistence.Auditing.Verification;

/// <summary>
/// One way the tables differ from what the audit log says they hold: a row no entry created, a row the log
/// has and the table has lost, a field whose value differs, or a batch whose events are not those imported.
/// Values are shown as the log writes them; a redacted value (a fingerprint, a password hash) only as set or empty.
/// </summary>
/// <param name="Table">The table, as the sqlite3 shell names it (Tokens, Users...).</param>
/// <param name="Row">The row's id, and its name where it has one.</param>
/// <param name="Field">The column that differs; null when the whole row does.</param>
public sealed record LedgerDifference(string Table, string Row, string? Field, string? LogValue, string? TableValue, string Message)
{
    private const int ValueShown = 200;

    public static LedgerDifference RowWithoutEntry(string table, string row) =>
        new(table, row, null, null, null, $"{table}: row {row} is in the table, but no audit entry created it.");

    public static LedgerDifference RowMissing(string table, string row) =>
        new(table, row, null, null, null, $"{table}: row {row} is in the audit log, but not in the table.");

    public static LedgerDifference FieldDiffers(string table, string row, string field, string logValue, string tableValue)
    {
        var (log, now) = (Clip(logValue), Clip(tableValue));
        return new(table, row, field, log, now, $"{table}: row {row}, {field}: the audit log says {log}, the table says {now}.");
    }

    public static LedgerDifference EventsDiffer(string row, string field, string logValue, string tableValue, string why) =>
        new("UsageEvents", row, field, logValue, tableValue, $"UsageEvents of import batch {row}: {why}.");

    public override string ToString() => Message;

    private static string Clip(string value) => value.Length <= ValueShown ? value : string.Concat(value.AsSpan(0, ValueShown), "…");
}
