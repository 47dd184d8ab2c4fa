using System.Globalization;

namespace IntegrationLedger.Application.Common;

/// <summary>
/// Times and dates as the command line and the web pages show them: the ledger keeps UTC, and says so.
/// </summary>
public static class DisplayText
{
    public static string Time(DateTime? utc) => utc?.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) ?? "";

    public static string Date(DateTime? utc) => utc?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    public static string Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
}
