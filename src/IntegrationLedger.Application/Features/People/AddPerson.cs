using FluentValidation;
using IntegrationLedger.Application.Common;
using IntegrationLedger.Application.Persistence;
using IntegrationLedger.Application.Persistence.Auditing;
using IntegrationLedger.Domain.Common;
using IntegrationLedger.Domain.People;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Features.People;

public sealed record AddPerson(string Email, string Name, string? Department);

public sealed class AddPersonValidator : AbstractValidator<AddPerson>
{
    public AddPersonValidator()
    {
        RuleFor(r => r.Email).NotEmpty().EmailAddress().MaximumLength(FieldLimits.Email);
        RuleFor(r => r.Name).NotEmpty().MaximumLength(FieldLimits.Name);
        RuleFor(r => r.Department).MaximumLength(FieldLimits.Name);
    }
}

public sealed class AddPersonHandler(Ledger ledger)
{
    public async Task<PersonSummary> HandleAsync(AddPerson request, CancellationToken cancellationToken = default)
    {
        await new AddPersonValidator().ValidateAndThrowAsync(request, cancellationToken);
        await using var change = await ledger.BeginChangeAsync(AuditActions.PersonAdd, cancellationToken);

        var email = Person.NormalizeEmail(request.Email);
        if (await ledger.Db.People.AnyAsync(p => p.Email == email, cancellationToken))
            throw new DomainException($"A person with email '{email}' is already in the ledger.");

        var person = new Person(email, request.Name, request.Department, ledger.Now);
        ledger.Db.People.Add(person);
        await change.CommitAsync(cancellationToken);
        return PersonSummary.From(person);
    }
}
