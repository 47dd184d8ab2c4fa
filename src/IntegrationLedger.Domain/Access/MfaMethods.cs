namespace IntegrationLedger.Domain.Access;

/// <summary>The verification methods a user has registered (TwoFactorMethodsInfo), as flags.</summary>
[Flags]
public enum MfaMethods
{
    None = 0,
    SalesforceAuthenticator = 1,
    Totp = 2,
    U2F = 4,
    SecurityKey = 8,
    BuiltInAuthenticator = 16,
    VerifiedMobileNumber = 32,
    UserVerifiedMobileNumber = 64,
    UserVerifiedEmailAddress = 128,
    TempCode = 256,
}

/// <summary>One method: its flag, the TwoFactorMethodsInfo field that carries it, and how people call it.</summary>
public sealed record MfaField(MfaMethods Method, string Field, string Label);

public static class MfaFields
{
    public static IReadOnlyList<MfaField> All { get; } =
    [
        new(MfaMethods.SalesforceAuthenticator, "HasSalesforceAuthenticator", "Salesforce Authenticator"),
        new(MfaMethods.Totp, "HasTotp", "authenticator app (TOTP)"),
        new(MfaMethods.U2F, "HasU2F", "U2F security key"),
        new(MfaMethods.SecurityKey, "HasSecurityKey", "security key (WebAuthn)"),
        new(MfaMethods.BuiltInAuthenticator, "HasBuiltInAuthenticator", "built-in authenticator"),
        new(MfaMethods.VerifiedMobileNumber, "HasVerifiedMobileNumber", "verified mobile number"),
        new(MfaMethods.UserVerifiedMobileNumber, "HasUserVerifiedMobileNumber", "mobile number verified by the user"),
        new(MfaMethods.UserVerifiedEmailAddress, "HasUserVerifiedEmailAddress", "email address verified by the user"),
        new(MfaMethods.TempCode, "HasTempCode", "temporary code"),
    ];

    /// <summary>
    /// What Salesforce accepts as multi-factor authentication: its authenticator app, TOTP apps, security keys and
    /// built-in authenticators. Codes by email or text and an administrator's temporary code do not count.
    /// </summary>
    public const MfaMethods Strong = MfaMethods.SalesforceAuthenticator | MfaMethods.Totp | MfaMethods.U2F | MfaMethods.SecurityKey | MfaMethods.BuiltInAuthenticator;

    public static bool IsStrong(MfaMethods methods) => (methods & Strong) != 0;

    /// <summary>The labels of a set, strong methods first; "none" when empty.</summary>
    public static string Describe(MfaMethods methods) =>
        methods == MfaMethods.None ? "none" : string.Join(", ", All.Where(m => (methods & m.Method) != 0).Select(m => m.Label));
}
