using IntegrationLedger.Domain.Common;
using IntegrationLedger.Domain.People;

namespace IntegrationLedger.Domain.Users;

/// <summary>
/// A local account for the web application, keyed by email. Only the framework's password hash is kept.
/// The security stamp changes with the password or the role, which ends every session signed in before.
/// </summary>
public sealed class LedgerUser
{
    /// <summary>Failed sign-ins in a row that lock the account.</summary>
    public const int FailuresBeforeLockout = 5;

    /// <summary>How long a locked account stays locked: long enough to make guessing hopeless, short enough not to need an admin.</summary>
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

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
    public int FailedSignIns { get; private set; }
    public DateTime? LockedOutUntil { get; private set; }
    public DateTime? LastSignInAt { get; private set; }
    public DateTime CreatedAt { get; private set; }

    /// <summary>When the account was disabled (its owner left, say); a disabled account cannot sign in.</summary>
    public DateTime? DisabledAt { get; private set; }

    public bool IsDisabled => DisabledAt is not null;

    public bool IsLockedOut(DateTime now) => LockedOutUntil > now;

    /// <summary>Counts a wrong password; the <see cref="FailuresBeforeLockout"/>th in a row locks the account.</summary>
    public void RecordFailedSignIn(DateTime now)
    {
        FailedSignIns++;
        if (FailedSignIns >= FailuresBeforeLockout)
        {
            LockedOutUntil = Guard.Utc(now, nameof(now)) + LockoutDuration;
            FailedSignIns = 0;
        }
    }

    public void RecordSignIn(DateTime now)
    {
        FailedSignIns = 0;
        LockedOutUntil = null;
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
        LockedOutUntil = null;
        FailedSignIns = 0;
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
        FailedSignIns = 0;
        LockedOutUntil = null;
        SecurityStamp = NewStamp();
    }

    private static string NewStamp() => Guid.NewGuid().ToString("N");
}
