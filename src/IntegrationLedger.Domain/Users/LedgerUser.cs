using IntegrationLedger.Domain.Common;
using IntegrationLedger.Domain.People;

namespace IntegrationLedger.Domain.Users;

/// <summary>
/// A local account for the web application, keyed by email. Only the framework's password hash is kept.
/// The security stamp changes with the password or the role, which ends every session signed in before.
/// </summary>
public sealed class LedgerUser
{
    private LedgerUser()
    {
        Email = null!;
        PasswordHash = null!;
        SecurityStamp = null!;
    }

    public LedgerUser(string email, UserRole role, string passwordHash, DateTime createdAt)
    {
        Id = Guid.CreateVersion7(createdAt);
        Email = Person.NormalizeEmail(email);
        Role = Guard.Defined(role, nameof(role));
        PasswordHash = Guard.Required(passwordHash, "A password hash");
        SecurityStamp = NewStamp();
        CreatedAt = Guard.Utc(createdAt, nameof(createdAt));
    }

    public Guid Id { get; private set; }
    public string Email { get; private set; }
    public UserRole Role { get; private set; }
    public string PasswordHash { get; private set; }
    public string SecurityStamp { get; private set; }
    public DateTime? LastSignInAt { get; private set; }
    public DateTime CreatedAt { get; private set; }

    /// <summary>When the account was disabled (its owner left, say); a disabled account cannot sign in.</summary>
    public DateTime? DisabledAt { get; private set; }

    public bool IsDisabled => DisabledAt is not null;

    public void RecordSignIn(DateTime now)
    {
        LastSignInAt = Guard.Utc(now, nameof(now));
    }

    public void ChangeRole(UserRole role)
    {
        Role = Guard.Defined(role, nameof(role));
        SecurityStamp = NewStamp();
    }

    public void ChangePassword(string passwordHash)
    {
        PasswordHash = Guard.Required(passwordHash, "A password hash");
        SecurityStamp = NewStamp();
    }

    /// <summary>Keeps the account and its history but lets no one sign in with it, and ends its sessions.</summary>
    public void Disable(DateTime at)
    {
        if (IsDisabled)
            throw new DomainException($"{Email} is already disabled.");
        DisabledAt = Guard.Utc(at, nameof(at));
        SecurityStamp = NewStamp();
    }

    public void Enable()
    {
        if (!IsDisabled)
            throw new DomainException($"{Email} is not disabled.");
        DisabledAt = null;
        SecurityStamp = NewStamp();
    }

    private static string NewStamp() => Guid.NewGuid().ToString("N");
}
