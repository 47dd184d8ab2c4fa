using IntegrationLedger.Domain.Common;

namespace IntegrationLedger.Domain.Tokens;

public enum TokenKind
{
    SalesforceSecurityToken,
    OauthRefreshToken,
    ApiKey,
    PersonalAccessToken,
    IntegrationPassword,
    Certificate,
}

public static class TokenKinds
{
    /// <summary>The spelling people type: kebab case, as in <c>salesforce-security-token</c>.</summary>
    public static string ToCliName(this TokenKind kind) => KebabCase.Of(kind);

    public static bool TryParse(string? text, out TokenKind kind) => KebabCase.TryParse(text, out kind);

    public static IEnumerable<string> CliNames => KebabCase.Names<TokenKind>();

    /// <summary>
    /// How often a kind should be rotated when its token names no policy of its own. Salesforce security
    /// tokens and passwords follow the common 90-day password policy; certificates live about a year;
    /// OAuth refresh tokens are governed by the connected app's own policy, so none is assumed.
    /// </summary>
    public static int? DefaultRotationDays(this TokenKind kind) => kind switch
    {
        TokenKind.OauthRefreshToken => null,
        TokenKind.Certificate => 365,
        _ => 90,
    };
}
