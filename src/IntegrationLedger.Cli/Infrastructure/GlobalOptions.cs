using System.CommandLine;

namespace IntegrationLedger.Cli.Infrastructure;

/// <summary>Options every command accepts, before or after its name.</summary>
internal sealed class GlobalOptions
{
    public const string DatabaseVariable = "LEDGER_DB";
    public const string DefaultDatabase = "ledger.db";

    /// <summary>Seconds to wait for another process's write lock (default 15), for scripts that would rather wait or fail fast.</summary>
    public const string BusyTimeoutVariable = "LEDGER_BUSY_TIMEOUT";

    public Option<string?> Database { get; } = new("--db")
    {
        Description = $"The ledger's SQLite file (default: ${DatabaseVariable}, else ./{DefaultDatabase})",
        HelpName = "PATH",
        Recursive = true,
    };

    /// <summary>
    /// Not recursive, unlike the others: <see cref="LedgerCli"/> gives it to every command but
    /// <c>audit log</c>, whose own <c>--actor</c> filters the log by actor (a listing records no changes).
    /// </summary>
    public Option<string?> Actor { get; } = new("--actor")
    {
        Description = "Who the audit log records as making changes (default: the operating-system user)",
        HelpName = "NAME",
    };

    public Option<bool> Verbose { get; } = new("--verbose")
    {
        Description = "Show the full details of unexpected errors",
        Recursive = true,
    };

    public IEnumerable<Option> All => [Database, Actor, Verbose];
}
