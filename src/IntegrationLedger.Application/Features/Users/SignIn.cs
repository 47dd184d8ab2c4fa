using IntegrationLedger.Application.Persistence.Auditing;
using IntegrationLedger.Domain.Users;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Features.Users;

public sealed record SignIn(string Email, string Password, string? RemoteAddress)
{
    public override string ToString() => $"SignIn {{ Email = {Email}, RemoteAddress = {RemoteAddress} }}";
}

public enum SignInOutcome
{
    SignedIn,
    Failed,
    LockedOut,
}

/// <param name="SessionStamp">The account's security stamp, for the session cookie (which is encrypted) to be checked against.</param>
public sealed record SignInResult(SignInOutcome Outcome, UserSummary? User, string? SessionStamp = null);

/// <summary>
/// Checks a password and records the attempt, whatever its outcome, as an access event in the audit log.
/// A locked account is refused whatever the password, so guessing gains nothing while it is locked.
/// </summary>
public sealed class SignInHandler(Ledger ledger)
{
    public async Task<SignInResult> HandleAsync(SignIn request, CancellationToken cancellationToken = default)
    {
        // Whatever was typed, even nothing: Person.NormalizeEmail would refuse a blank one, and a sign-in must
        // be answered (and recorded) the same way whatever the box held.
        var email = request.Email.Trim().ToLowerInvariant();
        // The hash is slow on purpose; it is checked before the write lock is taken, so sign-ins (anyone may
        // try one) never hold up the ledger's writers. The outcome is then recorded against the account as it
        // stands under the lock.
        var known = email.Length == 0 ? null : await ledger.Db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Email == email, cancellationToken);
        var (matches, rehash) = Passwords.Check(known, request.Password);
        var newHash = matches && rehash ? Passwords.Hash(request.Password) : null;

        await using var change = await ledger.BeginChangeAsync(AuditActions.SignIn, cancellationToken);
        var now = ledger.Now;
        var user = known is null ? null : await ledger.Db.Users.SingleOrDefaultAsync(u => u.Id == known.Id, cancellationToken);
        // A password changed between the check and the lock: the check was against the old one.
        matches &= user is not null && user.PasswordHash == known!.PasswordHash;

        SignInResult result;
        if (user is not null && user.IsLockedOut(now))
        {
            Record(AccessEventKind.SignInWhileLockedOut, user.Email, $"locked until {user.LockedOutUntil:yyyy-MM-dd HH:mm} UTC");
            result = new SignInResult(SignInOutcome.LockedOut, null);
        }
        else if (matches && user!.IsDisabled)
        {
            // Answered like a wrong password: the page does not say which accounts exist, disabled or not.
            Record(AccessEventKind.SignInFailed, user.Email, "account disabled");
            result = new SignInResult(SignInOutcome.Failed, null);
        }
        else if (matches)
        {
            user!.RecordSignIn(now);
            if (newHash is not null)
                user.ChangePassword(newHash);
            Record(AccessEventKind.SignedIn, user.Email, null);
            result = new SignInResult(SignInOutcome.SignedIn, UserSummary.From(user), user.SecurityStamp);
        }
        else
        {
            user?.RecordFailedSignIn(now);
            var locked = user?.IsLockedOut(now) == true;
            Record(AccessEventKind.SignInFailed, user?.Email ?? AccessEvent.UnknownAccount, locked ? "wrong password; account locked" : "wrong password");
            result = new SignInResult(locked ? SignInOutcome.LockedOut : SignInOutcome.Failed, null);
        }
        await change.CommitAsync(cancellationToken);
        return result;

        void Record(AccessEventKind kind, string account, string? detail) =>
            ledger.Db.AccessEvents.Add(new AccessEvent(kind, account, detail, request.RemoteAddress, now));
    }
}
