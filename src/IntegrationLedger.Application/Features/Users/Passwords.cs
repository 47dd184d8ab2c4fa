using FluentValidation;
using IntegrationLedger.Domain.Users;
using Microsoft.AspNetCore.Identity;

namespace IntegrationLedger.Application.Features.Users;

/// <summary>
/// Passwords go through ASP.NET Core Identity's hasher (PBKDF2 with a salt per password, its iteration
/// count raised by each framework release), and only its hash is kept.
/// </summary>
internal static class Passwords
{
    /// <summary>Length beats composition rules (NIST SP 800-63B): long passphrases, no forced symbols.</summary>
    public const int MinimumLength = 12;

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
        rule.Must(p => p.Length >= MinimumLength)
            .WithMessage($"A password needs at least {MinimumLength} characters; a passphrase of a few words is easiest.")
            .Must(p => p.Length <= 256).WithMessage("A password may be at most 256 characters.");
}
