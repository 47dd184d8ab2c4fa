using System.Globalization;
using IntegrationLedger.Domain.Tokens;

namespace IntegrationLedger.Application.Common;

/// <summary>
/// Times and dates as the command line and the web pages show them: the ledger keeps UTC, and says so.
/// </summary>
public static class DisplayText
{
    public static string Time(DateTime? utc) => utc?.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) ?? "";

    public static string Date(DateTime? utc) => utc?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    public static string Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    /// <summary>
    /// Whether a token's secret is fingerprinted, and its end where the secret was long enough to show one
    /// (<see cref="SecretEnding"/>): "fingerprinted (ends …wxyz)".
    /// </summary>
    public static string Fingerprint(string? lastFour) => lastFour switch
    {
        null => "no fingerprint",
        "" => "fingerprinted (too short to show its end)",
        _ => $"fingerprinted (ends …{lastFour})",
    };
}
