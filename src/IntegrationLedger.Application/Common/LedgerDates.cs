namespace IntegrationLedger.Application.Common;

/// <summary>
/// Dates people give for things that already happened (issued, rotated, in use since, departed): not in
/// the future, and not so long ago that it must be a typo.
/// </summary>
public static class LedgerDates
{
    public static readonly DateTime Earliest = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public const string PlausibleMessage = "'{PropertyValue}' must be a date that has passed, from 2000 on.";

    /// <summary>A day's grace: a date typed in one zone can be "tomorrow" in UTC.</summary>
    public static bool IsPlausible(DateTime value, DateTime now) => value >= Earliest && value <= now.AddDays(1);
}
