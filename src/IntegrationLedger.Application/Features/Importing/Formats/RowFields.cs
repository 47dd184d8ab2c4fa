using System.Net;

namespace IntegrationLedger.Application.Features.Importing.Formats;

/// <summary>Field checks shared by the formats; each adds a row error naming the column when a value is wrong.</summary>
internal static class RowFields
{
    /// <summary>A Salesforce id in its 18-character form, or null when the field is empty or wrong (with an error).</summary>
    public static string? SalesforceId(string? value, string column, long line, List<RowError> errors)
    {
        if (value is null)
            return null;
        if (Domain.Accounts.SalesforceId.TryNormalize(value, out var normalized))
            return normalized;
        errors.Add(new RowError(line, column, $"'{value}' is not a Salesforce id (15 or 18 characters with a valid checksum)"));
        return null;
    }

    /// <summary>
    /// A source address. Salesforce writes the literal "Salesforce.com IP" for its own hosts and sometimes
    /// "N/A"; those carry no address and are kept as none.
    /// </summary>
    public static string? IpAddress(string? value, string column, long line, List<RowError> errors)
    {
        if (value is null || value.Equals("Salesforce.com IP", StringComparison.OrdinalIgnoreCase) || value.Equals("N/A", StringComparison.OrdinalIgnoreCase))
            return null;
        // IPAddress.Parse also takes "12345" and "1.2.3" as IPv4 shorthands; exports write four dotted numbers.
        var looksLikeAddress = value.Contains(':', StringComparison.Ordinal) || (value.Count(c => c == '.') == 3 && value.All(c => char.IsAsciiDigit(c) || c == '.'));
        if (looksLikeAddress && System.Net.IPAddress.TryParse(value, out var address))
            return address.ToString();
        errors.Add(new RowError(line, column, $"'{value}' is not an IP address"));
        return null;
    }

    public static long? Count(string? value, string column, long line, List<RowError> errors)
    {
        if (value is null)
            return null;
        if (long.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var count))
            return count;
        errors.Add(new RowError(line, column, $"'{value}' is not a whole number"));
        return null;
    }

    /// <summary>"N/A" and "Unknown" are how Salesforce says "no value".</summary>
    public static string? Meaningful(string? value) =>
        value is null || value.Equals("N/A", StringComparison.OrdinalIgnoreCase) || value.Equals("Unknown", StringComparison.OrdinalIgnoreCase) ? null : value;

    public static IPAddress? Address(string? ip) => ip is not null && System.Net.IPAddress.TryParse(ip, out var address) ? address : null;
}
