using IntegrationLedger.Application.Features.Importing.Csv;
using IntegrationLedger.Application.Features.Importing.Parsing;
using IntegrationLedger.Domain.Usage;

namespace IntegrationLedger.Application.Features.Importing.Formats;

/// <summary>
/// Event Monitoring event log files (<c>sf-elf</c>): Login, LoginAs, Logout, API, RestApi, BulkApi, BulkApi2,
/// ApiTotalUsage, URI, Report and ReportExport, the type taken from each row's EVENT_TYPE, with the data each
/// moved (<see cref="ElfVolume"/>). Columns move between releases, so
/// every one is found by name. TIMESTAMP and USER_ID are read first; their *_DERIVED columns only stand in
/// when they are empty, and must agree with them when both are written (see <see cref="ColumnPair"/>).
/// The dozens of other types a download holds (UITracking, QueuedExecution, ...) say nothing about
/// credentials: their rows are set aside, counted by type, and their files need none of the columns above.
/// </summary>
public sealed class ElfFormat : IUsageFormat
{
    public const string FormatName = "sf-elf";

    private static readonly Dictionary<string, string> EventTypes =
        UsageEventTypes.EventMonitoring.ToDictionary(t => t, StringComparer.OrdinalIgnoreCase);

    public string Name => FormatName;

    /// <summary>Whether rows of this event type are read; those of any other are set aside.</summary>
    public static bool Reads(string eventType) => EventTypes.ContainsKey(eventType);

    public string Description => "Event Monitoring event log file (Login, LoginAs, Logout, API, RestApi, BulkApi, BulkApi2, ApiTotalUsage, URI, Report, ReportExport)";

    /// <summary>EVENT_TYPE is Event Monitoring's own; every type writes a time, in one form or the other.</summary>
    public bool Recognises(HeaderMap header) => header.Has("EVENT_TYPE") && (header.Has("TIMESTAMP") || header.Has("TIMESTAMP_DERIVED"));

    public IUsageRowReader Bind(HeaderMap header, string path)
    {
        var columns = new Columns(header, path, FormatName);
        var reader = new RowReader(
            EventType: columns.Required("EVENT_TYPE"),
            Timestamp: columns.RequiredPair("TIMESTAMP", "TIMESTAMP_DERIVED"),
            RequestId: columns.Optional("REQUEST_ID"),
            UserId: columns.RequiredPair("USER_ID", "USER_ID_DERIVED"),
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
            SoapMethod: columns.Optional("METHOD_NAME"),
            // RestApi writes METHOD, ApiTotalUsage HTTP_METHOD: one field under two names.
            HttpMethod: columns.Pair("METHOD", "HTTP_METHOD"),
            Entity: columns.Pair("ENTITY_NAME", "ENTITY_TYPE"),
            Operation: columns.Optional("OPERATION_TYPE"),
            Message: columns.Optional("MESSAGE"),
            ExceptionMessage: columns.Optional("EXCEPTION_MESSAGE"),
            Success: columns.Optional("SUCCESS"),
            DelegatedUserName: columns.Optional("DELEGATED_USER_NAME"),
            UserAgent: columns.Optional("USER_AGENT"))
        {
            Volume = new ElfVolume(columns),
            // A file of types the ledger does not use needs none of the columns it reads: they are missed
            // only when a row of a type it reads turns up.
            MissingColumns = columns.Incomplete(),
        };
        return reader;
    }

