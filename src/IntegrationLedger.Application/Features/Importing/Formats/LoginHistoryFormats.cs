using IntegrationLedger.Application.Features.Importing.Csv;
using IntegrationLedger.Application.Features.Importing.Parsing;
using IntegrationLedger.Domain.Usage;

namespace IntegrationLedger.Application.Features.Importing.Formats;

/// <summary>
/// The LoginHistory object as Data Loader, Workbench or the sf CLI export it (<c>sf-loginhistory-api</c>):
/// any header casing, times in GMT as ISO with Z or +0000, ids of 18 characters, keyed by the row's Id.
/// </summary>
public sealed class LoginHistoryApiFormat : IUsageFormat
{
    public const string FormatName = "sf-loginhistory-api";

    public string Name => FormatName;

    public string Description => "LoginHistory object exported by Data Loader, Workbench or the sf CLI";

    public bool Recognises(HeaderMap header) => header.Has("LoginTime") && header.Has("UserId");

    public IUsageRowReader Bind(HeaderMap header, string path)
    {
        var columns = new Columns(header, path, FormatName);
        var id = columns.Optional("Id");
        var userId = columns.Required("UserId");
        var time = columns.Required("LoginTime");
        var shared = LoginHistoryColumns.Find(columns);
        columns.EnsureComplete();
        return new ApiRowReader(id, userId, time, shared);
    }

    private sealed record ApiRowReader(int Id, int UserId, int Time, LoginHistoryColumns Shared) : IUsageRowReader
    {
        public IReadOnlySet<int> SecretColumns { get; } = new HashSet<int>();

        private NaturalKeys Keys { get; } = new();

        public UsageEvent? Read(CsvFile row, ImportContext context, List<RowError> errors)
        {
            var line = row.LineNumber;
            var before = errors.Count;
            if (!SalesforceTimes.TryParseIso(row.Get(Time), out var occurredAt))
                errors.Add(new RowError(line, "LoginTime", $"'{row.Get(Time)}' is not an ISO time with its zone (such as 2026-11-28T15:04:05.000Z)"));
            var userId = RowFields.SalesforceId(row.Get(UserId), "UserId", line, errors);
            if (userId is null && errors.Count == before)
                errors.Add(new RowError(line, "UserId", "is empty"));
            var sourceIp = RowFields.IpAddress(row.Get(Shared.SourceIp), "SourceIp", line, errors);
            var id = RowFields.SalesforceId(row.Get(Id), "Id", line, errors);
            var loginUrl = RowFields.LoginUrl(row.Get(Shared.LoginUrl), "LoginUrl", line, errors);
            if (errors.Count > before)
                return null;

            var key = id ?? Keys.ForContent(occurredAt.ToString("O"), userId, sourceIp, row.Get(Shared.Status), row.Get(Shared.Application));
            return Shared.ToEvent(row, context, FormatName, key, occurredAt, null, userId, sourceIp, loginUrl);
        }
    }
}

/// <summary>
/// Setup &gt; Login History &gt; Download (<c>sf-login-history</c>): labels instead of field names, no ids,
/// times in the exporter's zone without saying which, so <c>--time-zone</c> is required unless a time
/// carries its zone. Rows are keyed by a hash of their content.
/// </summary>
public sealed class LoginHistorySetupFormat : IUsageFormat
{
    public const string FormatName = "sf-login-history";

    public string Name => FormatName;

    public string Description => "Setup > Login History download";

    public bool Recognises(HeaderMap header) => header.Has("Login Time") && header.Has("Username") && !header.Has("UserId");

    public IUsageRowReader Bind(HeaderMap header, string path)
    {
        var columns = new Columns(header, path, FormatName);
        var username = columns.Required("Username");
        var time = columns.Required("Login Time");
        var shared = LoginHistoryColumns.Find(columns);
        columns.EnsureComplete();
        return new SetupRowReader(username, time, shared);
    }

    private sealed record SetupRowReader(int Username, int Time, LoginHistoryColumns Shared) : IUsageRowReader
    {
        public IReadOnlySet<int> SecretColumns { get; } = new HashSet<int>();

        private NaturalKeys Keys { get; } = new();

        public UsageEvent? Read(CsvFile row, ImportContext context, List<RowError> errors)
        {
            var line = row.LineNumber;
            var before = errors.Count;
            var time = SalesforceTimes.ParseLocal(row.Get(Time), context.TimeZone, context.DayFirst, context.Wording);
            if (time.Problem is not null)
                errors.Add(new RowError(line, "Login Time", time.Problem) { NeedsTimeZone = time.NeedsZone });
            var username = RowFields.Username(row.Get(Username), "Username", line, errors);
            if (row.Get(Username) is null)
                errors.Add(new RowError(line, "Username", "is empty"));
            var sourceIp = RowFields.IpAddress(row.Get(Shared.SourceIp), "Source IP", line, errors);
            var loginUrl = RowFields.LoginUrl(row.Get(Shared.LoginUrl), "Login URL", line, errors);
            if (errors.Count > before)
                return null;

            var key = Keys.ForContent(time.Utc.ToString("O"), username, sourceIp, row.Get(Shared.Status), row.Get(Shared.Application), row.Get(Shared.LoginType));
            return Shared.ToEvent(row, context, FormatName, key, time.Utc, username, null, sourceIp, loginUrl);
        }
    }
}

/// <summary>
/// The columns both LoginHistory layouts share, found under either spelling. Status, Login Type and API
/// Type are kept as written: Salesforce documents only some of their values (its login statuses alone run
/// to dozens, and grow), so a value outside the documented lists is no sign of a broken file.
/// </summary>
internal sealed record LoginHistoryColumns(int LoginType, int SourceIp, int Status, int Application, int ClientVersion, int ApiType, int Browser, int LoginUrl, int LoginSubType)
{
    public static LoginHistoryColumns Find(Columns columns) => new(
        columns.Optional("LoginType", "Login Type"),
        columns.Optional("SourceIp", "Source IP"),
        columns.Optional("Status"),
        columns.Optional("Application"),
        columns.Optional("ClientVersion", "Client Version"),
        columns.Optional("ApiType", "API Type"),
        columns.Optional("Browser"),
        columns.Optional("LoginUrl", "Login URL"),
        columns.Optional("LoginSubType", "Login Subtype"));

    public UsageEvent ToEvent(CsvFile row, ImportContext context, string source, string key, DateTime occurredAt, string? username, string? userId, string? sourceIp,
        string? loginUrl)
    {
        var status = row.Get(Status);
        return new UsageEvent
        {
            BatchId = context.BatchId,
            LineNumber = row.LineNumber,
            Source = source,
            EventType = UsageEventTypes.LoginHistory,
            NaturalKey = key,
            OccurredAt = occurredAt,
            Username = username,
            UserId = userId,
            SourceIp = sourceIp,
            LoginType = row.Get(LoginType),
            Status = status,
            Succeeded = SalesforceCodes.Succeeded(status),
            // Login History's Application holds a connected app's name or, for SOAP clients, their client id.
            Application = RowFields.Meaningful(row.Get(Application)),
            // Two facts, ranked rather than one written twice: a SOAP client's version names the caller better
            // than the browser does, and the browser is all a UI login has.
            ClientName = RowFields.Meaningful(row.Get(ClientVersion)) ?? RowFields.Meaningful(row.Get(Browser)),
            ApiType = RowFields.Meaningful(row.Get(ApiType)),
            Uri = loginUrl,
            Detail = row.Get(LoginSubType),
        };
    }
}
