using System.Text.RegularExpressions;
using IntegrationLedger.Application.Features.Importing.Csv;
using IntegrationLedger.Application.Features.Importing.Parsing;
using IntegrationLedger.Domain.Usage;

namespace IntegrationLedger.Application.Features.Importing.Formats;

/// <summary>
/// Setup Audit Trail (<c>sf-setup-audit-trail</c>), as downloaded from Setup (times in the exporter's zone
/// with an abbreviation) or exported through the API (CreatedDate in GMT). Password and security-token
/// resets, OAuth revocations and connected-app changes become lifecycle evidence with their subject.
/// </summary>
public sealed partial class SetupAuditTrailFormat : IUsageFormat
{
    public const string FormatName = "sf-setup-audit-trail";

    public string Name => FormatName;

    public string Description => "Setup Audit Trail download or API export";

    public bool IsActivity => false;

    public bool Recognises(HeaderMap header) => header.Has("Action") && header.Has("Section") && (header.Has("Date") || header.Has("CreatedDate"));

    public IUsageRowReader Bind(HeaderMap header, string path)
    {
        var columns = new Columns(header, path, FormatName);
        var reader = new RowReader(
            Id: columns.Optional("Id"),
            // The download writes Date and User, the API export CreatedDate and CreatedBy.Username: one field
            // each under two names, so a file with both spellings must say the same in both.
            Date: columns.RequiredPair("Date", "CreatedDate"),
            User: columns.Pair("User", "CreatedBy.Username"),
            // The API export has a code in Action and the sentence in Display; the download has the sentence in Action.
            Display: columns.Optional("Display"),
            Action: columns.Required("Action"),
            Section: columns.Optional("Section"),
            DelegateUser: columns.Optional("Delegate User", "DelegateUser"));
        columns.EnsureComplete();
        return reader;
    }

    [GeneratedRegex(@"^(?:Reset|Changed) (?:the )?password for (?:user )?(?<subject>\S+)", RegexOptions.IgnoreCase)]
    private static partial Regex PasswordReset();

    [GeneratedRegex(@"^Reset (?:the )?security token(?: for (?:user )?(?<subject>\S+))?", RegexOptions.IgnoreCase)]
    private static partial Regex SecurityTokenReset();

    [GeneratedRegex(@"^Revoked OAuth tokens? for (?:user )?(?<subject>\S+)", RegexOptions.IgnoreCase)]
    private static partial Regex OauthRevocation();

    [GeneratedRegex(@"connected app (?<subject>.+?)(?: from .*)?$", RegexOptions.IgnoreCase)]
    private static partial Regex ConnectedAppChange();

    [GeneratedRegex(@"^(?:Frozen|Deactivated) user (?<subject>\S+)", RegexOptions.IgnoreCase)]
    private static partial Regex UserDisabled();

    /// <summary>What kind of lifecycle evidence an action is, and whom or what it concerns.</summary>
    public static (string? Category, string? Subject) Classify(string action)
    {
        foreach (var (category, pattern) in new (string, Regex)[]
        {
            ("PasswordReset", PasswordReset()),
            ("SecurityTokenReset", SecurityTokenReset()),
            ("OAuthRevocation", OauthRevocation()),
            ("UserDisabled", UserDisabled()),
            ("ConnectedAppChange", ConnectedAppChange()),
        })
        {
            var match = pattern.Match(action);
            if (match.Success)
            {
                var subject = match.Groups["subject"].Success ? match.Groups["subject"].Value.TrimEnd('.', ',') : null;
                return (category, subject);
            }
        }
        return (null, null);
    }

    private sealed record RowReader(int Id, ColumnPair Date, ColumnPair User, int Display, int Action, int Section, int DelegateUser) : IUsageRowReader
    {
        public IReadOnlySet<int> SecretColumns { get; } = new HashSet<int>();

        private NaturalKeys Keys { get; } = new();

        public UsageEvent? Read(CsvFile row, ImportContext context, List<RowError> errors)
        {
            var line = row.LineNumber;
            var before = errors.Count;
            var time = ReadTime(row, context, line, errors);
            // The user is free text: "Automated Process" and other system users have no username.
            var user = User.ChooseText(row, "who made the change", line, errors).Text;
            // The API export's Action is a code (PermSetCreate) and Display its sentence, so they never read
            // alike: the sentence is taken, the code only when there is none.
            var action = row.Get(Display) ?? row.Get(Action);
            if (action is null)
                errors.Add(new RowError(line, "Action", "is empty"));
            RowFields.SalesforceId(row.Get(Id), "Id", line, errors);
            if (errors.Count > before)
                return null;

            var (category, subject) = Classify(action!);
            return new UsageEvent
            {
                BatchId = context.BatchId,
                LineNumber = line,
                Source = FormatName,
                EventType = UsageEventTypes.SetupAuditTrail,
                // The API export has an Id; the Setup download has none, so its rows are keyed by content.
                NaturalKey = row.Get(Id) ?? Keys.ForContent(time.ToString("O"), user, action, row.Get(Section), row.Get(DelegateUser)),
                OccurredAt = time,
                Username = user?.ToLowerInvariant(),
                Detail = action,
                Category = category,
                // Usernames compare in lower case everywhere in the ledger; app names keep their case.
                Subject = subject is not null && subject.Contains('@', StringComparison.Ordinal) ? subject.ToLowerInvariant() : subject,
                Application = row.Get(Section),
                ClientName = row.Get(DelegateUser) is { } delegated ? "delegate " + delegated : null,
            };
        }

        /// <summary>Date (the download, in the exporter's zone) or CreatedDate (the API, in GMT) when Date is empty; both the same moment.</summary>
        private DateTime ReadTime(CsvFile row, ImportContext context, long line, List<RowError> errors)
        {
            Reading<DateTime> Parse(int index, string column)
            {
                var text = row.Get(index);
                if (text is null)
                    return Reading<DateTime>.Empty;
                var time = SalesforceTimes.ParseLocal(text, context.TimeZone, context.DayFirst, context.Wording);
                if (time.Problem is not null)
                    errors.Add(new RowError(line, column, time.Problem) { NeedsTimeZone = time.NeedsZone });
                return new(text, time.Problem is null, time.Utc);
            }
            var primary = Parse(Date.Primary, "Date");
            var fallback = Parse(Date.Fallback, "CreatedDate");
            return Date.Choose(primary, fallback, static (a, b) => SalesforceTimes.SameInstant(a.Value, a.Text!, b.Value, b.Text!), "when the change was made", line, errors,
                static utc => $"{utc.Value:yyyy-MM-dd HH:mm:ss} UTC").Value;
        }
    }
}
