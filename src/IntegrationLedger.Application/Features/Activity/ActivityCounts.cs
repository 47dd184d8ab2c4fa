using System.Runtime.InteropServices;
using IntegrationLedger.Domain.Activity;
using IntegrationLedger.Domain.Usage;

namespace IntegrationLedger.Application.Features.Activity;

/// <summary>A day's totals as one import counted them (a job moved to an earlier day takes some away again).</summary>
internal readonly record struct DayTotals(long Calls, long Failures, long Rows, long Bytes);

/// <summary>One counted day with its objects and sources, in the order of the tables' keys.</summary>
internal sealed record CountedDay(
    string Scope, string Subject, DateOnly Day, DayTotals Totals, List<(string Entity, long Calls, long Rows)> Objects, List<(string Source, long Calls)> Sources);

/// <summary>
/// What one import counted, per integration or account and day, kept compact: an import of a million events
/// from thousands of accounts can bring as many account days as events, so each day is a small value in one
/// table keyed by numbers, and each object and source name is held once, not once per event.
/// </summary>
internal sealed class ActivityCounts
{
    private readonly List<(string Scope, string Subject)> _subjects = [];
    private readonly Dictionary<Guid, int> _integrations = [];
    private readonly Dictionary<string, int> _accounts = new(StringComparer.Ordinal);
    private readonly Dictionary<(int Subject, DateOnly Day), DayTotals> _days = [];
    private readonly Dictionary<(int Subject, DateOnly Day, string Entity), (long Calls, long Rows)> _objects = [];
    private readonly Dictionary<(int Subject, DateOnly Day, string Source), long> _sources = [];
    // Objects are one whatever their letter case, under the first spelling the import met.
    private readonly Dictionary<string, string> _entityNames = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _sourceNames = new(StringComparer.Ordinal);

    public bool IsEmpty => _days.Count == 0;

    public DateOnly FirstDay => _days.Keys.Min(k => k.Day);
    public DateOnly LastDay => _days.Keys.Max(k => k.Day);

    /// <summary>The subjects an event is counted under: its integration, its account, both or neither.</summary>
    public (int? Integration, int? Account) SubjectsOf(Guid? integrationId, string? username) =>
        (integrationId is { } id ? Subject(_integrations, id, ActivityScope.Integration, id.ToString().ToUpperInvariant()) : null,
         username is not null ? Subject(_accounts, username, ActivityScope.Account, username) : null);

    /// <summary>Counts an event: its request, rows and bytes on <paramref name="countedOn"/> (a job's first day), its failure and source on its own day.</summary>
    public void Add(int subject, UsageEvent e, DateOnly day, DateOnly countedOn, long calls, long rows, long bytes)
    {
        Count(subject, e.Entity, countedOn, calls, rows, bytes);
        ref var eventDay = ref CollectionsMarshal.GetValueRefOrAddDefault(_days, (subject, day), out _);
        if (e.Succeeded == false)
            eventDay = eventDay with { Failures = eventDay.Failures + 1 };
        if (e.SourceIp is { } address)
        {
            var source = Name(_sourceNames, address);
            ref var calledFrom = ref CollectionsMarshal.GetValueRefOrAddDefault(_sources, (subject, day, source), out _);
            calledFrom++;
        }
    }

    /// <summary>Adds calls, rows and bytes (less, for a job moved away) to a day and to the object they touched.</summary>
    public void Count(int subject, string? entity, DateOnly day, long calls, long rows, long bytes)
    {
        ref var totals = ref CollectionsMarshal.GetValueRefOrAddDefault(_days, (subject, day), out _);
        totals = totals with { Calls = totals.Calls + calls, Rows = totals.Rows + rows, Bytes = totals.Bytes + bytes };
        if (entity is null || (calls == 0 && rows == 0))
            return;
        ref var touched = ref CollectionsMarshal.GetValueRefOrAddDefault(_objects, (subject, day, Name(_entityNames, entity)), out _);
        touched = (touched.Calls + calls, touched.Rows + rows);
    }

    /// <summary>
    /// Every counted day with its objects and sources, in the order of the tables' keys (scope, subject, day,
    /// value, as SQLite compares text), so each write lands beside the one before it in the key's index.
    /// </summary>
    public IEnumerable<CountedDay> InKeyOrder()
    {
        var rank = new int[_subjects.Count];
        var ordered = Enumerable.Range(0, _subjects.Count)
            .OrderBy(s => _subjects[s].Scope, StringComparer.Ordinal).ThenBy(s => _subjects[s].Subject, StringComparer.Ordinal).ToList();
        for (var position = 0; position < ordered.Count; position++)
            rank[ordered[position]] = position;

        var objects = _objects.OrderBy(o => rank[o.Key.Subject]).ThenBy(o => o.Key.Day).ThenBy(o => o.Key.Entity, StringComparer.Ordinal).ToList();
        var sources = _sources.OrderBy(s => rank[s.Key.Subject]).ThenBy(s => s.Key.Day).ThenBy(s => s.Key.Source, StringComparer.Ordinal).ToList();
        int nextObject = 0, nextSource = 0;
        foreach (var (key, totals) in _days.OrderBy(d => rank[d.Key.Subject]).ThenBy(d => d.Key.Day))
        {
            var dayObjects = new List<(string, long, long)>();
            for (; nextObject < objects.Count && objects[nextObject].Key.Subject == key.Subject && objects[nextObject].Key.Day == key.Day; nextObject++)
                dayObjects.Add((objects[nextObject].Key.Entity, objects[nextObject].Value.Calls, objects[nextObject].Value.Rows));
            var daySources = new List<(string, long)>();
            for (; nextSource < sources.Count && sources[nextSource].Key.Subject == key.Subject && sources[nextSource].Key.Day == key.Day; nextSource++)
                daySources.Add((sources[nextSource].Key.Source, sources[nextSource].Value));
            var (scope, subject) = _subjects[key.Subject];
            yield return new CountedDay(scope, subject, key.Day, totals, dayObjects, daySources);
        }
    }

    private int Subject<TKey>(Dictionary<TKey, int> subjects, TKey key, ActivityScope scope, string subject)
        where TKey : notnull
    {
        ref var index = ref CollectionsMarshal.GetValueRefOrAddDefault(subjects, key, out var exists);
        if (!exists)
        {
            index = _subjects.Count;
            _subjects.Add((scope.ToString(), subject));
        }
        return index;
    }

    private static string Name(Dictionary<string, string> names, string name)
    {
        ref var held = ref CollectionsMarshal.GetValueRefOrAddDefault(names, name, out var exists);
        if (!exists)
            held = name;
        return held!;
    }
}
