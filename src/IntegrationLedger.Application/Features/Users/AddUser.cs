using FluentValidation;
using IntegrationLedger.Application.Common;
using IntegrationLedger.Application.Persistence.Auditing;
using IntegrationLedger.Domain.Common;
using IntegrationLedger.Domain.People;
using IntegrationLedger.Domain.Users;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Features.Users;

/// <summary>A web account. The password is hashed here and goes no further.</summary>
public sealed record AddUser(string Email, UserRole Role, string Password)
{
    // The record's generated ToString would print the password into any log that printed the request.
    public override string ToString() => $"AddUser {{ Email = {Email}, Role = {Role} }}";
}

public sealed class AddUserValidator : AbstractValidator<AddUser>
{
    public AddUserValidator()
    {
        RuleFor(r => r.Email).NotEmpty().EmailAddress().MaximumLength(FieldLimits.Email);
        RuleFor(r => r.Role).IsInEnum();
        RuleFor(r => r.Password).UsablePassword();
    }
}

public sealed class AddUserHandler(Ledger ledger)
{
    public async Task<UserSummary> HandleAsync(AddUser request, CancellationToken cancellationToken = default)
    {
        await new AddUserValidator().ValidateAndThrowAsync(request, cancellationToken);
        var hash = Passwords.Hash(request.Password);
        await using var change = await ledger.BeginChangeAsync(AuditActions.UserAdd, cancellationToken);

        var email = Person.NormalizeEmail(request.Email);
        if (await ledger.Db.Users.AnyAsync(u => u.Email == email, cancellationToken))
            throw new DomainException($"An account for '{email}' already exists.");

        var user = new LedgerUser(email, request.Role, hash, ledger.Now);
        ledger.Db.Users.Add(user);
        await change.CommitAsync(cancellationToken);
        return UserSummary.From(user);
    }
}
