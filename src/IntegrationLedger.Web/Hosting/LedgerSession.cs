using System.Security.Claims;
using IntegrationLedger.Application;

namespace IntegrationLedger.Web.Hosting;

/// <summary>
/// The one ledger a request uses, from the session check to the page: opened on first use with the
/// signed-in account as the audit actor, so every change made on the web is recorded against the person
/// who made it, and closed when the request ends (the service is scoped to it).
/// </summary>
public sealed class LedgerSession(LedgerWebOptions options, IHttpContextAccessor http) : IAsyncDisposable
{
    /// <summary>The actor of changes made before anyone has signed in: sign-ins themselves.</summary>
    public const string AnonymousActor = "web (not signed in)";

    private Ledger? _ledger;

    /// <summary>The ledger, acting as the account the request is signed in with.</summary>
    public Task<Ledger> OpenAsync(CancellationToken cancellationToken = default) =>
        OpenAsAsync(http.HttpContext?.User.FindFirstValue(ClaimTypes.Email), cancellationToken);

    /// <summary>
    /// The ledger, acting as <paramref name="email"/>. The session check calls this before the request knows
    /// who is signed in, with the account the cookie names, so the ledger it opens is the one the page uses.
    /// </summary>
    internal async Task<Ledger> OpenAsAsync(string? email, CancellationToken cancellationToken = default)
    {
        var actor = email ?? AnonymousActor;
        if (_ledger is not null)
        {
            // A change recorded against the wrong person would make the audit log lie; this cannot happen quietly.
            return _ledger.Actor == actor ? _ledger
                : throw new InvalidOperationException($"This request's ledger acts as {_ledger.Actor}, not {actor}.");
        }
        _ledger = await Ledger.OpenAsync(options.LedgerOptionsFor(actor), cancellationToken);
        return _ledger;
    }

    /// <summary>
    /// Closes the ledger opened for a session that the check then refused: the rest of the request is not
    /// signed in, so whatever it records (a sign-in, say) is not the refused account's doing.
    /// </summary>
    internal async ValueTask CloseAsync()
    {
        if (_ledger is not null)
            await _ledger.DisposeAsync();
        _ledger = null;
    }

    public ValueTask DisposeAsync() => CloseAsync();
}
