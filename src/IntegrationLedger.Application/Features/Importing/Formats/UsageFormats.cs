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
    ];

    public static IUsageFormat? Find(string name) =>
        All.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase));

    public static IUsageFormat? Recognise(HeaderMap header) => All.FirstOrDefault(f => f.Recognises(header));
}
