namespace IntegrationLedger.Cli.Infrastructure;

/// <summary>
/// The names closest to a misspelt one: within a typo or two (a letter missing, extra, wrong or two letters
/// swapped, counted by the optimal string alignment distance), or the only names it begins.
/// </summary>
internal static class NearestNames
{
    public static IReadOnlyList<string> To(string typed, IEnumerable<string> candidates)
    {
        var names = candidates.ToList();
        var allowed = Math.Max(1, typed.TrimStart('-').Length / 3);
        var scored = names
            .Select(name => (Name: name, Distance: Distance(typed.ToLowerInvariant(), name.ToLowerInvariant())))
            .Where(s => s.Distance <= allowed)
            .ToList();
        if (scored.Count > 0)
        {
            var best = scored.Min(s => s.Distance);
            return scored.Where(s => s.Distance == best).Select(s => s.Name).Take(3).ToList();
        }
        // "ledger tok": a prefix of one name only is that name; of several it would be a guess.
        var prefixed = names.Where(name => typed.Length >= 2 && name.StartsWith(typed, StringComparison.OrdinalIgnoreCase)).ToList();
        return prefixed.Count == 1 ? prefixed : [];
    }

    /// <summary>Edits (insert, delete, substitute, swap two neighbours) that turn one text into the other.</summary>
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
            d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++)
            d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        }
        return d[a.Length, b.Length];
    }
}
