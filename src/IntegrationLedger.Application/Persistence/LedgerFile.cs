using IntegrationLedger.Application.Common;

namespace IntegrationLedger.Application.Persistence;

/// <summary>
/// The path given as a ledger, looked at before SQLite opens it. SQLite would open a device or a FIFO and
/// fail deep inside with "disk I/O error", and would take an empty file for a new database, migrating it into
/// a ledger without its key or its first audit entry, whose chain could then never verify.
/// </summary>
internal static class LedgerFile
{
    /// <summary>Refuses a path that names something other than a regular file (a missing one is for the caller to judge).</summary>
    public static void EnsureRegularOrMissing(string path)
    {
        switch (FileKinds.Of(path))
        {
            case FileKind.Missing or FileKind.Regular:
                return;
            case FileKind.Directory:
                throw new LedgerUnavailableException($"{path} is a folder, not a ledger; give --db the path of a ledger file ('ledger --db FILE init' creates one).");
            case var kind:
                throw new LedgerUnavailableException($"{path} is {kind.Describe()}, not a ledger; give --db the path of a ledger file ('ledger --db FILE init' creates one).");
        }
    }

    /// <summary>
    /// A file of no bytes: never a ledger, since <c>init</c> writes the schema, the key check and the first
    /// audit entry before it returns. (A ledger's changes may wait in its write-ahead log, but SQLite writes
    /// the database's first page when the log is switched on, so the file itself is never empty.)
    /// </summary>
    public static bool IsEmpty(string path) => new FileInfo(path) is { Exists: true, Length: 0 };
}
