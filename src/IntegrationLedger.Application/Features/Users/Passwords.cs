using FluentValidation;
using IntegrationLedger.Application.Common;
using IntegrationLedger.Domain.Users;
using Microsoft.AspNetCore.Identity;

namespace IntegrationLedger.Application.Features.Users;

/// <summary>
/// Passwords go through ASP.NET Core Identity's hasher (PBKDF2 with a salt per password, its iteration
/// count raised by each framework release), and only its hash is kept.
/// </summary>
internal static class Passwords
{
    private static readonly PasswordHasher<LedgerUser> Hasher = new();

    /// <summary>A hash to check against when the account does not exist, so the answer takes as long either way.</summary>
    private static readonly Lazy<string> DecoyHash = new(() => Hasher.HashPassword(null!, Guid.NewGuid().ToString()));

    public static string Hash(string password) => Hasher.HashPassword(null!, password);

    /// <summary>Whether the password matches, and whether its hash should be renewed with today's parameters.</summary>
    public static (bool Matches, bool Rehash) Check(LedgerUser? user, string password)
    {
        var result = Hasher.VerifyHashedPassword(user!, user?.PasswordHash ?? DecoyHash.Value, password);
        return (user is not null && result != PasswordVerificationResult.Failed, result == PasswordVerificationResult.SuccessRehashNeeded);
    }

    /// <summary>The one password rule, for every request that sets a password.</summary>
    public static IRuleBuilderOptions<T, string> UsablePassword<T>(this IRuleBuilder<T, string> rule) =>
        rule.Must(p => p.Length >= FieldLimits.PasswordMinimum)
            .WithMessage($"A password needs at least {FieldLimits.PasswordMinimum} characters; a passphrase of a few words is easiest.")
            .Must(p => p.Length <= FieldLimits.PasswordMaximum).WithMessage($"A password may be at most {FieldLimits.PasswordMaximum} characters.");
}
