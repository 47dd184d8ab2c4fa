using System.Security.Claims;
using IntegrationLedger.Application;

namespace IntegrationLedger.Web.Hosting;

/// <summary>
/// The ledger as one request sees it, opened on first use with the signed-in account as the audit actor,
/// so every change made on the web is recorded against the person who made it.
/// </summary>
public sealed class LedgerSession(LedgerWebOptions options, IHttpContextAccessor http) : IAsyncDisposable
{
    /// <summary>The actor of changes made before anyone has signed in: sign-ins themselves.</summary>
    public const string AnonymousActor = "web (not signed in)";

    private Ledger? _ledger;

    /// <summary>
    /// The ledger with the current account as its actor. The session cookie is checked before the request
    /// knows who is signed in, so a ledger opened then is reopened once the account is known.
    /// </summary>
    public async Task<Ledger> OpenAsync(CancellationToken cancellationToken = default)
    {
        var actor = http.HttpContext?.User.FindFirstValue(ClaimTypes.Email) ?? AnonymousActor;
        if (_ledger is not null && _ledger.Actor == actor)
            return _ledger;
        if (_ledger is not null)
            await _ledger.DisposeAsync();
        var ledgerOptions = new LedgerOptions(options.DatabasePath, actor, options.Clock, options.KeyFromEnvironment);
        if (options.BusyTimeout is { } timeout)
            ledgerOptions = ledgerOptions with { BusyTimeout = timeout };
        _ledger = await Ledger.OpenAsync(ledgerOptions, cancellationToken);
        return _ledger;
    }

    public async ValueTask DisposeAsync()
    {
        if (_ledger is not null)
            await _ledger.DisposeAsync();
    }
}
