using IntegrationLedger.Application.Common.Security;

namespace IntegrationLedger.Application.Features.Tokens;

/// <summary>Which registered token is this secret? Compares keyed fingerprints; the secret is not kept.</summary>
public sealed class FindTokenHandler(Ledger ledger)
{
    public async Task<TokenSummary?> HandleAsync(Secret secret, CancellationToken cancellationToken = default)
    {
        var hash = ledger.Key.Fingerprint(secret).Hash;
        var matches = await TokenReadModel.SummariesAsync(ledger, ledger.Db.Tokens.Where(t => t.Fingerprint == hash), cancellationToken);
        // Fingerprints are unique (an index guarantees it), so there is at most one.
        return matches.Count > 0 ? matches[0] : null;
    }
}
