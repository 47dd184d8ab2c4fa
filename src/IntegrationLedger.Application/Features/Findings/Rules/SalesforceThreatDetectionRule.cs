using System.Globalization;
using System.Text.Json;
using IntegrationLedger.Application.Features.Importing.Formats;
using IntegrationLedger.Domain.Accounts;
using IntegrationLedger.Domain.Findings;
using IntegrationLedger.Domain.Usage;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Features.Findings.Rules;

/// <summary>
/// One finding per Threat Detection event (imported by <c>sf-threat-events</c>) for an account the ledger knows, keyed
/// by the event's type and EventIdentifier. Per event rather than per account and day: each event is Salesforce's own
/// verdict with its own score and evidence, and they are few; merged, a 0.97 anomaly would hide behind a 0.72 one the
/// same morning, and acknowledging one would silence the other. Events for users the ledger does not know give none:
/// their import names them.
/// </summary>
public sealed class SalesforceThreatDetectionRule : IRule
{
    public const string RuleId = "salesforce-threat-detection";

    /// <summary>The feature contributions a summary names, largest first.</summary>
    private const int FeaturesShown = 3;

    private static readonly string[] ThreatTypes = [.. UsageEventTypes.ThreatDetection];

    public string Id => RuleId;

    /// <summary>The severity of an event with no score; the score decides the others (see <see cref="SeverityOf"/>).</summary>
    public Severity Severity => Severity.Medium;

    public string Title => "Salesforce Threat Detection reported an anomaly";

    public string Explanation =>
        "Salesforce's Threat Detection (Shield or Event Monitoring) judged an account the ledger knows anomalous: an API call or a report that read " +
        "unusual data, a successful login during a credential-stuffing attack, or a session taken over from another browser. The finding gives " +
        "Salesforce's summary, score and strongest features, the account, its integration and the source address. Severity follows the score: " +
        "high from high-from percent, critical from critical-from percent, medium below; a credential-stuffing login is high at least, since the " +
        "attacker got in. Events for users the ledger does not know give no finding; their import names them.";

    public IReadOnlyList<RuleSetting> Settings { get; } =
    [
        new("high-from", 50, "Score, in percent, from which an event is high", Min: 0, Max: 100),
        new("critical-from", 80, "Score, in percent, from which an event is critical", Min: 0, Max: 100),
    ];

    public async Task<IReadOnlyList<RuleResult>> EvaluateAsync(RuleContext context, CancellationToken cancellationToken)
    {
        var db = context.Db;
        // Threat events are few among millions: the batches of their format are found first, and the events of those
        // batches through the BatchId index, never by scanning the table (which has no index on the event type).
        var threatBatches = await db.ImportBatches.AsNoTracking().Where(b => b.Format == ThreatEventsFormat.FormatName)
            .ToDictionaryAsync(b => b.Id, b => b.FileName, cancellationToken);
        if (threatBatches.Count == 0)
            return [];
        var batchIds = threatBatches.Keys.ToList();
        var events = await db.UsageEvents.AsNoTracking()
            .Where(e => batchIds.Contains(e.BatchId) && ThreatTypes.Contains(e.EventType))
            .Select(e => new ThreatEvent(e.BatchId, e.LineNumber, e.EventType, e.NaturalKey, e.OccurredAt, e.Username, e.UserId, e.SourceIp, e.Score, e.Detail,
                e.Data, e.Entity, e.Operation, e.RowsProcessed, e.Uri, e.ClientName, e.LoginType, e.Subject, e.IntegrationId))
            .ToListAsync(cancellationToken);
        if (events.Count == 0)
            return [];

        var usernames = events.Select(e => e.Username).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var userIds = events.Select(e => e.UserId).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var accounts = await db.Accounts.AsNoTracking()
            .Where(a => usernames.Contains(a.Username) || (a.PlatformUserId != null && userIds.Contains(a.PlatformUserId)))
            .ToListAsync(cancellationToken);
        var byUsername = accounts.ToDictionary(a => a.Username, StringComparer.OrdinalIgnoreCase);
        var byUserId = accounts.Where(a => a.PlatformUserId is not null).ToDictionary(a => a.PlatformUserId!, StringComparer.OrdinalIgnoreCase);
        var integrationIds = events.Select(e => e.IntegrationId).OfType<Guid>().Distinct().ToList();
        var integrations = await db.Integrations.AsNoTracking().Where(i => integrationIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, i => i.Name, cancellationToken);

        var highFrom = context.Setting(this, "high-from");
        var criticalFrom = context.Setting(this, "critical-from");
        var results = new List<RuleResult>();
        foreach (var e in events.OrderBy(e => e.OccurredAt).ThenBy(e => e.NaturalKey, StringComparer.Ordinal))
        {
            var account = (e.Username is not null ? byUsername.GetValueOrDefault(e.Username) : null) ?? (e.UserId is not null ? byUserId.GetValueOrDefault(e.UserId) : null);
            var integration = e.IntegrationId is { } id ? integrations.GetValueOrDefault(id) : null;
            if (account is null && integration is null)
                continue;
            results.Add(new RuleResult("ThreatEvent", e.NaturalKey, Summary(e, account, integration, threatBatches.GetValueOrDefault(e.BatchId)),
                SeverityOf(e.EventType, e.Score, highFrom, criticalFrom)));
        }
        return results;
    }

