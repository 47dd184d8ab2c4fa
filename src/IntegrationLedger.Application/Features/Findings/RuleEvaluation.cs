using System.Diagnostics;

namespace IntegrationLedger.Application.Features.Findings;

/// <summary>What one rule found in a run, and how long it took.</summary>
public sealed record RuleOutcome(IRule Rule, IReadOnlyList<RuleResult> Results, TimeSpan Took);

/// <summary>
/// Evaluates every rule, on as many read connections as there are cores (up to <see cref="MostReaders"/>):
/// the rules only read, most of their time is SQLite answering one query or EF Core preparing one, and
/// run one after another they left a core idle for the whole run. Each reader takes the next rule not yet
/// taken; the access facts the access rules share are loaded once for all. Inside a transaction (a caller
/// that has begun a change) the rules run one by one on its own context, which alone sees what it holds.
/// Outcomes come back in <see cref="RuleBook.All"/>'s order whatever order they finished in.
/// </summary>
internal static class RuleEvaluation
{
    private const int MostReaders = 4;

    public static async Task<(IReadOnlyList<RuleOutcome> Outcomes, TimeSpan Took)> RunAsync(
        Ledger ledger, DateTime now, IReadOnlyDictionary<string, int> settings, CancellationToken cancellationToken)
    {
        var rules = RuleBook.All;
        var outcomes = new RuleOutcome[rules.Count];
        var clock = Stopwatch.StartNew();
        var readers = ledger.Db.Database.CurrentTransaction is null ? Math.Clamp(Environment.ProcessorCount, 1, MostReaders) : 1;
        var shared = new SharedFacts();
        var next = -1;

        async Task ReadAsync(int reader)
        {
            // The first reader is the ledger's own context; the others open their own connections.
            var db = reader == 0 ? ledger.Db : await ledger.OpenReaderAsync(cancellationToken);
            try
            {
                var context = new RuleContext(db, now, settings, shared);
                for (var i = Interlocked.Increment(ref next); i < rules.Count; i = Interlocked.Increment(ref next))
                {
                    var started = Stopwatch.GetTimestamp();
                    var results = await rules[i].EvaluateAsync(context, cancellationToken);
                    outcomes[i] = new RuleOutcome(rules[i], results, Stopwatch.GetElapsedTime(started));
                }
            }
            finally
            {
                if (reader != 0)
                    await db.DisposeAsync();
            }
        }

        await Task.WhenAll(Enumerable.Range(0, readers).Select(reader => Task.Run(() => ReadAsync(reader), cancellationToken)));
        return (outcomes, clock.Elapsed);
    }
}
