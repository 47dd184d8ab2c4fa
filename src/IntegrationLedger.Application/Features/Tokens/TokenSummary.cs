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
    int PendingUpdates)
{
    public static TokenSummary From(Token token, string ownerEmail, string? account, DateTime now) => new(
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
        token.Usages.Count(u => u.Status == TokenUsageStatus.PendingUpdate));
}
