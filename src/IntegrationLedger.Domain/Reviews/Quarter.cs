using System.Globalization;
using System.Text.RegularExpressions;
using IntegrationLedger.Domain.Common;

namespace IntegrationLedger.Domain.Reviews;

/// <summary>A calendar quarter, as people write it: 2026-Q3, 2026Q3, Q3-2026 or Q3 2026.</summary>
public readonly partial record struct Quarter(int Year, int Number)
{
    public DateOnly FirstDay => new(Year, (Number - 1) * 3 + 1, 1);
    public DateOnly LastDay => FirstDay.AddMonths(3).AddDays(-1);

    /// <summary>The quarter's start as a UTC time (inclusive).</summary>
    public DateTime StartUtc => FirstDay.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

    /// <summary>The next quarter's start as a UTC time (exclusive end of this one).</summary>
    public DateTime EndUtc => FirstDay.AddMonths(3).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

    public static Quarter Of(DateTime utc) => new(utc.Year, (utc.Month - 1) / 3 + 1);

    public static Quarter Parse(string text) =>
        TryParse(text, out var quarter) ? quarter : throw new DomainException($"'{text}' is not a quarter; write it as 2026-Q3.");

    public static bool TryParse(string? text, out Quarter quarter)
    {
        quarter = default;
        var match = text is null ? Match.Empty : Pattern().Match(text.Trim());
        if (!match.Success)
            return false;
        var year = int.Parse(match.Groups["y1"].Success ? match.Groups["y1"].Value : match.Groups["y2"].Value, CultureInfo.InvariantCulture);
        var number = int.Parse(match.Groups["q1"].Success ? match.Groups["q1"].Value : match.Groups["q2"].Value, CultureInfo.InvariantCulture);
        if (year is < 2000 or > 9998)
            return false;
        quarter = new Quarter(year, number);
        return true;
    }

    public override string ToString() => $"{Year}-Q{Number}";

    [GeneratedRegex(@"^(?:(?<y1>\d{4})\s*-?\s*Q(?<q1>[1-4])|Q(?<q2>[1-4])\s*[-/ ]?\s*(?<y2>\d{4}))$", RegexOptions.IgnoreCase)]
    private static partial Regex Pattern();
}
