using System.Globalization;
using System.Text.Json;
using IntegrationLedger.Application.Features.Importing.Csv;
using IntegrationLedger.Application.Features.Importing.Files;
using IntegrationLedger.Application.Features.Importing.Parsing;
using IntegrationLedger.Domain.Usage;

namespace IntegrationLedger.Application.Features.Importing.Formats;

/// <summary>
/// Threat Detection's four stores exported by SOQL (<c>sf-threat-events</c>): ApiAnomalyEventStore,
/// ReportAnomalyEventStore, CredentialStuffingEventStore and SessionHijackingEventStore, in any header casing (the
/// sf CLI writes the names as queried, Data Loader before v61 in capitals), times with <c>+0000</c> or <c>Z</c>.
/// One format for the four: which store a file comes from is told by a column naming it on each row, else by the
/// columns only that store has (<see cref="ThreatStore"/>), else by the file's name; when none of them tells, the
/// file is refused with one error saying how to make it tell. Each event is keyed on its EventIdentifier, so
/// overlapping exports add each once. Salesforce's verdicts are kept as it wrote them: the score (a percentage
/// above 1 is made a fraction), the summary and the SecurityEventData JSON, raw. Relationship columns
/// (<c>User.Profile.Name</c>) are extra columns like any other, and ignored.
/// </summary>
public sealed class ThreatEventsFormat : IUsageFormat
{
    public const string FormatName = "sf-threat-events";

    public string Name => FormatName;

    public string Description =>
        "Threat Detection events exported by SOQL (ApiAnomalyEventStore, ReportAnomalyEventStore, CredentialStuffingEventStore, SessionHijackingEventStore)";

    /// <summary>
    /// EventIdentifier and EventDate are Real-Time Event Monitoring's own; of its objects, only Threat Detection's
    /// stores judge what they record, with a score and the evidence for it (an ApiEvent export has the API columns too,
    /// but neither of these).
    /// </summary>
    public bool Recognises(HeaderMap header) =>
        header.Has("EventIdentifier") && header.Has("EventDate") && (header.Has("Score") || header.Has("SecurityEventData"));

    public IUsageRowReader Bind(HeaderMap header, string path)
    {
        var columns = new Columns(header, path, FormatName);
        var reader = new RowReader(
            header,
            Store: columns.Optional(ThreatStore.StoreColumns),
            EventIdentifier: columns.Required("EventIdentifier"),
            EventDate: columns.Required("EventDate"),
            UserId: columns.Optional("UserId"),
            Username: columns.Optional("Username"),
            SourceIp: columns.Optional("SourceIp"),
            Score: columns.Optional("Score"),
            Summary: columns.Optional("Summary"),
            SecurityEventData: columns.Optional("SecurityEventData"),
            PolicyOutcome: columns.Optional("PolicyOutcome"),
            QueriedEntities: columns.Optional("QueriedEntities"),
            Operation: columns.Optional("Operation"),
            RowsProcessed: columns.Optional("RowsProcessed"),
            Uri: columns.Optional("Uri"),
            UserAgent: columns.Optional("UserAgent"),
            Report: columns.Optional("Report"),
            LoginType: columns.Optional("LoginType"),
            LoginUrl: columns.Optional("LoginUrl"),
            CurrentIp: columns.Optional("CurrentIp"),
            CurrentUserAgent: columns.Optional("CurrentUserAgent"));
        columns.EnsureComplete();
        // A column naming each row's store makes the file's own store a fallback for rows that leave it empty.
        var fileStore = ThreatStore.OfColumns(header) ?? ThreatStore.OfFileName(path);
        if (fileStore is null && reader.Store < 0)
            throw new ImportFileException($"{path}, line {header.Line}: {ThreatStore.WhyUnknown(header, path)}");
        return reader with { FileStore = fileStore };
    }

