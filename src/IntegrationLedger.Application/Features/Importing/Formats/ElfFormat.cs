using IntegrationLedger.Application.Features.Importing.Csv;
using IntegrationLedger.Application.Features.Importing.Parsing;
using IntegrationLedger.Domain.Usage;

namespace IntegrationLedger.Application.Features.Importing.Formats;

/// <summary>
/// Event Monitoring event log files (<c>sf-elf</c>): Login, LoginAs, Logout, API, RestApi, BulkApi,
/// ApiTotalUsage and URI, the type taken from each row's EVENT_TYPE. Columns move between releases, so
/// every one is found by name; the *_DERIVED columns are used when present.
/// </summary>
public sealed class ElfFormat : IUsageFormat
{
    public const string FormatName = "sf-elf";

    private static readonly Dictionary<string, string> EventTypes =
        UsageEventTypes.EventMonitoring.ToDictionary(t => t, StringComparer.OrdinalIgnoreCase);

    public string Name => FormatName;

    public string Description => "Event Monitoring event log file (Login, LoginAs, Logout, API, RestApi, BulkApi, ApiTotalUsage, URI)";

    public bool Recognises(HeaderMap header) => header.Has("EVENT_TYPE") && header.Has("TIMESTAMP") && header.Has("REQUEST_ID");

    public IUsageRowReader Bind(HeaderMap header, string path)
    {
        var columns = new Columns(header, path, FormatName);
        var reader = new RowReader(
            EventType: columns.Required("EVENT_TYPE"),
            Timestamp: columns.Required("TIMESTAMP"),
            TimestampDerived: columns.Optional("TIMESTAMP_DERIVED"),
            RequestId: columns.Optional("REQUEST_ID"),
            UserId: columns.Required("USER_ID", "USER_ID_DERIVED"),
            UserIdDerived: columns.Optional("USER_ID_DERIVED"),
            UserName: columns.Optional("USER_NAME"),
            ClientIp: columns.Optional("CLIENT_IP"),
            SourceIp: columns.Optional("SOURCE_IP"),
            Uri: columns.Optional("URI"),
            LoginType: columns.Optional("LOGIN_TYPE"),
            BrowserType: columns.Optional("BROWSER_TYPE"),
            ApiType: columns.Optional("API_TYPE"),
            ApiFamily: columns.Optional("API_FAMILY"),
            ClientName: columns.Optional("CLIENT_NAME"),
            ConnectedAppId: columns.Optional("CONNECTED_APP_ID"),
            ConnectedAppName: columns.Optional("CONNECTED_APP_NAME"),
            RequestStatus: columns.Optional("REQUEST_STATUS"),
            LoginStatus: columns.Optional("LOGIN_STATUS"),
            StatusCode: columns.Optional("STATUS_CODE"),
            Method: columns.Optional("METHOD_NAME", "METHOD", "HTTP_METHOD"),
            Entity: columns.Optional("ENTITY_NAME", "ENTITY_TYPE"),
            Operation: columns.Optional("OPERATION_TYPE"),
            Message: columns.Optional("MESSAGE", "EXCEPTION_MESSAGE"),
            Success: columns.Optional("SUCCESS"),
            DelegatedUserName: columns.Optional("DELEGATED_USER_NAME"),
            UserAgent: columns.Optional("USER_AGENT"));
        columns.EnsureComplete();
        return reader;
    }

