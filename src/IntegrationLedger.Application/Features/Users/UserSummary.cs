using IntegrationLedger.Domain.Users;

namespace IntegrationLedger.Application.Features.Users;

public sealed record UserSummary(Guid Id, string Email, UserRole Role, DateTime? LastSignInAt, DateTime? DisabledAt)
{
    public static UserSummary From(LedgerUser user) =>
        new(user.Id, user.Email, user.Role, user.LastSignInAt, user.DisabledAt);
}
