using IntegrationLedger.Application.Features.Importing.Csv;

namespace IntegrationLedger.Application.Features.Importing.Formats;

/// <summary>The platform formats, and recognising one from a header.</summary>
public static class UsageFormats
{
    public static IReadOnlyList<IUsageFormat> All { get; } =
    [
        new ElfFormat(),
        new LoginHistoryApiFormat(),
        new LoginHistorySetupFormat(),
        new OauthTokenFormat(),
        new SetupAuditTrailFormat(),
        new ThreatEventsFormat(),
    ];

    /// <summary>
    /// The formats in the order a header is tried against them, the most specific first: a Threat Detection export's
    /// EventIdentifier, EventDate and Score are in no other file, while its other columns (LoginType, LoginUrl, UserId,
    /// Username, SourceIp) are those of the LoginHistory exports.
    /// </summary>
    private static readonly IUsageFormat[] MostSpecificFirst = [.. All.OfType<ThreatEventsFormat>(), .. All.Where(f => f is not ThreatEventsFormat)];

    public static IUsageFormat? Find(string name) =>
        All.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase));

    public static IUsageFormat? Recognise(HeaderMap header) => MostSpecificFirst.FirstOrDefault(f => f.Recognises(header));
}
