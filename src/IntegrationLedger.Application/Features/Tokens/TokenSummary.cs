using IntegrationLedger.Domain.Common;
using IntegrationLedger.Domain.Tokens;

namespace IntegrationLedger.Application.Features.Tokens;

public sealed record TokenSummary(
    string Label,
    TokenKind Kind,
    string OwnerEmail,
    string? Account,
    TokenStatus Status,
    string? LastFour,
    DateTime LastRotatedAt,
    int? RotationDays,
    DateTime? RotationDueAt,
    bool Overdue,
    int InUseBy,
    int PendingUpdates,
    IReadOnlyList<string> WaitingFor)
{
    /// <summary>"api-key, owned by ana@example.com": how a token found by its secret is described (a method, so JSON leaves it out).</summary>
    public string KindAndOwner() => $"{KebabCase.Of(Kind)}, owned by {OwnerEmail}";

    /// <param name="integrationNames">Names of the integrations the token's usages point at, for <see cref="WaitingFor"/>.</param>
    public static TokenSummary From(Token token, string ownerEmail, string? account, DateTime now, IReadOnlyDictionary<Guid, string> integrationNames) => new(
        token.Label,
        token.Kind,
        ownerEmail,
        account,
        token.Status,
        token.LastFour,
        token.LastRotatedAt,
        token.EffectiveRotationDays,
        token.IsActive ? token.RotationDueAt : null,
        token.IsRotationOverdue(now),
        token.UsagesInEffect.Count(),
        token.Usages.Count(u => u.Status == TokenUsageStatus.PendingUpdate),
        token.Usages.Where(u => u.Status == TokenUsageStatus.PendingUpdate).Select(u => integrationNames[u.IntegrationId]).Order(StringComparer.Ordinal).ToList());
}
