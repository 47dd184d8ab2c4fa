using System.Net;
using IntegrationLedger.Application;

namespace IntegrationLedger.Web.Hosting;

/// <summary>Where the ledger is and how to reach it; the same settings the command line uses.</summary>
public sealed record LedgerWebOptions(string DatabasePath, TimeProvider Clock, string? KeyFromEnvironment = null)
{
    public TimeSpan? BusyTimeout { get; init; }

    /// <summary>How to open the ledger acting as <paramref name="actor"/>.</summary>
    public LedgerOptions LedgerOptionsFor(string actor)
    {
        var ledgerOptions = new LedgerOptions(DatabasePath, actor, Clock, KeyFromEnvironment);
        return BusyTimeout is { } timeout ? ledgerOptions with { BusyTimeout = timeout } : ledgerOptions;
    }

    /// <summary>
    /// The reverse proxies (addresses or networks) whose X-Forwarded-For and X-Forwarded-Proto are believed.
    /// None by default: a header anyone can send must not choose the address a sign-in is limited and audited by.
    /// </summary>
    public IReadOnlyList<IPNetwork> TrustedProxies { get; init; } = [];
}
