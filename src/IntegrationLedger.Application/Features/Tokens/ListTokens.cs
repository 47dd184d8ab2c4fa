using IntegrationLedger.Domain.Tokens;

namespace IntegrationLedger.Application.Features.Tokens;

/// <summary>All tokens, or with <see cref="DueWithinDays"/> only active ones due for rotation within that many days or overdue.</summary>
public sealed record ListTokens(int? DueWithinDays = null);

public sealed class ListTokensHandler(Ledger ledger)
{
    public async Task<IReadOnlyList<TokenSummary>> HandleAsync(ListTokens request, CancellationToken cancellationToken = default)
    {
        var tokens = await TokenReadModel.SummariesAsync(ledger, ledger.Db.Tokens, cancellationToken);
        if (request.DueWithinDays is not { } days)
            return tokens.OrderBy(t => t.Label, StringComparer.Ordinal).ToList();

        var horizon = ledger.Now.AddDays(days);
        return tokens
            .Where(t => t.Status == TokenStatus.Active && (t.PendingUpdates > 0 || t.RotationDueAt <= horizon))
            .OrderBy(t => t.RotationDueAt ?? DateTime.MaxValue)
            .ThenBy(t => t.Label, StringComparer.Ordinal)
            .ToList();
    }
}
