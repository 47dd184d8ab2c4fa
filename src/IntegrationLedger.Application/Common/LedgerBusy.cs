using Microsoft.Data.Sqlite;

namespace IntegrationLedger.Application.Common;

/// <summary>Another process held the ledger's write lock past the busy timeout (SQLITE_BUSY or SQLITE_LOCKED).</summary>
public static class LedgerBusy
{
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;

    public static bool Is(Exception exception) => exception is SqliteException { SqliteErrorCode: SqliteBusy or SqliteLocked };
}
