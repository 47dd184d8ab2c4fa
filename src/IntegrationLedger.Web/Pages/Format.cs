using System.Globalization;

namespace IntegrationLedger.Web.Pages;

/// <summary>Times as the ledger keeps them, in UTC, and said so.</summary>
public static class Format
{
    public static string Time(DateTime? utc) => utc?.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) ?? "";

    public static string Date(DateTime? utc) => utc?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    public static string Name(Enum value) => System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());
}
