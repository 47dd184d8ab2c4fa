using System.Globalization;

namespace IntegrationLedger.Application.Features.Importing.Parsing;

/// <summary>
/// The time formats Salesforce exports use. Every parser returns UTC; the ones for times that carry no
/// zone take the zone the user named, because guessing one would shift every event by hours.
/// </summary>
public static partial class SalesforceTimes
{
    private static readonly string[] IsoFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd'T'HH:mm:ssK",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz",
        "yyyy-MM-dd HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd HH:mm:ssK",
    ];

    /// <summary>Month first, as a user with a US locale exports; <see cref="DayFirstFormats"/> for the rest of the world.</summary>
    private static readonly string[] LocalFormats = WithDateOrder("M/d/yyyy");

    private static readonly string[] DayFirstFormats = WithDateOrder("d/M/yyyy");

    private static string[] WithDateOrder(string date) =>
    [
        $"{date} h:mm:ss tt", $"{date} h:mm tt", $"{date}, h:mm:ss tt", $"{date}, h:mm tt",
        $"{date} H:mm:ss", $"{date} H:mm", $"{date}, H:mm:ss", $"{date}, H:mm",
        "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd HH:mm:ss.FFFFFFF",
    ];

    /// <summary>
    /// Zone abbreviations Salesforce writes after Setup Audit Trail times, with their offsets. Those that
    /// name more than one zone (CST is US Central and China; BST is British Summer and Bangladesh; IST is
    /// India, Ireland and Israel) are read only with <c>--time-zone</c>, whose offset then decides.
    /// </summary>
    private static readonly Dictionary<string, TimeSpan> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        ["UTC"] = TimeSpan.Zero, ["GMT"] = TimeSpan.Zero, ["Z"] = TimeSpan.Zero,
        ["EST"] = TimeSpan.FromHours(-5), ["EDT"] = TimeSpan.FromHours(-4),
        ["CDT"] = TimeSpan.FromHours(-5),
        ["MST"] = TimeSpan.FromHours(-7), ["MDT"] = TimeSpan.FromHours(-6),
        ["PST"] = TimeSpan.FromHours(-8), ["PDT"] = TimeSpan.FromHours(-7),
        ["AKST"] = TimeSpan.FromHours(-9), ["AKDT"] = TimeSpan.FromHours(-8),
        ["HST"] = TimeSpan.FromHours(-10),
        ["CET"] = TimeSpan.FromHours(1), ["CEST"] = TimeSpan.FromHours(2),
    };

    private static readonly HashSet<string> AmbiguousAbbreviations = new(StringComparer.OrdinalIgnoreCase) { "CST", "BST", "IST" };

    /// <summary>
    /// Event Monitoring's <c>TIMESTAMP</c>: <c>yyyyMMddHHmmss</c> in GMT with any number of fraction digits
    /// (<c>20231218054831.655</c>, <c>20211019050707.13</c>, <c>20220803011210</c>). Parsed by hand: a
    /// million of them must cost next to nothing.
    /// </summary>
    public static bool TryParseElfTimestamp(ReadOnlySpan<byte> text, out DateTime utc)
    {
        utc = default;
        if (text.Length < 14)
            return false;
        if (!TryDigits(text[..4], out var year) || !TryDigits(text.Slice(4, 2), out var month) || !TryDigits(text.Slice(6, 2), out var day)
            || !TryDigits(text.Slice(8, 2), out var hour) || !TryDigits(text.Slice(10, 2), out var minute) || !TryDigits(text.Slice(12, 2), out var second))
            return false;
        long ticks = 0;
        if (text.Length > 14)
        {
            if (text[14] != (byte)'.' || text.Length == 15 || text.Length > 22 || !TryDigits(text[15..], out var fraction))
                return false;
            ticks = Ticks(fraction, text.Length - 15);
        }
        return TryCompose(year, month, day, hour, minute, second, ticks, out utc);
    }

    /// <summary>
    /// Whether two columns that write one instant (TIMESTAMP and TIMESTAMP_DERIVED) agree, compared to the
    /// precision the coarser of them carries: <c>20211019050707.13</c> and <c>2021-10-19T05:07:07.130Z</c>
    /// are the same moment, as are <c>20220803011210</c> and <c>2022-08-03T01:12:10.000Z</c>.
    /// </summary>
    public static bool SameInstant(DateTime first, string firstText, DateTime second, string secondText)
    {
        var digits = Math.Min(FractionDigits(firstText), FractionDigits(secondText));
        var unit = TimeSpan.TicksPerSecond;
        for (var i = 0; i < digits; i++)
            unit /= 10;
        return first.Ticks / unit == second.Ticks / unit;
    }

    /// <summary>How many digits of a second a written time carries after its seconds (7 at most, as ticks go).</summary>
    private static int FractionDigits(string text)
    {
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0)
            return 0;
        var digits = 0;
        while (dot + 1 + digits < text.Length && char.IsAsciiDigit(text[dot + 1 + digits]))
            digits++;
        return Math.Min(digits, 7);
    }

    /// <summary>
    /// ISO 8601 with Z or an offset, including the <c>+0000</c> that the REST API and sf CLI write. A time
    /// without either is refused: read in this machine's zone it would be silently wrong.
    /// </summary>
    public static bool TryParseIso(string? text, out DateTime utc)
    {
        utc = default;
        if (string.IsNullOrWhiteSpace(text))
            return false;
        var value = text.Trim();
        if (TryParseZulu(value, out utc))
            return true;
        if (!HasZone(value))
            return false;
        // "+0000" is not an offset .NET parses; "+00:00" is.
        if (value.Length > 5 && (value[^5] == '+' || value[^5] == '-') && char.IsAsciiDigit(value[^4]) && value[^3] != ':' && value.Contains('T', StringComparison.Ordinal))
            value = string.Concat(value.AsSpan(0, value.Length - 2), ":", value.AsSpan(value.Length - 2));
        if (!DateTimeOffset.TryParseExact(value, IsoFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            return false;
        utc = parsed.UtcDateTime;
        return true;
    }

    /// <summary>
    /// A time as a person's export writes it (<c>11/28/2026 6:00:00 AM</c>, <c>"9/10/2026, 4:21:14 AM PDT"</c>),
    /// or ISO. A zone abbreviation in the text wins; otherwise <paramref name="zone"/> must be given. Dates
    /// are month first unless <paramref name="dayFirst"/>; a date that only reads day first is refused with
    /// that hint rather than guessed, since 3/4 would then mean two different days in one file.
    /// </summary>
    public static LocalTimeResult ParseLocal(string? text, TimeZoneInfo? zone, bool dayFirst = false, ImportWording? wording = null)
    {
        wording ??= ImportWording.Neutral;
        if (string.IsNullOrWhiteSpace(text))
            return LocalTimeResult.Fail("is empty");
        var value = text.Trim();
        if (TryParseIso(value, out var iso))
            return LocalTimeResult.Ok(iso);

        TimeSpan? offset = null;
        var lastSpace = value.LastIndexOf(' ');
        if (lastSpace > 0)
        {
            var suffix = value[(lastSpace + 1)..];
            if (Abbreviations.TryGetValue(suffix, out var known) || TryParseGmtOffset(suffix, out known))
            {
                offset = known;
                value = value[..lastSpace];
            }
            else if (suffix.All(char.IsAsciiLetter) && suffix.Length >= 3 && !suffix.Equals("AM", StringComparison.OrdinalIgnoreCase) && !suffix.Equals("PM", StringComparison.OrdinalIgnoreCase))
            {
                // A label that is ambiguous or unknown is the exporter's name for the zone given with --time-zone,
                // whose own rules then decide; an unambiguous one (PST, EDT...) always wins.
                if (zone is null)
                {
                    var why = AmbiguousAbbreviations.Contains(suffix) ? "names more than one zone" : "is not a zone ledger knows";
                    return LocalTimeResult.Fail($"'{text}': the zone '{suffix}' {why}; {wording.GiveZone("the exporter's zone")}", needsZone: true);
                }
                value = value[..lastSpace];
            }
        }
        if (!DateTime.TryParseExact(value, dayFirst ? DayFirstFormats : LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return !dayFirst && DateTime.TryParseExact(value, DayFirstFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
                ? LocalTimeResult.Fail($"'{text}' reads only as day/month/year; if the file writes the day first, {wording.DayFirst}")
                : LocalTimeResult.Fail($"'{text}' is not a time in a known format (such as {(dayFirst ? "28/11/2026 06:00:00" : "11/28/2026 6:00:00 AM")})");
        }
        if (offset is { } known2)
            return LocalTimeResult.Ok(DateTime.SpecifyKind(local - known2, DateTimeKind.Utc));
        if (zone is null)
            return LocalTimeResult.Fail($"'{text}' carries no time zone; {wording.GiveZone("the zone the file was exported in")}", needsZone: true);
        if (zone.IsInvalidTime(local))
            return LocalTimeResult.Fail($"'{text}' does not exist in {zone.Id} (the clocks skipped it)");
        // An ambiguous local time (the hour repeated when clocks go back) is read as the first of the two.
        var localOffset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return LocalTimeResult.Ok(DateTime.SpecifyKind(local - localOffset, DateTimeKind.Utc));
    }

    /// <summary>
    /// "GMT+01:00", "GMT-5", "UTC+0530": the label some locales write instead of a zone abbreviation. It
    /// names the offset itself, so it needs no --time-zone.
    /// </summary>
    private static bool TryParseGmtOffset(string label, out TimeSpan offset)
    {
        offset = default;
        var match = GmtOffset().Match(label);
        if (!match.Success)
            return false;
        var hours = int.Parse(match.Groups["h"].Value, CultureInfo.InvariantCulture);
        var minutes = match.Groups["m"].Success ? int.Parse(match.Groups["m"].Value, CultureInfo.InvariantCulture) : 0;
        if (hours > 14 || minutes > 59)
            return false;
        offset = new TimeSpan(hours, minutes, 0) * (match.Groups["sign"].Value == "-" ? -1 : 1);
        return true;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^(?:GMT|UTC)(?<sign>[+-])(?<h>\d{1,2})(?::?(?<m>\d{2}))?$", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex GmtOffset();

    /// <summary>Whether an ISO-looking time ends with Z or a numeric offset after its time part.</summary>
    private static bool HasZone(string value)
    {
        if (value.EndsWith('Z') || value.EndsWith('z'))
            return true;
        var timeStart = value.IndexOfAny(['T', ' ']);
        if (timeStart < 0)
            return false;
        var time = value.AsSpan(timeStart + 1);
        return time.IndexOfAny('+', '-') > 0;
    }

    /// <summary>
    /// The one form Event Monitoring's TIMESTAMP_DERIVED takes (<c>2026-11-28T06:00:00.000Z</c>), read
    /// without the general parser, whose many formats cost seconds over a file of a million rows.
    /// Anything else is left to <see cref="TryParseIso"/>'s general path.
    /// </summary>
    private static bool TryParseZulu(ReadOnlySpan<char> text, out DateTime utc)
    {
        utc = default;
        if (text.Length < 20 || text.Length > 28 || text[^1] != 'Z' || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' || text[16] != ':')
            return false;
        if (!TryDigits(text[..4], out var year) || !TryDigits(text.Slice(5, 2), out var month) || !TryDigits(text.Slice(8, 2), out var day)
            || !TryDigits(text.Slice(11, 2), out var hour) || !TryDigits(text.Slice(14, 2), out var minute) || !TryDigits(text.Slice(17, 2), out var second))
            return false;
        long ticks = 0;
        if (text.Length > 20)
        {
            if (text[19] != '.' || text.Length == 21 || !TryDigits(text[20..^1], out var fraction))
                return false;
            ticks = Ticks(fraction, text.Length - 21);
        }
        return TryCompose(year, month, day, hour, minute, second, ticks, out utc);
    }

    /// <summary>A fraction of a second written with <paramref name="digits"/> digits (7 at most), in ticks.</summary>
    private static long Ticks(int fraction, int digits)
    {
        long ticks = fraction;
        for (; digits < 7; digits++)
            ticks *= 10;
        return ticks;
    }

    private static bool TryCompose(int year, int month, int day, int hour, int minute, int second, long ticks, out DateTime utc)
    {
        utc = default;
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
            return false;
        utc = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc).AddTicks(ticks);
        return true;
    }

    private static bool TryDigits(ReadOnlySpan<char> digits, out int value)
    {
        value = 0;
        foreach (var c in digits)
        {
            if (!char.IsAsciiDigit(c))
                return false;
            value = value * 10 + (c - '0');
        }
        return true;
    }

    private static bool TryDigits(ReadOnlySpan<byte> digits, out int value)
    {
        value = 0;
        foreach (var b in digits)
        {
            var digit = b - (byte)'0';
            if ((uint)digit > 9)
                return false;
            value = value * 10 + digit;
        }
        return true;
    }
}

public readonly record struct LocalTimeResult(DateTime Utc, string? Problem, bool NeedsZone)
{
    public static LocalTimeResult Ok(DateTime utc) => new(utc, null, false);

    public static LocalTimeResult Fail(string problem, bool needsZone = false) => new(default, problem, needsZone);
}
