using FluentValidation;
using IntegrationLedger.Application.Persistence;
using IntegrationLedger.Application.Persistence.Auditing;
using IntegrationLedger.Domain.Common;
using IntegrationLedger.Domain.Users;

namespace IntegrationLedger.Application.Features.Users;

/// <summary>
/// Disables an account (its owner left, or should no longer sign in) or enables it again. Accounts are
/// disabled rather than deleted so that the audit log's actors keep naming an account that existed.
/// </summary>
public sealed record SetUserEnabled(string Email, bool Enabled);

public sealed class SetUserEnabledValidator : AbstractValidator<SetUserEnabled>
{
    public SetUserEnabledValidator() => RuleFor(r => r.Email).NotEmpty();
}

public sealed class SetUserEnabledHandler(Ledger ledger)
{
    public async Task<UserSummary> HandleAsync(SetUserEnabled request, CancellationToken cancellationToken = default)
    {
        await new SetUserEnabledValidator().ValidateAndThrowAsync(request, cancellationToken);
        await using var change = await ledger.BeginChangeAsync(request.Enabled ? AuditActions.UserEnable : AuditActions.UserDisable, cancellationToken);
        var user = await ledger.Db.RequireUserAsync(request.Email, cancellationToken);
        if (request.Enabled)
        {
            user.Enable();
        }
        else
        {
            if (user.Role == UserRole.Admin && !await AdminAccounts.AnotherActiveAsync(ledger, user, cancellationToken))
                throw new DomainException($"{user.Email} is the only active admin; make another account admin first, or no one could manage accounts.");
            user.Disable(ledger.Now);
        }
        await change.CommitAsync(cancellationToken);
        return UserSummary.From(user);
    }
}
