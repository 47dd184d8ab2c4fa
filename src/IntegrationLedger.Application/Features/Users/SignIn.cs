using IntegrationLedger.Domain.People;
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
/// A locked account is refused without its password being checked, so guessing gains nothing while locked.
/// </summary>
public sealed class SignInHandler(Ledger ledger)
{
    public async Task<SignInResult> HandleAsync(SignIn request, CancellationToken cancellationToken = default)
    {
        var email = request.Email.Trim().ToLowerInvariant();
        await using var change = await ledger.BeginChangeAsync("auth.sign-in", cancellationToken);
        var now = ledger.Now;
        var user = email.Length == 0 ? null : await ledger.Db.Users.SingleOrDefaultAsync(u => u.Email == email, cancellationToken);

        SignInResult result;
        if (user is not null && user.IsLockedOut(now))
        {
            Record(AccessEventKind.SignInWhileLockedOut, user.Email, $"locked until {user.LockedOutUntil:yyyy-MM-dd HH:mm} UTC");
            result = new SignInResult(SignInOutcome.LockedOut, null);
        }
        else
        {
            var (matches, rehash) = Passwords.Check(user, request.Password);
            if (matches)
            {
                user!.RecordSignIn(now);
                if (rehash)
                    user.ChangePassword(Passwords.Hash(request.Password));
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
        }
        await change.CommitAsync(cancellationToken);
        return result;

        void Record(AccessEventKind kind, string account, string? detail) =>
            ledger.Db.AccessEvents.Add(new AccessEvent(kind, account, detail, request.RemoteAddress, now));
    }
}
