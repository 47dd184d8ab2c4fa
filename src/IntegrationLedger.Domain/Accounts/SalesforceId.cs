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
        if (id.Length != 18)
            return false;
        if (string.Equals(id[15..], Suffix(id[..15]), StringComparison.OrdinalIgnoreCase))
        {
            normalized = id[..15] + Suffix(id[..15]);
            return true;
        }
        // The 18-character form exists to survive tools that change case: when a tool upper- or lower-cased
        // the whole id, the suffix says which letters were capitals. Mixed case that disagrees with the
        // suffix is a typo, and is refused.
        var letters = id[..15].Where(char.IsAsciiLetter).ToList();
        if (letters.Count > 0 && !letters.All(char.IsAsciiLetterUpper) && !letters.All(char.IsAsciiLetterLower))
            return false;
        return TryRestoreCase(id, out normalized);
    }

    private static bool TryRestoreCase(string id18, out string normalized)
    {
        normalized = string.Empty;
        Span<char> restored = stackalloc char[15];
        for (var block = 0; block < 3; block++)
        {
            var bits = SuffixAlphabet.IndexOf(char.ToUpperInvariant(id18[15 + block]), StringComparison.Ordinal);
            if (bits < 0)
                return false;
            for (var i = 0; i < 5; i++)
            {
                var c = id18[block * 5 + i];
                var upper = (bits & (1 << i)) != 0;
                if (!char.IsAsciiLetter(c) && upper)
                    return false;
                restored[block * 5 + i] = upper ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c);
            }
        }
        var id15 = new string(restored);
        normalized = id15 + Suffix(id15);
        return true;
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
