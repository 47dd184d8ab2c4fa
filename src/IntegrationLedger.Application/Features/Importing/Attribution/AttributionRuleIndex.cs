using System.Buffers;
using IntegrationLedger.Domain.Integrations;
using IntegrationLedger.Domain.Usage;

namespace IntegrationLedger.Application.Features.Importing.Attribution;

/// <summary>
/// Finds the attribution rules an event might match without trying every rule: with thousands of
/// integrations, scoring each new combination of account, client and address against every rule was
/// seconds of a large import. Rules on an account, a connected app or a name are looked up by their value
/// (a name by each prefix of the event's value that ends where a version or platform may begin); network
/// rules are few and always tried. The candidates come back in the rules' own order, and
/// <see cref="Attributor"/> still weighs each one itself, so the index only narrows, never decides.
/// </summary>
internal sealed class AttributionRuleIndex
{
    private readonly Dictionary<string, List<int>> _byAccount = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, List<int>> _byConnectedApp = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, List<int>> _byName = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, List<int>>.AlternateLookup<ReadOnlySpan<char>> _byNamePrefix;
    private readonly List<int> _networks = [];

    /// <param name="rules">Each rule's kind and value, by its position in the attributor's list.</param>
    public AttributionRuleIndex(IReadOnlyList<(AttributionRuleKind Kind, string Value)> rules)
    {
        _byNamePrefix = _byName.GetAlternateLookup<ReadOnlySpan<char>>();
        for (var i = 0; i < rules.Count; i++)
        {
            var (kind, value) = rules[i];
            var list = kind switch
            {
                AttributionRuleKind.Account => At(_byAccount, value),
                AttributionRuleKind.ConnectedAppId => At(_byConnectedApp, value),
                AttributionRuleKind.Application or AttributionRuleKind.ClientName => At(_byName, value),
                AttributionRuleKind.SourceIp => _networks,
                _ => null,
            };
            list?.Add(i);
        }
    }

    /// <summary>The positions of the rules the event may match, ascending and each once.</summary>
    public List<int> CandidatesFor(string? username, UsageEvent e)
    {
        var candidates = new List<int>(_networks);
        AddFrom(_byAccount, username, candidates);
        AddFrom(_byConnectedApp, e.ConnectedAppId, candidates);
        AddNames(e.Application, candidates);
        AddNames(e.ClientName, candidates);
        candidates.Sort();
        // A rule on a name can be reached through both the application and the client name.
        var distinct = 0;
        for (var i = 0; i < candidates.Count; i++)
        {
            if (i == 0 || candidates[i] != candidates[i - 1])
                candidates[distinct++] = candidates[i];
        }
        candidates.RemoveRange(distinct, candidates.Count - distinct);
        return candidates;
    }

    /// <summary>The value itself and each of its prefixes that a boundary follows (see Attributor.NamesMatch).</summary>
    private void AddNames(string? value, List<int> candidates)
    {
        if (value is null)
            return;
        AddFrom(_byName, value, candidates);
        for (var end = value.AsSpan().IndexOfAny(Boundaries); end >= 0; end = Next(value, end))
        {
            if (end > 0 && _byNamePrefix.TryGetValue(value.AsSpan(0, end), out var rules))
                candidates.AddRange(rules);
        }

        static int Next(string value, int end)
        {
            var next = value.AsSpan(end + 1).IndexOfAny(Boundaries);
            return next < 0 ? -1 : end + 1 + next;
        }
    }

    private static readonly SearchValues<char> Boundaries = SearchValues.Create("/ (,;");

    private static void AddFrom(Dictionary<string, List<int>> index, string? value, List<int> candidates)
    {
        if (value is not null && index.TryGetValue(value, out var rules))
            candidates.AddRange(rules);
    }

    private static List<int> At(Dictionary<string, List<int>> index, string value)
    {
        if (!index.TryGetValue(value, out var list))
            index[value] = list = [];
        return list;
    }
}
