namespace IntegrationLedger.Application;

/// <summary>How to open a ledger: where it is, who is acting, what time it is, and the key if given directly.</summary>
public sealed record LedgerOptions(string DatabasePath, string Actor, TimeProvider Clock, string? KeyFromEnvironment = null)
{
    /// <summary>How long a command waits for another process's write lock before giving up.</summary>
    public TimeSpan BusyTimeout { get; init; } = TimeSpan.FromSeconds(15);
}
