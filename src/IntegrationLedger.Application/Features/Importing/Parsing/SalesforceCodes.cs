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

    /// <summary>Every label a LOGIN_TYPE code stands for, as Login History writes them.</summary>
    private static readonly HashSet<string> LoginTypeLabels = new(LoginTypes.Values, StringComparer.OrdinalIgnoreCase);

    private static readonly HashSet<string> ApiTypeLabels = new(ApiTypes.Values.Append("REST API"), StringComparer.OrdinalIgnoreCase);

    /// <summary>REQUEST_STATUS as the event types document it; U (undefined) says nothing, so it reads as no status.</summary>
    private static readonly Dictionary<string, string?> RequestStatuses = new(StringComparer.OrdinalIgnoreCase)
    {
        ["S"] = "Success", ["F"] = "Failed", ["A"] = "Authorization error", ["R"] = "Redirect", ["N"] = "Not found", ["U"] = null,
        ["Success"] = "Success", ["Failed"] = "Failed", ["Failure"] = "Failed",
    };

    private static readonly HashSet<string> HttpMethods = new(StringComparer.OrdinalIgnoreCase)
    {
        "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE", "CONNECT",
    };

    /// <summary>
    /// A LOGIN_TYPE code in Login History's words. Salesforce has more codes than it lists (the portal and
    /// community variants), so an unlisted one-character code is kept as it is; a longer value is sound
    /// only when it is one of the labels themselves (a file that already wrote words).
    /// </summary>
    public static bool TryLoginType(string code, out string label) => TryCode(code, LoginTypes, LoginTypeLabels, out label);

    /// <summary>An API_TYPE code in words, on the same terms as <see cref="TryLoginType"/>.</summary>
    public static bool TryApiType(string code, out string label) => TryCode(code, ApiTypes, ApiTypeLabels, out label);

    private static bool TryCode(string code, Dictionary<string, string> codes, HashSet<string> labels, out string label)
    {
        if (codes.TryGetValue(code, out var known))
        {
            label = known;
            return true;
        }
        label = code;
        return (code.Length == 1 && char.IsAsciiLetterOrDigit(code[0])) || labels.Contains(code);
    }

    /// <summary>
    /// A Login event's LOGIN_STATUS as Login History words it. The LOGIN_* codes are many and grow with
    /// each release (LOGIN_CHALLENGE_ISSUED, LOGIN_ERROR_...), so an unlisted one is kept as it is; what is
    /// not a code of that shape, nor Login History's own words, is not a login status.
    /// </summary>
    public static bool TryLoginStatus(string code, out string status)
    {
        if (LoginStatuses.TryGetValue(code, out var words))
        {
            status = words;
            return true;
        }
        status = code;
        return IsLoginCode(code) || LoginStatuses.Values.Contains(code, StringComparer.OrdinalIgnoreCase);
    }

    private static bool IsLoginCode(string code) =>
        code.StartsWith("LOGIN_", StringComparison.Ordinal) && code.Length > 6 && code.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c == '_');

    /// <summary>REQUEST_STATUS in words; <paramref name="status"/> is null for U (undefined).</summary>
    public static bool TryRequestStatus(string code, out string? status) => RequestStatuses.TryGetValue(code, out status);

    /// <summary>The list <see cref="TryRequestStatus"/> accepts, for messages.</summary>
    public static string RequestStatusCodes => "S, F, A, R, N, U or Success";

    /// <summary>An HTTP status code (STATUS_CODE): three digits from 100 to 599.</summary>
    public static bool IsHttpStatus(string code) =>
        code.Length == 3 && code.All(char.IsAsciiDigit) && code[0] is >= '1' and <= '5';

    /// <summary>A request's HTTP method (METHOD, HTTP_METHOD): the methods HTTP defines, in any case.</summary>
    public static bool IsHttpMethod(string method) => HttpMethods.Contains(method);

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
