using System.Security.Cryptography;
using System.Text;

namespace IntegrationLedger.Application.Features.Importing.Parsing;

/// <summary>
/// Keys for rows whose source gives them no id (the Setup downloads, OauthToken): a hash of the values
/// that identify the row, so the same row in two overlapping exports gets the same key. Identical rows
/// within one file are real, separate events (an integration that logs in twice in a second), so each
/// repeat is numbered: the second is "#1", the third "#2". Two exports that both hold the repeats number
/// them alike.
/// </summary>
public sealed class NaturalKeys
{
    private readonly Dictionary<string, int> _seen = new(StringComparer.Ordinal);

    public string ForContent(params string?[] parts)
    {
        var hash = ContentHash(parts);
        var repeats = _seen.TryGetValue(hash, out var seen) ? seen : 0;
        _seen[hash] = repeats + 1;
        return repeats == 0 ? hash : $"{hash}#{repeats}";
    }

    public static string ContentHash(params string?[] parts)
    {
        var text = string.Join('\u001f', parts.Select(p => p ?? ""));
        return "h:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 16));
    }
}
