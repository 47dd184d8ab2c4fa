using System.Globalization;
using IntegrationLedger.Domain.Common;

namespace IntegrationLedger.Cli.Infrastructure;

/// <summary>
/// How typed text becomes dates, UTC times, counts and choices, and the one sentence that names the field
/// when it cannot. <see cref="CliOptions"/> uses it at parse time; the demo's JSON file is read with the
/// throwing forms.
/// </summary>
internal static class CliParse
{
    private static readonly string[] DateFormats = ["yyyy-MM-dd"];

    public static bool TryDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text.Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    public static string NotADate(string field, string text) => $"{field} '{text}' is not a date; write it as YYYY-MM-DD.";

    /// <summary>
    /// A point in time: a date (midnight UTC) or an ISO 8601 time with Z or an offset. A time without a zone
    /// is refused rather than guessed, because the ledger compares times across exports from many zones.
    /// </summary>
    public static bool TryUtcTime(string text, out DateTime time)
    {
        var trimmed = text.Trim();
        if (TryDate(trimmed, out var date))
        {
            time = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            return true;
        }
        var hasZone = trimmed.EndsWith('Z') || trimmed.EndsWith('z') || HasOffset(trimmed);
        if (hasZone && DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.None, out var withZone))
        {
            time = withZone.UtcDateTime;
            return true;
        }
        time = default;
        return false;
    }

    public static string NotAUtcTime(string field, string text) =>
        $"{field} '{text}' is not a date (YYYY-MM-DD) or a time with its zone (such as 2026-07-01T09:30:00Z).";

    /// <summary>A whole number of days or items, greater than zero.</summary>
    public static bool TryCount(string text, out int count) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out count) && count > 0;

    public static string NotACount(string field, string text) => $"{field} '{text}' is not a positive whole number.";

    /// <summary>A network in CIDR form (10.0.0.0/8, fd00::/8), or one address, which is a network of one.</summary>
    public static bool TryNetwork(string text, out System.Net.IPNetwork network)
    {
        if (System.Net.IPAddress.TryParse(text, out var address) && !text.Contains('/', StringComparison.Ordinal))
        {
            network = new System.Net.IPNetwork(address, address.GetAddressBytes().Length * 8);
            return true;
        }
        return System.Net.IPNetwork.TryParse(text, out network);
    }

    public static string NotANetwork(string field, string text) =>
        $"{field} '{text}' is not an IP address or a network (such as 10.0.0.5 or 10.0.0.0/24).";

    public static string NotAChoice<T>(string field, string text)
        where T : struct, Enum => $"{field} '{text}' is not one of {string.Join(", ", KebabCase.Names<T>())}.";

    public static DateOnly Date(string text, string field) =>
        TryDate(text, out var date) ? date : throw new UsageException(NotADate(field, text));

    public static DateOnly? OptionalDate(string? text, string field) => text is null ? null : Date(text, field);

    public static DateTime UtcTime(string text, string field) =>
        TryUtcTime(text, out var time) ? time : throw new UsageException(NotAUtcTime(field, text));

    public static DateTime? OptionalUtcTime(string? text, string field) => text is null ? null : UtcTime(text, field);

    /// <summary>An enum member from its kebab-case spelling (<c>approved-with-conditions</c>).</summary>
    public static T Choice<T>(string text)
        where T : struct, Enum =>
        KebabCase.TryParse<T>(text, out var value)
            ? value
            : throw new UsageException($"'{text}' is not one of {string.Join(", ", KebabCase.Names<T>())}.");

    private static bool HasOffset(string text)
    {
        var t = text.LastIndexOf('T');
        if (t < 0)
            return false;
        var timePart = text[t..];
        return timePart.Contains('+', StringComparison.Ordinal) || timePart.Contains('-', StringComparison.Ordinal);
    }
}