    private sealed record RowReader(
        int EventType, int Timestamp, int TimestampDerived, int RequestId, int UserId, int UserIdDerived, int UserName,
        int ClientIp, int SourceIp, int Uri, int LoginType, int BrowserType, int ApiType, int ApiFamily, int ClientName,
        int ConnectedAppId, int ConnectedAppName, int RequestStatus, int LoginStatus, int StatusCode, int Method, int Entity,
        int Operation, int Message, int Success, int DelegatedUserName, int UserAgent) : IUsageRowReader
    {
        public IReadOnlySet<int> SecretColumns { get; } = new HashSet<int>();

        private NaturalKeys Keys { get; } = new();

        public UsageEvent? Read(CsvFile row, ImportContext context, List<RowError> errors)
        {
            var line = row.LineNumber;
            var errorsBefore = errors.Count;

            var eventTypeText = row.Get(EventType);
            string? eventType = null;
            if (eventTypeText is null)
                errors.Add(new RowError(line, "EVENT_TYPE", "is empty"));
            else if (!EventTypes.TryGetValue(eventTypeText, out eventType))
                errors.Add(new RowError(line, "EVENT_TYPE", $"'{eventTypeText}' is not an event type this importer reads ({string.Join(", ", EventTypes.Keys)})"));

            var occurredAt = ReadTime(row, line, errors);
            var userId = RowFields.SalesforceId(row.Get(UserIdDerived) ?? row.Get(UserId), "USER_ID", line, errors);
            if (userId is null && errors.Count == errorsBefore)
                errors.Add(new RowError(line, "USER_ID", "is empty"));

            var isLogin = eventType == UsageEventTypes.Login;
            var sourceIp = RowFields.IpAddress(isLogin ? row.Get(SourceIp) ?? row.Get(ClientIp) : row.Get(ClientIp), isLogin && SourceIp >= 0 ? "SOURCE_IP" : "CLIENT_IP", line, errors);
            var connectedAppId = RowFields.SalesforceId(RowFields.Meaningful(row.Get(ConnectedAppId)), "CONNECTED_APP_ID", line, errors);
            if (errors.Count > errorsBefore)
                return null;

            var status = Status(row, eventType!);
            var requestId = row.Get(RequestId);
            return new UsageEvent
            {
                BatchId = context.BatchId,
                LineNumber = line,
                Source = FormatName,
                EventType = eventType!,
                NaturalKey = requestId is not null
                    ? eventType + ":" + requestId
                    : eventType + ":" + Keys.ForContent(row.Get(Timestamp), userId, row.Get(Uri), row.Get(ClientIp), row.Get(Method), row.Get(Entity)),
                OccurredAt = occurredAt,
                Username = row.Get(UserName)?.ToLowerInvariant(),
                UserId = userId,
                SourceIp = sourceIp,
                LoginType = SalesforceCodes.LoginType(row.Get(LoginType)),
                Status = status,
                Succeeded = SalesforceCodes.Succeeded(status),
                Application = RowFields.Meaningful(row.Get(ConnectedAppName)),
                ClientName = ClientOf(row, isLogin),
                ApiType = row.Get(ApiFamily) ?? SalesforceCodes.ApiType(row.Get(ApiType)),
                ConnectedAppId = connectedAppId,
                Uri = row.Get(Uri),
                Detail = Detail(row),
            };
        }

        private DateTime ReadTime(CsvFile row, long line, List<RowError> errors)
        {
            if (SalesforceTimes.TryParseElfTimestamp(row.GetUtf8(Timestamp), out var utc))
                return utc;
            if (SalesforceTimes.TryParseIso(row.Get(TimestampDerived), out utc))
                return utc;
            errors.Add(new RowError(line, "TIMESTAMP", $"'{row.Get(Timestamp)}' is not a time as yyyyMMddHHmmss.fff (GMT)"));
            return default;
        }

        private string? Status(CsvFile row, string eventType)
        {
            if (eventType == UsageEventTypes.Login && row.Get(LoginStatus) is { } loginStatus)
                return SalesforceCodes.LoginStatus(loginStatus);
            if (row.Get(StatusCode) is { } code)
                return code;
            if (row.Get(Success) is { } success)
                return success is "1" or "true" ? "Success" : "Failed";
            return row.Get(RequestStatus) switch
            {
                "S" => "Success",
                "F" => "Failed",
                "A" => "Authorization error",
                "R" => "Redirect",
                "N" => "Not found",
                var other => other,
            };
        }

        /// <summary>The caller's own name for itself: the API client name, else the login's browser or user agent.</summary>
        private string? ClientOf(CsvFile row, bool isLogin)
        {
            if (row.Get(ClientName) is { } client)
                return client;
            if (isLogin && RowFields.Meaningful(row.Get(BrowserType)) is { } browser)
                return browser;
            // RestApi writes USER_AGENT as a numeric code in older files; only a real agent string says anything.
            return row.Get(UserAgent) is { } agent && !agent.All(char.IsAsciiDigit) ? agent : null;
        }

        private string? Detail(CsvFile row)
        {
            var parts = new[]
            {
                row.Get(Method), row.Get(Operation), row.Get(Entity), row.Get(Message),
                row.Get(DelegatedUserName) is { } by ? "by " + by : null,
            }.OfType<string>();
            var text = string.Join(" ", parts);
            return text.Length == 0 ? null : text;
        }
    }
}
