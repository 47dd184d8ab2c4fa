using IntegrationLedger.Application.Features.Importing.Csv;
using IntegrationLedger.Application.Features.Importing.Parsing;
using IntegrationLedger.Domain.Usage;

namespace IntegrationLedger.Application.Features.Importing.Formats;

/// <summary>
/// The OauthToken object (<c>sf-oauth-tokens</c>): per connected app and user, when the token was last
/// used and how often. Its DeleteToken, AccessToken and RequestToken columns are secrets; they are never
/// read. Id is always empty, so rows are keyed by app, user, creation and use.
/// </summary>
public sealed class OauthTokenFormat : IUsageFormat
{
    public const string FormatName = "sf-oauth-tokens";

    private static readonly string[] SecretColumnNames = ["DeleteToken", "AccessToken", "RequestToken"];

    public string Name => FormatName;

    public string Description => "OauthToken object export (last use and use count per connected app and user)";

    public bool Recognises(HeaderMap header) => header.Has("AppName") && header.Has("UserId") && (header.Has("UseCount") || header.Has("DeleteToken"));

    public IUsageRowReader Bind(HeaderMap header, string path)
    {
        var columns = new Columns(header, path, FormatName);
        var reader = new RowReader(
            AppName: columns.Required("AppName"),
            UserId: columns.Required("UserId"),
            UseCount: columns.Optional("UseCount"),
            LastUsed: columns.Optional("LastUsedDate"),
            Created: columns.Required("CreatedDate"),
            AppMenuItemId: columns.Optional("AppMenuItemId"),
            // Every column with a secret's name, duplicates included: none may be copied anywhere.
            SecretColumns: Enumerable.Range(0, header.Count)
                .Where(i => SecretColumnNames.Any(name => HeaderMap.Normalize(name) == HeaderMap.Normalize(header.NameAt(i))))
                .ToHashSet());
        columns.EnsureComplete();
        return reader;
    }

    private sealed record RowReader(int AppName, int UserId, int UseCount, int LastUsed, int Created, int AppMenuItemId, IReadOnlySet<int> SecretColumns) : IUsageRowReader
    {
        private NaturalKeys Keys { get; } = new();

        public UsageEvent? Read(CsvFile row, ImportContext context, List<RowError> errors)
        {
            var line = row.LineNumber;
            var before = errors.Count;
            var app = row.Get(AppName);
            if (app is null)
                errors.Add(new RowError(line, "AppName", "is empty"));
            var userId = RowFields.SalesforceId(row.Get(UserId), "UserId", line, errors);
            if (userId is null && row.Get(UserId) is null)
                errors.Add(new RowError(line, "UserId", "is empty"));
            if (!SalesforceTimes.TryParseIso(row.Get(Created), out var created))
                errors.Add(new RowError(line, "CreatedDate", $"'{row.Get(Created)}' is not an ISO time with its zone"));
            DateTime? lastUsed = null;
            if (row.Get(LastUsed) is { } lastUsedText)
            {
                if (SalesforceTimes.TryParseIso(lastUsedText, out var parsed))
                    lastUsed = parsed;
                else
                    errors.Add(new RowError(line, "LastUsedDate", $"'{lastUsedText}' is not an ISO time with its zone"));
            }
            // Created and last used are two moments, not one written twice; but a use before the token existed
            // means one of them is wrong.
            if (lastUsed < created && row.Get(Created) is not null && errors.Count == before)
                errors.Add(new RowError(line, "LastUsedDate", $"'{row.Get(LastUsed)}' is before CreatedDate '{row.Get(Created)}'; a token cannot be used before it was created"));
            var useCount = RowFields.Count(row.Get(UseCount), "UseCount", line, errors);
            var appMenuItemId = RowFields.SalesforceId(row.Get(AppMenuItemId), "AppMenuItemId", line, errors);
            if (errors.Count > before)
                return null;

            var occurredAt = lastUsed ?? created;
            return new UsageEvent
            {
                BatchId = context.BatchId,
                LineNumber = line,
                Source = FormatName,
                EventType = UsageEventTypes.OAuthToken,
                NaturalKey = Keys.ForContent(app, userId, created.ToString("O"), occurredAt.ToString("O"), useCount?.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                OccurredAt = occurredAt,
                UserId = userId,
                Application = app,
                Detail = lastUsed is null ? "token never used" : $"token created {created:yyyy-MM-dd}",
                UseCount = useCount,
                Subject = appMenuItemId,
            };
        }
    }
}
