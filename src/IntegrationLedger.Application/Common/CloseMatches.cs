using Quickenshtein;

namespace IntegrationLedger.Application.Common;

/// <summary>
/// The names a mistyped one was probably meant to be, for an error that names them: those that contain it
/// or that it contains, and those a few edits away (Levenshtein distance, in any letter case), nearest first.
/// </summary>
public static class CloseMatches
{
    public static IReadOnlyList<string> Among(string wanted, IEnumerable<string> names, int most = 3)
    {
        var typed = wanted.Trim().ToLowerInvariant();
        if (typed.Length == 0)
            return [];
        var allowed = Math.Max(2, typed.Length / 3);
        return names.Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(name => (Name: name, Lower: name.ToLowerInvariant()))
            .Select(n => (n.Name, Distance: n.Lower.Contains(typed, StringComparison.Ordinal) || typed.Contains(n.Lower, StringComparison.Ordinal)
                ? 0 : Levenshtein.GetDistance(typed, n.Lower)))
            .Where(n => n.Distance <= allowed)
            .OrderBy(n => n.Distance).ThenBy(n => n.Name, StringComparer.OrdinalIgnoreCase)
            .Take(most)
            .Select(n => n.Name)
            .ToList();
    }

    /// <summary>" Did you mean 'A' or 'B'?", or nothing when no name is close.</summary>
    public static string Suggestion(string wanted, IEnumerable<string> names) => Among(wanted, names) switch
    {
        [] => "",
        [var one] => $" Did you mean '{one}'?",
        var several => $" Did you mean {string.Join(" or ", several.Select(s => $"'{s}'"))}?",
    };
}