    private sealed record RowReader(
        HeaderMap Header, int Store, int EventIdentifier, int EventDate, int UserId, int Username, int SourceIp, int Score, int Summary,
        int SecurityEventData, int PolicyOutcome, int QueriedEntities, int Operation, int RowsProcessed, int Uri, int UserAgent, int Report,
        int LoginType, int LoginUrl, int CurrentIp, int CurrentUserAgent) : IUsageRowReader
    {
        public IReadOnlySet<int> SecretColumns { get; } = new HashSet<int>();

        /// <summary>The store the whole file comes from, when its columns or its name say; null when only each row's store column does.</summary>
        public ThreatStore? FileStore { get; init; }

        public UsageEvent? Read(CsvFile row, ImportContext context, List<RowError> errors)
        {
            var line = row.LineNumber;
            var before = errors.Count;

            var store = StoreOf(row, line, errors);
            var eventIdentifier = ReadEventIdentifier(row.Get(EventIdentifier), line, errors);
            var occurredAt = ReadEventDate(row.Get(EventDate), line, errors);
            var userId = RowFields.SalesforceId(row.Get(UserId), NameOf(UserId), line, errors);
            var username = RowFields.Username(row.Get(Username), NameOf(Username), line, errors);
            var sourceIp = RowFields.IpAddress(row.Get(SourceIp), NameOf(SourceIp), line, errors);
            // A session hijacking names the hijacker's side as the current one.
            var currentIp = RowFields.IpAddress(row.Get(CurrentIp), NameOf(CurrentIp), line, errors);
            var score = ReadScore(row.Get(Score), NameOf(Score), line, errors);
            var data = ReadJson(row.Get(SecurityEventData), NameOf(SecurityEventData), line, errors);
            var rows = ReadRows(row.Get(RowsProcessed), NameOf(RowsProcessed), line, errors);
            var report = RowFields.SalesforceId(row.Get(Report), NameOf(Report), line, errors);
            var loginUrl = RowFields.LoginUrl(row.Get(LoginUrl), NameOf(LoginUrl), line, errors);
            if (errors.Count > before)
                return null;

            var eventType = store!.EventType;
            var loginType = row.Get(LoginType);
            return new UsageEvent
            {
                BatchId = context.BatchId,
                LineNumber = line,
                Source = FormatName,
                EventType = eventType,
                NaturalKey = eventType + ":" + eventIdentifier,
                OccurredAt = occurredAt,
                UserId = userId,
                Username = username,
                SourceIp = sourceIp ?? currentIp,
                Score = score,
                Detail = row.Get(Summary),
                Data = data,
                Entity = row.Get(QueriedEntities),
                Operation = row.Get(Operation),
                RowsProcessed = rows,
                Uri = row.Get(Uri) ?? loginUrl,
                ClientName = row.Get(UserAgent) ?? row.Get(CurrentUserAgent),
                Status = row.Get(PolicyOutcome),
                LoginType = loginType,
                // What the event is about: the report an anomaly read, the kind of login a credential-stuffing attack won.
                Subject = eventType switch
                {
                    UsageEventTypes.ReportAnomaly => report,
                    UsageEventTypes.CredentialStuffing => loginType,
                    _ => null,
                },
            };
        }

        private string NameOf(int column) => column < 0 ? ImportSource.WholeRow : Header.NameAt(column);

        /// <summary>The row's own store column when it has a value, else the file's store.</summary>
        private ThreatStore? StoreOf(CsvFile row, long line, List<RowError> errors)
        {
            if (row.Get(Store) is not { } named)
            {
                if (FileStore is null)
                    errors.Add(new RowError(line, NameOf(Store), "is empty, and neither the file's columns nor its name say which Threat Detection store it comes from"));
                return FileStore;
            }
            if (ThreatStore.Named(named) is { } store)
                return store;
            errors.Add(new RowError(line, NameOf(Store), $"'{named}' is not a Threat Detection store ({ThreatStore.StoreNames})"));
            return null;
        }

        private string? ReadEventIdentifier(string? text, long line, List<RowError> errors)
        {
            var column = NameOf(EventIdentifier);
            if (text is null)
            {
                errors.Add(new RowError(line, column, "is empty; every Threat Detection event has one, and the ledger keys the event on it"));
                return null;
            }
            if (Guid.TryParseExact(text, "D", out var id))
                return id.ToString("D");
            errors.Add(new RowError(line, column, $"'{text}' is not a UUID (such as 1b89c1e4-0f08-4b92-826b-618fa39df359)"));
            return null;
        }

        private DateTime ReadEventDate(string? text, long line, List<RowError> errors)
        {
            var column = NameOf(EventDate);
            if (text is null)
                errors.Add(new RowError(line, column, "is empty"));
            else if (SalesforceTimes.TryParseIso(text, out var utc))
                return utc;
            else
                errors.Add(new RowError(line, column, $"'{text}' is not a time with its zone (such as 2026-11-28T03:15:30.486+0000)"));
            return default;
        }

        /// <summary>
        /// How anomalous Salesforce judged the event, from 0 to 1. Some stores' documentation gives 0 to 100, so a
        /// value above 1 is a percentage; anything negative, above 100 or not a number is no score.
        /// </summary>
        private static double? ReadScore(string? text, string column, long line, List<RowError> errors)
        {
            if (text is null)
                return null;
            const string range = "a score runs from 0 to 1 (or from 0 to 100 as a percentage)";
            if (!double.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var score)
                || !double.IsFinite(score))
            {
                errors.Add(new RowError(line, column, $"'{text}' is not a number; {range}"));
                return null;
            }
            if (score < 0)
            {
                errors.Add(new RowError(line, column, $"'{text}' is negative; {range}"));
                return null;
            }
            if (score > 100)
            {
                errors.Add(new RowError(line, column, $"'{text}' is more than 100; {range}"));
                return null;
            }
            return score > 1 ? score / 100 : score;
        }

