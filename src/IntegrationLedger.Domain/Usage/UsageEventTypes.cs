namespace IntegrationLedger.Domain.Usage;

/// <summary>
/// The kinds of imported event (<see cref="UsageEvent.EventType"/>): written by the importers, read by the
/// rules and the workbook, so both spell them from here. Event Monitoring's own types keep its spelling.
/// </summary>
public static class UsageEventTypes
{
    public const string Login = "Login";
    public const string LoginAs = "LoginAs";
    public const string Logout = "Logout";
    public const string Api = "API";
    public const string RestApi = "RestApi";
    public const string ApexRestApi = "ApexRestApi";
    public const string BulkApi = "BulkApi";
    public const string BulkApi2 = "BulkApi2";
    public const string ApiTotalUsage = "ApiTotalUsage";
    public const string Uri = "URI";
    public const string Report = "Report";
    public const string ReportExport = "ReportExport";

    /// <summary>A login from the LoginHistory object or the Setup download.</summary>
    public const string LoginHistory = "LoginHistory";

    /// <summary>An OAuth token's last use, from an OauthToken export.</summary>
    public const string OAuthToken = "OAuthToken";

    /// <summary>A setup change: evidence about integrations, not their activity.</summary>
    public const string SetupAuditTrail = "SetupAuditTrail";

    /// <summary>The Event Monitoring types the <c>sf-elf</c> importer reads.</summary>
    public static IReadOnlyList<string> EventMonitoring { get; } =
        [Login, LoginAs, Logout, Api, RestApi, ApexRestApi, BulkApi, BulkApi2, ApiTotalUsage, Uri, Report, ReportExport];

    /// <summary>Threat Detection's verdicts (the <c>sf-threat-events</c> importer): what Salesforce judged anomalous, not activity itself.</summary>
    public const string ApiAnomaly = "ApiAnomaly";
    public const string ReportAnomaly = "ReportAnomaly";
    public const string CredentialStuffing = "CredentialStuffing";
    public const string SessionHijacking = "SessionHijacking";

    public static IReadOnlyList<string> ThreatDetection { get; } = [ApiAnomaly, ReportAnomaly, CredentialStuffing, SessionHijacking];

    public static bool IsThreatDetection(string eventType) =>
        eventType is ApiAnomaly or ReportAnomaly or CredentialStuffing or SessionHijacking;

    /// <summary>The longest event type name taken for one; Salesforce's are one CamelCase word of at most about 30 letters.</summary>
    public const int NameMaxLength = 64;

    /// <summary>
    /// Whether a value can be the name of an Event Monitoring type (one word of letters and digits, such as
    /// UITracking or LightningPageView): what sets a row aside rather than making it an error.
    /// </summary>
    public static bool IsEventTypeName(string value) =>
        value.Length is > 0 and <= NameMaxLength && char.IsAsciiLetter(value[0]) && value.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
