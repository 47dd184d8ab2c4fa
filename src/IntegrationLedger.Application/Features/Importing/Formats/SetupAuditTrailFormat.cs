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
            Date: columns.Required("Date", "CreatedDate"),
            User: columns.Optional("User", "CreatedBy.Username", "CreatedByUsername"),
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

    private sealed record RowReader(int Id, int Date, int User, int Display, int Action, int Section, int DelegateUser) : IUsageRowReader
    {
        public IReadOnlySet<int> SecretColumns { get; } = new HashSet<int>();

        private NaturalKeys Keys { get; } = new();

        public UsageEvent? Read(CsvFile row, ImportContext context, List<RowError> errors)
        {
            var line = row.LineNumber;
            var before = errors.Count;
            var time = SalesforceTimes.ParseLocal(row.Get(Date), context.TimeZone, context.DayFirst, context.Wording);
            if (time.Problem is not null)
                errors.Add(new RowError(line, "Date", time.Problem) { NeedsTimeZone = time.NeedsZone });
            var action = row.Get(Display) ?? row.Get(Action);
            if (action is null)
                errors.Add(new RowError(line, "Action", "is empty"));
            if (errors.Count > before)
                return null;

            var user = row.Get(User);
            var (category, subject) = Classify(action!);
            return new UsageEvent
            {
                BatchId = context.BatchId,
                LineNumber = line,
                Source = FormatName,
                EventType = UsageEventTypes.SetupAuditTrail,
                // The API export has an Id; the Setup download has none, so its rows are keyed by content.
                NaturalKey = row.Get(Id) ?? Keys.ForContent(time.Utc.ToString("O"), user, action, row.Get(Section), row.Get(DelegateUser)),
                OccurredAt = time.Utc,
                Username = user?.ToLowerInvariant(),
                Detail = action,
                Category = category,
                // Usernames compare in lower case everywhere in the ledger; app names keep their case.
                Subject = subject is not null && subject.Contains('@', StringComparison.Ordinal) ? subject.ToLowerInvariant() : subject,
                Application = row.Get(Section),
                ClientName = row.Get(DelegateUser) is { } delegated ? "delegate " + delegated : null,
            };
        }
    }
}
