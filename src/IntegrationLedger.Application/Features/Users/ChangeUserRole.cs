using FluentValidation;
using IntegrationLedger.Application.Persistence;
using IntegrationLedger.Application.Persistence.Auditing;
using IntegrationLedger.Domain.Common;
using IntegrationLedger.Domain.Users;

namespace IntegrationLedger.Application.Features.Users;

/// <summary>Gives an account another role; its sessions end, since they were granted under the old one.</summary>
public sealed record ChangeUserRole(string Email, UserRole Role);

public sealed class ChangeUserRoleValidator : AbstractValidator<ChangeUserRole>
{
    public ChangeUserRoleValidator()
    {
        RuleFor(r => r.Email).NotEmpty();
        RuleFor(r => r.Role).IsInEnum();
    }
}

public sealed class ChangeUserRoleHandler(Ledger ledger)
{
    public async Task<UserSummary> HandleAsync(ChangeUserRole request, CancellationToken cancellationToken = default)
    {
        await new ChangeUserRoleValidator().ValidateAndThrowAsync(request, cancellationToken);
        await using var change = await ledger.BeginChangeAsync(AuditActions.UserRole, cancellationToken);
        var user = await ledger.Db.RequireUserAsync(request.Email, cancellationToken);
        if (user.Role == UserRole.Admin && request.Role != UserRole.Admin && !await AdminAccounts.AnotherActiveAsync(ledger, user, cancellationToken))
            throw new DomainException($"{user.Email} is the only admin; make another account admin first, or no one could manage accounts.");
        user.ChangeRole(request.Role);
        await change.CommitAsync(cancellationToken);
        return UserSummary.From(user);
    }
}
