using IntegrationLedger.Domain.Common;

namespace IntegrationLedger.Domain.Accounts;

/// <summary>
/// Salesforce record ids come in a case-sensitive 15-character form and a case-insensitive 18-character
/// form whose last three characters encode the case of the first fifteen. The ledger stores the
/// 18-character form so that ids from every export join.
/// </summary>
public static class SalesforceId
{
    private const string SuffixAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";

    public static bool TryNormalize(string? id, out string normalized)
    {
        normalized = string.Empty;
        if (string.IsNullOrWhiteSpace(id))
            return false;
        id = id.Trim();
        if (!id.All(char.IsAsciiLetterOrDigit))
            return false;
        if (id.Length == 15)
        {
            normalized = id + Suffix(id);
            return true;
        }
        if (id.Length == 18 && string.Equals(id[15..], Suffix(id[..15]), StringComparison.OrdinalIgnoreCase))
        {
            // The 18-character form is case-insensitive; rebuild it from its first 15 characters only when
            // the checksum proves them right, so the stored form is canonical.
            normalized = id[..15] + Suffix(id[..15]);
            return true;
        }
        return false;
    }

    public static string Normalize(string id) =>
        TryNormalize(id, out var normalized)
            ? normalized
            : throw new DomainException($"'{id}' is not a Salesforce id (15 or 18 letters and digits with a valid checksum).");

    private static string Suffix(string id15)
    {
        Span<char> suffix = stackalloc char[3];
        for (var block = 0; block < 3; block++)
        {
            var bits = 0;
            for (var i = 0; i < 5; i++)
            {
                if (char.IsAsciiLetterUpper(id15[block * 5 + i]))
                    bits |= 1 << i;
            }
            suffix[block] = SuffixAlphabet[bits];
        }
        return new string(suffix);
    }
}