        /// <summary>SecurityEventData, kept as written; it must be JSON, or what the rule reads from it would be guessed.</summary>
        private static string? ReadJson(string? text, string column, long line, List<RowError> errors)
        {
            if (text is null)
                return null;
            try
            {
                using var document = JsonDocument.Parse(text);
                return text;
            }
            catch (JsonException exception)
            {
                var at = exception.BytePositionInLine is { } position ? $" (at character {position + 1}{(exception.LineNumber is > 0 and var l ? $" of line {l + 1}" : "")})" : "";
                var shown = text.Length > 40 ? text[..40] + "…" : text;
                errors.Add(new RowError(line, column, $"'{shown}' is not valid JSON{at}"));
                return null;
            }
        }

        /// <summary>Rows the call returned: a whole number, which a SOQL export of the double field may write as 85004.0.</summary>
        private static long? ReadRows(string? text, string column, long line, List<RowError> errors)
        {
            if (text is null)
                return null;
            if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var rows))
                return rows;
            if (decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var number)
                && number == decimal.Truncate(number) && number <= long.MaxValue)
                return (long)number;
            errors.Add(new RowError(line, column, $"'{text}' is not a whole number of rows"));
            return null;
        }
    }
}

/// <summary>
/// One of Threat Detection's stores: the event type its events are kept as, and the columns only it has, by which a
/// file that does not name its store is known (Platform Events guide, v67: the fields each store adds to the ones they share).
/// </summary>
public sealed record ThreatStore(string EventType, string StoreName, IReadOnlyList<string> OwnColumns)
{
    public static IReadOnlyList<ThreatStore> All { get; } =
    [
        new(UsageEventTypes.ApiAnomaly, "ApiAnomalyEventStore", ["QueriedEntities", "RowsProcessed", "RequestIdentifier", "Operation"]),
        new(UsageEventTypes.ReportAnomaly, "ReportAnomalyEventStore", ["Report"]),
        new(UsageEventTypes.CredentialStuffing, "CredentialStuffingEventStore", ["LoginUrl", "AcceptLanguage", "LoginType"]),
        new(UsageEventTypes.SessionHijacking, "SessionHijackingEventStore",
            ["CurrentIp", "PreviousIp", "CurrentPlatform", "PreviousPlatform", "CurrentScreen", "PreviousScreen", "CurrentUserAgent", "PreviousUserAgent",
             "CurrentWindow", "PreviousWindow"]),
    ];

