using IntegrationLedger.Domain.People;
using IntegrationLedger.Domain.Tokens;

namespace IntegrationLedger.Application.Features.Tokens;

/// <summary>
/// All tokens, or only those that match every filter given: with <see cref="DueWithinDays"/> active ones
/// due for rotation within that many days, overdue, or waiting for integrations to be updated;
/// <see cref="Owner"/> (an email) the tokens that person owns; <see cref="Status"/> and <see cref="Kind"/>.
/// </summary>
public sealed record ListTokens(int? DueWithinDays = null, string? Owner = null, TokenStatus? Status = null, TokenKind? Kind = null);

public sealed class ListTokensHandler(Ledger ledger)
{
    public async Task<IReadOnlyList<TokenSummary>> HandleAsync(ListTokens request, CancellationToken cancellationToken = default)
    {
        // The filters that are columns of the token are applied in SQL; "due" depends on each token's policy.
        var query = ledger.Db.Tokens.AsQueryable();
        if (!string.IsNullOrWhiteSpace(request.Owner))
        {
            var email = Person.NormalizeEmail(request.Owner.Trim());
            query = query.Where(t => ledger.Db.People.Any(p => p.Id == t.OwnerId && p.Email == email));
        }
        if (request.Status is { } status)
            query = query.Where(t => t.Status == status);
        if (request.Kind is { } kind)
            query = query.Where(t => t.Kind == kind);

        var tokens = await TokenReadModel.SummariesAsync(ledger, query, cancellationToken);
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
