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
    /// <summary>The spellings people type: kebab-case, as in <c>salesforce-security-token</c>.</summary>
    public static string ToCliName(this TokenKind kind) => kind switch
    {
        TokenKind.SalesforceSecurityToken => "salesforce-security-token",
        TokenKind.OauthRefreshToken => "oauth-refresh-token",
        TokenKind.ApiKey => "api-key",
        TokenKind.PersonalAccessToken => "personal-access-token",
        TokenKind.IntegrationPassword => "integration-password",
        TokenKind.Certificate => "certificate",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static bool TryParse(string? text, out TokenKind kind)
    {
        foreach (var candidate in Enum.GetValues<TokenKind>())
        {
            if (string.Equals(text, candidate.ToCliName(), StringComparison.OrdinalIgnoreCase)
                || string.Equals(text, candidate.ToString(), StringComparison.OrdinalIgnoreCase))
            {
                kind = candidate;
                return true;
            }
        }
        kind = default;
        return false;
    }

    public static IEnumerable<string> CliNames => Enum.GetValues<TokenKind>().Select(k => k.ToCliName());

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
