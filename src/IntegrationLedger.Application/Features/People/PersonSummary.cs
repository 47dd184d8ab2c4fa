using IntegrationLedger.Domain.People;

namespace IntegrationLedger.Application.Features.People;

public sealed record PersonSummary(string Email, string Name, string? Department, PersonStatus Status, DateOnly? DepartedOn)
{
    public static PersonSummary From(Person person) =>
        new(person.Email, person.Name, person.Department, person.Status, person.DepartedOn);
}
