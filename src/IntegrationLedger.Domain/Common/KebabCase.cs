using System.Text.Json;

namespace IntegrationLedger.Domain.Common;

/// <summary>
/// Names as people type and read them: enum members and property names in kebab case
/// (<c>PendingUpdate</c> is "pending-update"). The command line, the web pages, exports and the
/// workbook all spell names this one way.
/// </summary>
public static class KebabCase
{
    public static string Of(Enum value) => Of(value.ToString());

    public static string Of(string name) => JsonNamingPolicy.KebabCaseLower.ConvertName(name);

    /// <summary>The member of <typeparamref name="T"/> spelled <paramref name="text"/> in kebab case or as its own name, any case.</summary>
    public static bool TryParse<T>(string? text, out T value)
        where T : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<T>())
        {
            if (string.Equals(text, Of(candidate), StringComparison.OrdinalIgnoreCase)
                || string.Equals(text, candidate.ToString(), StringComparison.OrdinalIgnoreCase))
            {
                value = candidate;
                return true;
            }
        }
        value = default;
        return false;
    }

    /// <summary>Every member's kebab-case name, for messages that list the choices.</summary>
    public static IEnumerable<string> Names<T>()
        where T : struct, Enum => Enum.GetValues<T>().Select(v => Of(v));
}
