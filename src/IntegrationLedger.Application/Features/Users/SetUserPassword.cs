using FluentValidation;
using IntegrationLedger.Application.Persistence;
using IntegrationLedger.Application.Persistence.Auditing;

namespace IntegrationLedger.Application.Features.Users;

/// <summary>A new password for an account, which also ends the account's sessions.</summary>
public sealed record SetUserPassword(string Email, string Password)
{
    public override string ToString() => $"SetUserPassword {{ Email = {Email} }}";
}

public sealed class SetUserPasswordValidator : AbstractValidator<SetUserPassword>
{
    public SetUserPasswordValidator()
    {
        RuleFor(r => r.Email).NotEmpty();
        RuleFor(r => r.Password).UsablePassword();
    }
}

public sealed class SetUserPasswordHandler(Ledger ledger)
{
    public async Task<UserSummary> HandleAsync(SetUserPassword request, CancellationToken cancellationToken = default)
    {
        await new SetUserPasswordValidator().ValidateAndThrowAsync(request, cancellationToken);
        var hash = Passwords.Hash(request.Password);
        await using var change = await ledger.BeginChangeAsync(AuditActions.UserPassword, cancellationToken);
        var user = await ledger.Db.RequireUserAsync(request.Email, cancellationToken);
        user.ChangePassword(hash);
        await change.CommitAsync(cancellationToken);
        return UserSummary.From(user);
    }
}
