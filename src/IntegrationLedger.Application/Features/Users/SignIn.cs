using IntegrationLedger.Application.Common;
using IntegrationLedger.Application.Persistence.Auditing;
using IntegrationLedger.Domain.Users;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Features.Users;

public sealed record SignIn(string Email, string Password, string? RemoteAddress)
{
    public override string ToString() => $"SignIn {{ Email = {Email}, RemoteAddress = {RemoteAddress} }}";
}

/// <summary>Every way a sign-in can fail is one outcome, so that no answer says which way it failed.</summary>
public enum SignInOutcome
{
    SignedIn,
    Failed,
}

/// <param name="SessionStamp">The account's security stamp, for the session cookie (which is encrypted) to be checked against.</param>
/// <param name="SessionId">The <see cref="WebSession"/> this sign-in started, which the session cookie names and sign-out ends.</param>
public sealed record SignInResult(SignInOutcome Outcome, UserSummary? User, string? SessionStamp = null, Guid? SessionId = null)
{
    public static readonly SignInResult Failed = new(SignInOutcome.Failed, null);
}

/// <summary>
/// Checks a password, slowing guessers (<see cref="SignInThrottle"/>), and records the attempt as an access event
/// in the audit log. A wrong password, an account that does not exist or is disabled, and an attempt made
/// during a wait all fail alike; an account that does not exist still has a password hash checked, so the
/// answer takes as long.
/// </summary>
public sealed class SignInHandler(Ledger ledger, SignInThrottle throttle, AccessEventLog accessEvents)
{
    /// <summary>How long an address that signed in to an account lets that account's owner past its wait.</summary>
    public static readonly TimeSpan UsualAddressFor = TimeSpan.FromDays(30);

    public async Task<SignInResult> HandleAsync(SignIn request, CancellationToken cancellationToken = default)
    {
        // Whatever was typed, even nothing: Person.NormalizeEmail would refuse a blank one, and a sign-in must
        // be answered (and recorded) the same way whatever the box held.
        var email = request.Email.Trim().ToLowerInvariant();
        if (email.Length > FieldLimits.Email)
            email = email[..FieldLimits.Email];
        var address = request.RemoteAddress;
        var now = ledger.Now;
        var known = email.Length == 0 ? null : await ledger.Db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Email == email, cancellationToken);
        // Recorded for an account that does not exist in place of the text typed, which may be a password typed in the wrong box.
        var recorded = known?.Email ?? AccessEvent.UnknownAccount;
        // Asked whether or not the account exists, so both take the same time.
        var since = now - UsualAddressFor;
        var usualAddress = address is not null && await ledger.Db.AccessEvents.AnyAsync(
            e => e.Kind == AccessEventKind.SignedIn && e.Email == email && e.RemoteAddress == address && e.OccurredAt >= since, cancellationToken);

        if (throttle.HeldUntil(email, address, usualAddress, now) is { } heldUntil)
        {
            await accessEvents.RecordAsync(ledger, new RecordAccess(AccessEventKind.SignInWhileLockedOut, recorded,
                $"attempt during a wait after failed ones (until {heldUntil:yyyy-MM-dd HH:mm:ss} UTC); not checked", address),
                countAs: "attempts during a wait after failed ones; not checked", cancellationToken);
            return SignInResult.Failed;
        }

        // The hash is slow on purpose; it is checked before the write lock is taken, so sign-ins (anyone may
        // try one) never hold up the ledger's writers.
        var (matches, rehash) = Passwords.Check(known, request.Password);
        if (matches && !known!.IsDisabled && await SignedInAsync(known, rehash ? Passwords.Hash(request.Password) : null, address, cancellationToken) is { } signedIn)
            return signedIn;

        if (throttle.RecordFailure(email, known is not null, address, now))
        {
            // Once per run of failures: the admins' notice, written at once (and never counted away).
            await new RecordAccessHandler(ledger).HandleAsync(new RecordAccess(AccessEventKind.SignInsSlowed, recorded,
                $"{SignInThrottle.PerAccount.FreeFailures} failed sign-ins in a row; further attempts wait, up to {SignInThrottle.PerAccount.LongestWait.TotalMinutes:0} minutes, except from addresses the account used in the last {UsualAddressFor.TotalDays:0} days",
                address), cancellationToken);
        }
        // A disabled account is answered like a wrong password: the page does not say which accounts exist, disabled or not.
        await accessEvents.RecordAsync(ledger, new RecordAccess(AccessEventKind.SignInFailed, recorded, matches && known!.IsDisabled ? "account disabled" : "wrong password", address), cancellationToken: cancellationToken);
        return SignInResult.Failed;
    }

    /// <summary>Records the sign-in against the account as it stands under the write lock; null if its password changed meanwhile.</summary>
    private async Task<SignInResult?> SignedInAsync(LedgerUser checkedUser, string? newHash, string? address, CancellationToken cancellationToken)
    {
        await using var change = await ledger.BeginChangeAsync(AuditActions.SignIn, cancellationToken);
        var user = await ledger.Db.Users.SingleOrDefaultAsync(u => u.Id == checkedUser.Id, cancellationToken);
        // A password changed, or the account disabled, between the check and the lock: the check no longer holds.
        if (user is null || user.PasswordHash != checkedUser.PasswordHash || user.IsDisabled)
            return null;
        var now = ledger.Now;
        user.RecordSignIn(now);
        if (newHash is not null)
            user.ChangePassword(newHash);
        ledger.Db.AccessEvents.Add(new AccessEvent(AccessEventKind.SignedIn, user.Email, null, address, now));
        var session = ledger.Db.WebSessions.Add(new WebSession(user.Id, now)).Entity;
        await change.CommitAsync(cancellationToken);
        return new SignInResult(SignInOutcome.SignedIn, UserSummary.From(user), user.SecurityStamp, session.Id);
    }
}
