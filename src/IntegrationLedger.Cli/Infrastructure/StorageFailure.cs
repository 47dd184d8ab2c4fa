using Microsoft.Data.Sqlite;

namespace IntegrationLedger.Cli.Infrastructure;

/// <summary>
/// What SQLite's error codes mean to the person who ran the command: one sentence naming the ledger, and the
/// exit code the command-line contract gives it. EF Core wraps some of them (a failed save, a failed
/// migration), so the whole chain of exceptions is searched; the codes are SQLite's primary result codes.
/// </summary>
internal sealed record StorageFailure(string Message, int ExitCode)
{
    private const int DiskIoError = 10;
    private const int Corrupt = 11;
    private const int ReadOnly = 8;
    private const int Full = 13;
    private const int CannotOpen = 14;
    private const int NotADatabase = 26;

    /// <summary>The failure <paramref name="exception"/> stands for, or null when it is not one of SQLite's about the file.</summary>
    public static StorageFailure? From(Exception exception, string? databasePath)
    {
        var sqlite = Find(exception);
        var ledger = databasePath is null ? "the ledger" : $"the ledger {databasePath}";
        return sqlite?.SqliteErrorCode switch
        {
            // The path given cannot serve as a ledger: bad input, as an unwritable --out is.
            ReadOnly => new($"Cannot change {ledger}: the file or its folder is read-only. Nothing was changed.", ExitCodes.BadInput),
            CannotOpen => new($"Cannot open {ledger}: SQLite could not open it, or create its -wal and -shm files beside it (is the folder writable?).", ExitCodes.BadInput),
            NotADatabase => new($"{Capitalised(ledger)} is not a valid SQLite database; give --db the path of a ledger.", ExitCodes.BadInput),
            // A page that does not read back as written is the integrity failure the contract reserves exit code 3 for.
            Corrupt => new($"{Capitalised(ledger)} is damaged: SQLite found a malformed page. Nothing was changed; restore it from a backup, and see what is wrong with: sqlite3 {databasePath ?? "LEDGER"} 'PRAGMA integrity_check'", ExitCodes.IntegrityFailure),
            // The machine, not the input: the same command may work once the disk is fixed or has room.
            Full => new($"The disk holding {ledger} is full. Nothing was changed.", ExitCodes.Unexpected),
            DiskIoError => new($"Reading or writing {ledger} failed: the disk reported an error. Nothing was changed.", ExitCodes.Unexpected),
            _ => null,
        };
    }

    private static SqliteException? Find(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current is SqliteException sqlite)
                return sqlite;
        }
        return null;
    }

    private static string Capitalised(string text) => char.ToUpperInvariant(text[0]) + text[1..];
}