    /// <summary>A column naming each row's store, when a file brings one (exports of several stores joined into one file).</summary>
    internal static readonly string[] StoreColumns = ["EventStore", "Store", "EventType"];

    internal static string StoreNames => string.Join(", ", All.Select(s => s.StoreName));

    /// <summary>ApiAnomaly, ApiAnomalyEvent or ApiAnomalyEventStore, in any case: the store a name means, or null.</summary>
    public static ThreatStore? Named(string name)
    {
        var key = HeaderMap.Normalize(name);
        return All.FirstOrDefault(s => key == HeaderMap.Normalize(s.EventType) || key == HeaderMap.Normalize(s.EventType + "Event") || key == HeaderMap.Normalize(s.StoreName));
    }

    /// <summary>
    /// The one store whose own columns the header has, or null when it has none's or several stores'. A credential
    /// stuffing carries no SecurityEventData, so login columns beside it are not that store's.
    /// </summary>
    public static ThreatStore? OfColumns(HeaderMap header)
    {
        var matching = MatchingColumns(header);
        return matching.Count == 1 ? matching[0] : null;
    }

    private static List<ThreatStore> MatchingColumns(HeaderMap header) =>
        All.Where(s => s.OwnColumns.Any(header.Has) && !(s.EventType == UsageEventTypes.CredentialStuffing && header.Has("SecurityEventData"))).ToList();

    /// <summary>
    /// The one store a file's name names (threat-apianomaly.csv, CredentialStuffingEventStore.csv.gz), or the zip's
    /// name for a member that names none; null when neither names exactly one.
    /// </summary>
    public static ThreatStore? OfFileName(string path)
    {
        // A zip's member is named "downloads.zip, member export.csv" (see ImportSource.Name).
        var member = path.LastIndexOf(", member ", StringComparison.Ordinal);
        string[] names = member < 0 ? [Path.GetFileName(path)] : [Path.GetFileName(path[(member + ", member ".Length)..]), Path.GetFileName(path[..member])];
        foreach (var name in names)
        {
            var key = HeaderMap.Normalize(name);
            var named = All.Where(s => key.Contains(HeaderMap.Normalize(s.EventType), StringComparison.Ordinal)).ToList();
            if (named.Count == 1)
                return named[0];
            if (named.Count > 1)
                return null;
        }
        return null;
    }

    /// <summary>The error for a file whose store nothing tells.</summary>
    internal static string WhyUnknown(HeaderMap header, string path)
    {
        var matching = MatchingColumns(header);
        var columns = matching.Count > 1
            ? $"its columns are those of several stores ({string.Join(", ", matching.Select(s => $"{s.OwnColumns.First(header.Has)} of {s.StoreName}"))})"
            : "its columns are only those every store has";
        return $"cannot tell which Threat Detection store this {ThreatEventsFormat.FormatName} file comes from: {columns}, and its name, " +
            $"{Path.GetFileName(path)}, names none of them. Export the store's own columns (QueriedEntities or RowsProcessed of ApiAnomalyEventStore, " +
            "Report of ReportAnomalyEventStore, LoginUrl or AcceptLanguage of CredentialStuffingEventStore, CurrentIp or PreviousIp of " +
            "SessionHijackingEventStore), or name the file after its store (such as ApiAnomalyEventStore.csv)";
    }
}
