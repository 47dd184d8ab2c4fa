using IntegrationLedger.Domain.Common;
using System.Globalization;

namespace IntegrationLedger.Cli.Infrastructure;

/// <summary>Parses what people type for dates and times, with messages that name the option.</summary>
internal static class CliParse
{
    private static readonly string[] DateFormats = ["yyyy-MM-dd"];

    public static DateOnly Date(string text, string option) =>
        DateOnly.TryParseExact(text.Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new UsageException($"{option} '{text}' is not a date; write it as YYYY-MM-DD.");

    public static DateOnly? OptionalDate(string? text, string option) => text is null ? null : Date(text, option);

    /// <summary>
    /// A point in time: a date (midnight UTC) or an ISO 8601 time with Z or an offset. A time without a zone
    /// is refused rather than guessed, because the ledger compares times across exports from many zones.
    /// </summary>
    public static DateTime UtcTime(string text, string option)
    {
        var trimmed = text.Trim();
        if (DateOnly.TryParseExact(trimmed, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var hasZone = trimmed.EndsWith('Z') || trimmed.EndsWith('z') || HasOffset(trimmed);
        if (hasZone && DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
            return time.UtcDateTime;
        throw new UsageException($"{option} '{text}' is not a date (YYYY-MM-DD) or a time with its zone (such as 2026-07-01T09:30:00Z).");
    }

    public static DateTime? OptionalUtcTime(string? text, string option) => text is null ? null : UtcTime(text, option);

    /// <summary>A whole number of days or items, with a message that names the option.</summary>
    public static int? OptionalCount(string? text, string option) =>
        text is null ? null
        : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value
        : throw new UsageException($"{option} '{text}' is not a positive whole number.");

    /// <summary>An enum member from its kebab-case spelling (<c>approved-with-conditions</c>).</summary>
    public static T Choice<T>(string text)
        where T : struct, Enum =>
        Enum.TryParse<T>(text.Replace("-", "", StringComparison.Ordinal), ignoreCase: true, out var value) && Enum.IsDefined(value)
            ? value
            : throw new UsageException($"'{text}' is not one of {string.Join(", ", Enum.GetValues<T>().Select(v => KebabCase.Of(v)))}.");

    private static bool HasOffset(string text)
    {
        var t = text.LastIndexOf('T');
        if (t < 0)
            return false;
        var timePart = text[t..];
        return timePart.Contains('+', StringComparison.Ordinal) || timePart.Contains('-', StringComparison.Ordinal);
    }
}
