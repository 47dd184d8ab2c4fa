namespace IntegrationLedger.Application.Features.Importing.Parsing;

/// <summary>Event Monitoring's one-letter and error codes, turned into the words Login History uses.</summary>
public static class SalesforceCodes
{
    private static readonly Dictionary<string, string> LoginTypes = new(StringComparer.Ordinal)
    {
        ["A"] = "Application", ["i"] = "Remote Access 2.0", ["6"] = "Remote Access Client", ["I"] = "Other Apex API",
        ["R"] = "Partner Product", ["5"] = "SAML Idp Initiated SSO", ["8"] = "SAML Sfdc Initiated SSO", ["j"] = "Third Party SSO",
        ["z"] = "Lightning Login", ["w"] = "Passwordless Login", ["s"] = "Certificate-based login", ["7"] = "AppExchange",
        ["u"] = "SAML", ["4"] = "Networks Portal API Only", ["3"] = "Chatter Communities External User",
    };

    private static readonly Dictionary<string, string> LoginStatuses = new(StringComparer.OrdinalIgnoreCase)
    {
        ["LOGIN_NO_ERROR"] = "Success",
        ["LOGIN_ERROR_MUST_USE_API_TOKEN"] = "Failed: API security token required",
        ["LOGIN_ERROR_INVALID_PASSWORD"] = "Invalid password",
        ["LOGIN_ERROR_INVALID_USERNAME"] = "Invalid login",
        ["LOGIN_ERROR_USER_INACTIVE"] = "User is inactive",
        ["LOGIN_ERROR_USER_FROZEN"] = "User is frozen",
        ["LOGIN_ERROR_INSECURE_LOGIN"] = "Failed: Computer activation required",
        ["LOGIN_ERROR_RATE_EXCEEDED"] = "Login rate exceeded",
        ["LOGIN_ERROR_PASSWORD_LOCKOUT"] = "Password lockout",
        ["LOGIN_ERROR_RESTRICTED_DOMAIN"] = "Restricted IP",
        ["LOGIN_ERROR_LOGINHOURS"] = "Restricted time",
    };

    private static readonly Dictionary<string, string> ApiTypes = new(StringComparer.Ordinal)
    {
        ["E"] = "SOAP Enterprise", ["P"] = "SOAP Partner", ["M"] = "Metadata API", ["T"] = "SOAP Tooling",
        ["S"] = "Apex SOAP", ["D"] = "Apex REST", ["f"] = "Cross-Org", ["l"] = "Lightning", ["p"] = "Partner",
    };

    public static string? LoginType(string? code) => code is null ? null : LoginTypes.GetValueOrDefault(code, code);

    public static string? ApiType(string? code) => code is null ? null : ApiTypes.GetValueOrDefault(code, code);

    /// <summary>A Login event's LOGIN_STATUS as Login History words it; unknown codes are kept as they are.</summary>
    public static string? LoginStatus(string? code) => code is null ? null : LoginStatuses.GetValueOrDefault(code, code);

    /// <summary>Whether a status in words or codes means the activity went through.</summary>
    public static bool? Succeeded(string? status) => status switch
    {
        null => null,
        "Success" or "S" or "LOGIN_NO_ERROR" or "1" or "true" => true,
        _ when status.StartsWith('2') && status.Length == 3 => true,
        _ when status.Length == 3 && char.IsAsciiDigit(status[0]) => false,
        "F" or "0" or "false" => false,
        _ when status.StartsWith("Fail", StringComparison.OrdinalIgnoreCase) || status.StartsWith("Invalid", StringComparison.OrdinalIgnoreCase)
            || status.StartsWith("LOGIN_ERROR", StringComparison.OrdinalIgnoreCase) || status.StartsWith("User is", StringComparison.OrdinalIgnoreCase)
            || status.Contains("lockout", StringComparison.OrdinalIgnoreCase) || status.StartsWith("Restricted", StringComparison.OrdinalIgnoreCase) => false,
        _ => null,
    };
}
