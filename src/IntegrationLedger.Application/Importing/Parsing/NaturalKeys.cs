using System.Security.Cryptography;
using System.Text;

namespace IntegrationLedger.Application.Importing.Parsing;

/// <summary>
/// Keys for rows whose source gives them no id (the Setup downloads, OauthToken): a hash of the values
/// that identify the row, so the same row in two overlapping exports gets the same key.
/// </summary>
public static class NaturalKeys
{
    public static string ContentHash(params string?[] parts)
    {
        var text = string.Join('\u001f', parts.Select(p => p ?? ""));
        return "h:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 16));
    }
}
