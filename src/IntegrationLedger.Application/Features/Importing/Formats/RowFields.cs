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
        errors.Add(new RowError(line, column, $"'{value}' is not a Salesforce id: {WhyNotAnId(value)}"));
        return null;
    }

    /// <summary>
    /// An id in a column that holds only the 18-character form (Event Monitoring's *_DERIVED columns): a
    /// 15-character value there is not what the column is, so its neighbours may be shifted too.
    /// </summary>
    public static string? LongSalesforceId(string? value, string column, long line, List<RowError> errors)
    {
        if (value is not null && value.Length == 15 && value.All(char.IsAsciiLetterOrDigit))
        {
            errors.Add(new RowError(line, column, $"'{value}' has 15 characters, where this column holds the 18-character form of an id"));
            return null;
        }
        return SalesforceId(value, column, line, errors);
    }

    private static string WhyNotAnId(string value) => value switch
    {
        _ when !value.All(char.IsAsciiLetterOrDigit) => "it holds characters other than letters and digits",
        { Length: not (15 or 18) } => $"it has {value.Length} characters, where an id has 15 or 18",
        _ => "its last three characters are not the checksum of the first fifteen",
    };

    /// <summary>
    /// A Salesforce username, in lower case as the ledger compares them. Salesforce requires the form of
    /// an email address (the License Manager's masked 033...@00d... names have it too); anything else is
    /// some other column's value.
    /// </summary>
    public static string? Username(string? value, string column, long line, List<RowError> errors)
    {
        if (value is null)
            return null;
        var at = value.IndexOf('@', StringComparison.Ordinal);
        // Only the shape is checked: control characters are no sign of another column, and every output
        // shows them escaped (decision 0009), as it does for any text from a file.
        if (at > 0 && at < value.Length - 1 && value.IndexOf('@', at + 1) < 0 && !value.Any(char.IsWhiteSpace))
            return value.ToLowerInvariant();
        errors.Add(new RowError(line, column, $"'{value}' is not a Salesforce username (written as an email address, such as name@example.com)"));
        return null;
    }

    /// <summary>A true/false column: 1, 0, true or false in any case, as Event Monitoring and the sf CLI write them.</summary>
    public static bool? Flag(string? value, string column, long line, List<RowError> errors)
    {
        switch (value?.ToLowerInvariant())
        {
            case null:
                return null;
            case "1" or "true":
                return true;
            case "0" or "false":
                return false;
            default:
                errors.Add(new RowError(line, column, $"'{value}' is not a yes or no (1, 0, true or false)"));
                return null;
        }
    }

    /// <summary>Where a login was made: a host name (example.my.salesforce.com) or an http(s) address; "N/A" is none.</summary>
    public static string? LoginUrl(string? value, string column, long line, List<RowError> errors)
    {
        if (Meaningful(value) is not { } text)
            return null;
        if (Uri.CheckHostName(text) is UriHostNameType.Dns or UriHostNameType.IPv4 or UriHostNameType.IPv6
            || (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"))
            return text;
        errors.Add(new RowError(line, column, $"'{text}' is not a host name or web address (such as example.my.salesforce.com)"));
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