    /// <summary>
    /// Critical from <paramref name="criticalFrom"/> percent, high from <paramref name="highFrom"/>, medium below or
    /// without a score; a credential-stuffing event is a successful login during an attack, so high at least.
    /// </summary>
    public static Severity SeverityOf(string eventType, double? score, int highFrom, int criticalFrom)
    {
        // Rounded so that 0.8 is 80 percent, not 80.00000000000001 or 79.99999999999999.
        var percent = score is { } s ? Math.Round(s * 100, 6) : (double?)null;
        var severity = percent >= criticalFrom ? Severity.Critical : percent >= highFrom ? Severity.High : Severity.Medium;
        return eventType == UsageEventTypes.CredentialStuffing && severity < Severity.High ? Severity.High : severity;
    }

    private static string Summary(ThreatEvent e, Account? account, string? integration, string? file)
    {
        var parts = new List<string>();
        var who = account is null ? $"account {e.Username ?? e.UserId}"
            : account.Kind == AccountKind.Integration ? $"integration account {account.Username}"
            : $"account {account.Username}";
        var claimed = integration is null ? "no integration claims it" : $"integration '{integration}'";
        var score = e.Score is { } s ? $", score {s.ToString("0.##", CultureInfo.InvariantCulture)}" : ", no score";
        // Salesforce's own summary ends the sentence, with its own full stop when it has one.
        var saw = e.Detail is null ? "." : $": \"{e.Detail}\"{(e.Detail[^1] is '.' or '!' or '?' ? "" : ".")}";
        parts.Add($"Salesforce Threat Detection reported {What(e.EventType)} for {who} ({claimed}) at {e.OccurredAt:yyyy-MM-dd HH:mm:ss} UTC{score}{saw}");

        var context = new List<string>();
        var from = string.Join(" ", new[] { e.SourceIp is null ? null : $"from {e.SourceIp}", e.ClientName is null ? null : $"as {e.ClientName}" }.OfType<string>());
        if (from.Length > 0)
            context.Add(from);
        switch (e.EventType)
        {
            case UsageEventTypes.ApiAnomaly:
                var rows = e.RowsProcessed is { } r ? r.ToString("N0", CultureInfo.InvariantCulture) + " rows" : "rows not given";
                context.Add($"{e.Operation ?? "a call"} of {e.Entity ?? "objects not given"}, {rows}{(e.Uri is null ? "" : $" ({e.Uri})")}");
                break;
            case UsageEventTypes.ReportAnomaly:
                context.Add($"report {e.Subject ?? "not given"}");
                break;
            case UsageEventTypes.CredentialStuffing:
                context.Add($"login type {e.LoginType ?? "not given"}{(e.Uri is null ? "" : $" at {e.Uri}")}");
                break;
        }
        if (context.Count > 0)
            parts.Add(char.ToUpperInvariant(context[0][0]) + string.Join("; ", context)[1..] + ".");
        if (Features(e.Data) is { Count: > 0 } features)
            parts.Add($"Top features: {string.Join(", ", features)}.");
        var eventId = e.NaturalKey[(e.NaturalKey.IndexOf(':', StringComparison.Ordinal) + 1)..];
        parts.Add($"Evidence: event {eventId}, {file ?? "its import"} line {e.LineNumber}.");
        return string.Join(" ", parts);
    }

    private static string What(string eventType) => eventType switch
    {
        UsageEventTypes.ApiAnomaly => "an API anomaly",
        UsageEventTypes.ReportAnomaly => "a report anomaly",
        UsageEventTypes.CredentialStuffing => "a successful login during a credential-stuffing attack",
        UsageEventTypes.SessionHijacking => "a session hijacking",
        _ => "an anomaly",
    };

    /// <summary>
    /// "rowCount=1204332 (91.40 %)" for the largest contributions SecurityEventData lists (an array of featureName,
    /// featureValue and featureContribution), as Salesforce wrote them; none when it is in another shape.
    /// </summary>
    internal static IReadOnlyList<string> Features(string? data)
    {
        if (data is null)
            return [];
        try
        {
            using var document = JsonDocument.Parse(data);
            if (document.RootElement.ValueKind != JsonValueKind.Array)
                return [];
            var features = new List<(string Text, double Weight)>();
            foreach (var feature in document.RootElement.EnumerateArray())
            {
                if (feature.ValueKind != JsonValueKind.Object || Text(feature, "featureName") is not { } name)
                    continue;
                var contribution = Text(feature, "featureContribution");
                var text = $"{name}={Text(feature, "featureValue")}{(contribution is null ? "" : $" ({contribution})")}";
                features.Add((text, Weight(contribution)));
            }
            // Stable: features of equal weight keep Salesforce's order.
            return features.OrderByDescending(f => f.Weight).Take(FeaturesShown).Select(f => f.Text).ToList();
        }
        catch (JsonException)
        {
            // The import refuses SecurityEventData that is not JSON; an event changed behind its back shows no features.
            return [];
        }
    }

    private static string? Text(JsonElement element, string property) =>
        !element.TryGetProperty(property, out var value) ? null
        : value.ValueKind == JsonValueKind.String ? value.GetString()
        : value.ValueKind is JsonValueKind.Null ? null
        : value.GetRawText();

    /// <summary>"71.20 %" or 0.712: how much a feature contributed, for ordering; unknown counts least.</summary>
    private static double Weight(string? contribution) =>
        contribution is not null && double.TryParse(contribution.Replace("%", "", StringComparison.Ordinal).Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var weight)
            ? weight
            : double.MinValue;

    private sealed record ThreatEvent(
        Guid BatchId, long LineNumber, string EventType, string NaturalKey, DateTime OccurredAt, string? Username, string? UserId, string? SourceIp, double? Score,
        string? Detail, string? Data, string? Entity, string? Operation, long? RowsProcessed, string? Uri, string? ClientName, string? LoginType, string? Subject,
        Guid? IntegrationId);
}
