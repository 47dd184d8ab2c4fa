using IntegrationLedger.Application.Persistence;
using IntegrationLedger.Domain.Tokens;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Features.Tokens;

/// <summary>Loads tokens with the names (owner email, account username) their summaries show.</summary>
internal static class TokenReadModel
{
    public static async Task<IReadOnlyList<TokenSummary>> SummariesAsync(Ledger ledger, IQueryable<Token> query, CancellationToken cancellationToken) =>
        await SummariesAsync(ledger, await query.AsNoTracking().Include(t => t.Usages).ToListAsync(cancellationToken), cancellationToken);

    /// <summary>The summaries of tokens already loaded with their usages, in the same order.</summary>
    public static async Task<IReadOnlyList<TokenSummary>> SummariesAsync(Ledger ledger, IReadOnlyList<Token> tokens, CancellationToken cancellationToken)
    {
        var db = ledger.Db;
        var owners = await db.PeopleByIdAsync(tokens.Select(t => (Guid?)t.OwnerId), cancellationToken);
        var accountIds = tokens.Select(t => t.AccountId).OfType<Guid>().Distinct().ToList();
        var accounts = await db.Accounts.AsNoTracking().Where(a => accountIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Username, cancellationToken);
        var pendingIntegrations = tokens.SelectMany(t => t.Usages).Where(u => u.Status == TokenUsageStatus.PendingUpdate).Select(u => u.IntegrationId).Distinct().ToList();
        var integrationNames = await db.Integrations.AsNoTracking().Where(i => pendingIntegrations.Contains(i.Id)).ToDictionaryAsync(i => i.Id, i => i.Name, cancellationToken);
        var now = ledger.Now;
        return tokens
            .Select(t => TokenSummary.From(t, owners[t.OwnerId].Email, t.AccountId is { } id ? accounts[id] : null, now, integrationNames))
            .ToList();
    }

    public static async Task<TokenSummary> SummaryAsync(Ledger ledger, string label, CancellationToken cancellationToken) =>
        (await SummariesAsync(ledger, ledger.Db.Tokens.Where(t => t.Label == label), cancellationToken)).Single();
}
