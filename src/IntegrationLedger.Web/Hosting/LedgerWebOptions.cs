namespace IntegrationLedger.Web.Hosting;

/// <summary>Where the ledger is and how to reach it; the same settings the command line uses.</summary>
public sealed record LedgerWebOptions(string DatabasePath, TimeProvider Clock, string? KeyFromEnvironment = null)
{
    public TimeSpan? BusyTimeout { get; init; }
}
