using IntegrationLedger.Domain.Common;

namespace IntegrationLedger.Domain.People;

/// <summary>An employee or contractor who owns tokens or integrations. The email is the natural key.</summary>
public sealed class Person
{
    private Person()
    {
        Email = null!;
        Name = null!;
    }

    public Person(string email, string name, string? department, DateTime createdAt)
    {
        Id = Guid.CreateVersion7(createdAt);
        Email = NormalizeEmail(email);
        Name = Guard.Required(name, "A person's name");
        Department = Guard.Optional(department);
        Status = PersonStatus.Active;
        CreatedAt = Guard.Utc(createdAt, nameof(createdAt));
    }

    public Guid Id { get; private set; }
    public string Email { get; private set; }
    public string Name { get; private set; }
    public string? Department { get; private set; }
    public PersonStatus Status { get; private set; }
    public DateOnly? DepartedOn { get; private set; }
    public DateTime CreatedAt { get; private set; }

    public bool HasDeparted => Status == PersonStatus.Departed;

    /// <summary>Emails compare case-insensitively in practice, so the ledger keeps them lower-case.</summary>
    public static string NormalizeEmail(string email) => Guard.Required(email, "An email").ToLowerInvariant();

    /// <summary>Corrects a person's name or department; returns whether anything changed.</summary>
    public bool UpdateDetails(string name, string? department)
    {
        var newName = Guard.Required(name, "A person's name");
        var newDepartment = Guard.Optional(department);
        if (newName == Name && newDepartment == Department)
            return false;
        Name = newName;
        Department = newDepartment;
        return true;
    }

    public void Offboard(DateOnly departedOn)
    {
        if (HasDeparted)
            throw new DomainException($"{Email} was already offboarded on {DepartedOn:yyyy-MM-dd}.");
        Status = PersonStatus.Departed;
        DepartedOn = departedOn;
    }

    /// <summary>New credentials for someone who has left would outlive every offboarding check.</summary>
    public void EnsureCanBeGivenNewTokens()
    {
        if (HasDeparted)
            throw new DomainException($"{Email} departed on {DepartedOn:yyyy-MM-dd} and cannot be given new tokens.");
    }
}