    private sealed record RowReader(
        int EventType, ColumnPair Timestamp, int RequestId, ColumnPair UserId, int UserName,
        int ClientIp, int SourceIp, int Uri, int LoginType, int BrowserType, int ApiType, int ApiFamily, int ClientName,
        int ConnectedAppId, int ConnectedAppName, int RequestStatus, int LoginStatus, int StatusCode, int SoapMethod, ColumnPair HttpMethod,
        ColumnPair Entity, int Operation, int Message, int ExceptionMessage, int Success, int DelegatedUserName, int UserAgent) : IUsageRowReader
    {
        public IReadOnlySet<int> SecretColumns { get; } = new HashSet<int>();

        private NaturalKeys Keys { get; } = new();

        public required ElfVolume Volume { get; init; }

        private BulkJobEvents Jobs { get; } = new();

        public ImportFileException? MissingColumns { get; init; }

        public string? UnusedType(CsvFile row) =>
            row.Get(EventType) is { } type && !EventTypes.ContainsKey(type) && UsageEventTypes.IsEventTypeName(type) ? type : null;

        public UsageEvent? Read(CsvFile row, ImportContext context, List<RowError> errors)
        {
            if (MissingColumns is not null)
                throw MissingColumns;
            var line = row.LineNumber;
            var errorsBefore = errors.Count;

            var eventTypeText = row.Get(EventType);
            string? eventType = null;
            if (eventTypeText is null)
                errors.Add(new RowError(line, "EVENT_TYPE", "is empty"));
            else if (!EventTypes.TryGetValue(eventTypeText, out eventType))
                errors.Add(new RowError(line, "EVENT_TYPE", $"'{eventTypeText}' is not the name of an event type (one word, such as Login or UITracking)"));

            var occurredAt = ReadTime(row, line, errors);
            var userId = ReadUserId(row, line, errors);
            var username = RowFields.Username(row.Get(UserName), "USER_NAME", line, errors);
            var delegatedBy = RowFields.Username(row.Get(DelegatedUserName), "DELEGATED_USER_NAME", line, errors);

            // Two addresses, not one written twice: for a login CLIENT_IP may be Salesforce's own or an internal
            // 10.x host in front of the caller that SOURCE_IP names, so they may differ; each must be an address.
            var isLogin = eventType == UsageEventTypes.Login;
            var sourceIpText = row.Get(SourceIp);
            var sourceIpValue = RowFields.IpAddress(sourceIpText, "SOURCE_IP", line, errors);
            var clientIpValue = RowFields.IpAddress(row.Get(ClientIp), "CLIENT_IP", line, errors);
            // "Salesforce.com IP" in SOURCE_IP is an answer (Salesforce's own host), not an empty field.
            var sourceIp = isLogin && sourceIpText is not null ? sourceIpValue : clientIpValue;

            var connectedAppId = RowFields.SalesforceId(RowFields.Meaningful(row.Get(ConnectedAppId)), "CONNECTED_APP_ID", line, errors);
            var loginType = Code(row.Get(LoginType), "LOGIN_TYPE", "a login type code (such as i, R or A)", SalesforceCodes.TryLoginType, line, errors);
            var apiType = Code(RowFields.Meaningful(row.Get(ApiType)), "API_TYPE", "an API type code (such as E, P or M)", SalesforceCodes.TryApiType, line, errors);
            var httpMethod = ReadHttpMethod(row, line, errors);
            var entity = Entity.ChooseText(row, "the object the request touched", line, errors);
            var status = ReadStatus(row, isLogin, line, errors);
            var volume = Volume.Read(row, line, errors);
            var operation = row.Get(Operation) ?? row.Get(SoapMethod) ?? httpMethod;
            if (errors.Count > errorsBefore)
                return null;
            if (eventType == UsageEventTypes.BulkApi2 && volume.JobId is { } jobId && Jobs.Disagreement(jobId, line, userId, entity.Text, operation) is { } disagreement)
            {
                errors.Add(new RowError(line, "JOB_ID", disagreement));
                return null;
            }

            var requestId = row.Get(RequestId);
            // The key of a row without REQUEST_ID hashes the method as it always has: the SOAP one, else the HTTP one.
            var method = row.Get(SoapMethod) ?? httpMethod;
            return new UsageEvent
            {
                BatchId = context.BatchId,
                LineNumber = line,
                Source = FormatName,
                EventType = eventType!,
                NaturalKey = requestId is not null
                    ? eventType + ":" + requestId
                    : eventType + ":" + Keys.ForContent(row.Get(Timestamp.Primary), userId, row.Get(Uri), row.Get(ClientIp), method, entity.Text),
                OccurredAt = occurredAt,
                Username = username,
                UserId = userId,
                SourceIp = sourceIp,
                LoginType = loginType,
                Status = status,
                Succeeded = SalesforceCodes.Succeeded(status),
                Application = RowFields.Meaningful(row.Get(ConnectedAppName)),
                ClientName = ClientOf(row, isLogin),
                // API_FAMILY (ApiTotalUsage's REST, SOAP, Bulk) is the coarser name of what API_TYPE says for the
                // other types; the two are never the same words, so the one a file writes is taken. Its list of
                // families grows with the platform, so any value is kept as written.
                ApiType = row.Get(ApiFamily) ?? apiType,
                ConnectedAppId = connectedAppId,
                // URI is a path for URI events but a label for others (Api, XIApi, BULKAPI-LOG): kept as written.
                Uri = row.Get(Uri),
                Detail = Detail(row, httpMethod, entity.Text, delegatedBy),
                RowsProcessed = volume.Rows,
                RowsFailed = volume.Failed,
                BytesReturned = volume.Bytes,
                Entity = entity.Text,
                Operation = operation,
                JobId = volume.JobId,
                // A report's id is what the event acted on, as a setup change's subject is.
                Subject = volume.ReportId,
            };
        }

        /// <summary>TIMESTAMP, or TIMESTAMP_DERIVED when TIMESTAMP is empty; each must be a time, and both the same instant.</summary>
        private DateTime ReadTime(CsvFile row, long line, List<RowError> errors)
        {
            var primaryText = row.Get(Timestamp.Primary);
            var primary = Reading<DateTime>.Empty;
            if (primaryText is not null)
            {
                var sound = SalesforceTimes.TryParseElfTimestamp(row.GetUtf8(Timestamp.Primary).Trim(" \t"u8), out var utc);
                if (!sound)
                    errors.Add(new RowError(line, "TIMESTAMP", $"'{primaryText}' is not a time written yyyyMMddHHmmss.fff (GMT), such as 20261128060000.000"));
                primary = new(primaryText, sound, utc);
            }
            var fallbackText = row.Get(Timestamp.Fallback);
            var fallback = Reading<DateTime>.Empty;
            if (fallbackText is not null)
            {
                var sound = SalesforceTimes.TryParseIso(fallbackText, out var utc);
                if (!sound)
                    errors.Add(new RowError(line, "TIMESTAMP_DERIVED", $"'{fallbackText}' is not an ISO time with its zone, such as 2026-11-28T06:00:00.000Z"));
                fallback = new(fallbackText, sound, utc);
            }
            var chosen = Timestamp.Choose(primary, fallback,
                static (a, b) => SalesforceTimes.SameInstant(a.Value, a.Text!, b.Value, b.Text!), "when the event happened", line, errors,
                static utc => $"{utc.Value:yyyy-MM-dd HH:mm:ss.fff} UTC");
            return chosen.Value;
        }

        /// <summary>USER_ID (15 characters, or 18), or USER_ID_DERIVED (18) when USER_ID is empty; both must name one user.</summary>
        private string? ReadUserId(CsvFile row, long line, List<RowError> errors)
        {
            var primaryText = row.Get(UserId.Primary);
            var fallbackText = row.Get(UserId.Fallback);
            var primary = Reading.Of(primaryText, RowFields.SalesforceId(primaryText, "USER_ID", line, errors));
            var fallback = Reading.Of(fallbackText, RowFields.LongSalesforceId(fallbackText, "USER_ID_DERIVED", line, errors));
            // Compared in the 18-character form, which both normalise to; a 15-character id differing from
            // the derived one only in case is a different user.
            var chosen = UserId.Choose(primary, fallback, static (a, b) => string.Equals(a.Value, b.Value, StringComparison.Ordinal), "the row's user", line, errors,
                static id => id.Text!.Length == 15 ? "in 18 characters " + id.Value : null);
            return chosen.Sound ? chosen.Value : null;
        }

        private string? ReadHttpMethod(CsvFile row, long line, List<RowError> errors)
        {
            Reading<string> Method(int index, string column)
            {
                var text = row.Get(index);
                if (text is not null && !SalesforceCodes.IsHttpMethod(text))
                {
                    errors.Add(new RowError(line, column, $"'{text}' is not an HTTP method (such as GET or POST)"));
                    return new(text, false, text);
                }
                return Reading.Of(text);
            }
            var chosen = HttpMethod.Choose(Method(HttpMethod.Primary, "METHOD"), Method(HttpMethod.Fallback, "HTTP_METHOD"),
                static (a, b) => string.Equals(a.Value, b.Value, StringComparison.OrdinalIgnoreCase), "the request's HTTP method", line, errors);
            return chosen.Text;
        }

        /// <summary>A code column's value in words; a value the code list cannot hold is an error naming what was expected.</summary>
        private static string? Code(string? code, string column, string expected, TryTranslate translate, long line, List<RowError> errors)
        {
            if (code is null)
                return null;
            if (translate(code, out var words))
                return words;
            errors.Add(new RowError(line, column, $"'{code}' is not {expected}"));
            return null;
        }

        private delegate bool TryTranslate(string code, out string words);

        /// <summary>
        /// The row's outcome. Each status column the file writes is checked; the most specific one present
        /// is taken: a login's LOGIN_STATUS, then the HTTP STATUS_CODE, then Bulk API's SUCCESS, then
        /// REQUEST_STATUS. They are not one value written twice (REQUEST_STATUS is empty on most logins,
        /// Success on some whatever LOGIN_STATUS says), so they are not held to agree.
        /// </summary>
        private string? ReadStatus(CsvFile row, bool isLogin, long line, List<RowError> errors)
        {
            var loginStatus = Code(row.Get(LoginStatus), "LOGIN_STATUS", "a login status code (such as LOGIN_NO_ERROR or LOGIN_ERROR_INVALID_PASSWORD)",
                SalesforceCodes.TryLoginStatus, line, errors);
            var statusCode = row.Get(StatusCode);
            if (statusCode is not null && !SalesforceCodes.IsHttpStatus(statusCode))
            {
                errors.Add(new RowError(line, "STATUS_CODE", $"'{statusCode}' is not an HTTP status code (three digits, such as 200 or 404)"));
                statusCode = null;
            }
            var success = RowFields.Flag(row.Get(Success), "SUCCESS", line, errors);
            string? requestStatus = null;
            if (row.Get(RequestStatus) is { } requestCode && !SalesforceCodes.TryRequestStatus(requestCode, out requestStatus))
                errors.Add(new RowError(line, "REQUEST_STATUS", $"'{requestCode}' is not a request status ({SalesforceCodes.RequestStatusCodes})"));

            if (isLogin && loginStatus is not null)
                return loginStatus;
            if (statusCode is not null)
                return statusCode;
            if (success is { } succeeded)
                return succeeded ? "Success" : "Failed";
            return requestStatus;
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

        private string? Detail(CsvFile row, string? httpMethod, string? entity, string? delegatedBy)
        {
            var parts = new[]
            {
                row.Get(SoapMethod), httpMethod, row.Get(Operation), entity, row.Get(Message), row.Get(ExceptionMessage),
                delegatedBy is not null ? "by " + row.Get(DelegatedUserName) : null,
            }.OfType<string>();
            var text = string.Join(" ", parts);
            return text.Length == 0 ? null : text;
        }
    }
}
