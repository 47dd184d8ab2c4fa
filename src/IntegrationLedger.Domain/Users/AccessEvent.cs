using IntegrationLedger.Domain.Common;

namespace IntegrationLedger.Domain.Users;

public enum AccessEventKind
{
    SignedIn,
    SignInFailed,

    /// <summary>
    /// An attempt refused unchecked because its account or address must wait after failed attempts (the name
    /// is from when accounts were locked; kept so older ledgers still read).
    /// </summary>
    SignInWhileLockedOut,
    SignedOut,
    Denied,

    /// <summary>An account's sign-ins began to be slowed by failed attempts: an attack, for the admins to look at.</summary>
    SignInsSlowed,
}

/// <summary>
/// A sign-in, a failed or slowed one, a sign-out, or a request refused for want of a role. Recorded as a row so that
/// the audit log, which records every row written, carries it too.
/// </summary>
public sealed class AccessEvent
{
    private AccessEvent()
    {
        Email = null!;
    }

    /// <summary>What is recorded for a sign-in to an account that does not exist, in place of the text typed.</summary>
    public const string UnknownAccount = "(no such account)";

    /// <param name="email">The account's email; for an account that does not exist, <see cref="UnknownAccount"/>,
    /// never the text typed, which may be a password typed in the wrong box.</param>
    public AccessEvent(AccessEventKind kind, string email, string? detail, string? remoteAddress, DateTime occurredAt)
    {
        Id = Guid.CreateVersion7(occurredAt);
        Kind = Guard.Defined(kind, nameof(kind));
        Email = Guard.Required(email, "An account");
        Detail = detail is null ? null : Clip(detail, 400);
        RemoteAddress = remoteAddress;
        OccurredAt = Guard.Utc(occurredAt, nameof(occurredAt));
    }

    public Guid Id { get; private set; }
    public AccessEventKind Kind { get; private set; }
    public string Email { get; private set; }
    public string? Detail { get; private set; }
    public string? RemoteAddress { get; private set; }
    public DateTime OccurredAt { get; private set; }

    private static string Clip(string text, int length) => text.Length <= length ? text : text[..length];
}
