using IntegrationLedger.Application.Persistence.Auditing;
using IntegrationLedger.Domain.Findings;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Features.Findings;

public sealed record FindingView(
    string Id,
    string Rule,
    Severity Severity,
    string SubjectType,
    string Subject,
    string Summary,
    FindingStatus Status,
    DateTime FirstSeenAt,
    DateTime LastSeenAt,
    int Occurrences,
    string? Note,
    string? ActedBy,
    DateTime? ClosedAt,
    string? ClosedReason)
{
    public static FindingView From(Finding f) => new(
        f.ShortId, f.RuleId, f.Severity, f.SubjectType, f.SubjectKey, f.Summary, f.Status, f.FirstSeenAt, f.LastSeenAt,
        f.Occurrences, f.Note, f.ActedBy, f.ClosedAt, f.ClosedReason);
}

/// <summary>
/// Runs every rule; lists open findings, or with <see cref="All"/> every finding ever made, narrowed to one
/// <see cref="Severity"/> and one <see cref="Rule"/> (its id) when given. The filters narrow the list, never
/// the run: every rule always runs.
/// </summary>
public sealed record RunRules(bool All = false, Severity? Severity = null, string? Rule = null);

/// <summary>
/// Runs the rules and brings the findings up to date in one audited change: a new condition opens a
/// finding, one seen again updates it (last seen, occurrences), and one no longer seen closes itself with
/// the reason "condition cleared" (except those of an <see cref="IRecordedRule"/>, which the rules cannot see). Findings are keyed by rule and subject, so they are never duplicated.
/// </summary>
public sealed class RunRulesHandler(Ledger ledger)
{
    /// <summary>How long each rule took to evaluate in the last run, and the findings' update after them, for <c>ledger findings --timings</c>.</summary>
    public IReadOnlyList<(string Step, TimeSpan Took)> Timings { get; private set; } = [];

    /// <summary>How long the last run's rules took together, from the first start to the last end (they run side by side).</summary>
    public TimeSpan RulesTook { get; private set; }

    public async Task<IReadOnlyList<FindingView>> HandleAsync(RunRules request, CancellationToken cancellationToken = default)
    {
        var db = ledger.Db;
        var now = ledger.Now;
        // The rules only read, and some read a lot: they run before the write lock is taken, so other
        // commands are not kept waiting while they scan the events.
        var (outcomes, rulesTook) = await RuleEvaluation.RunAsync(ledger, now, await RuleBook.CurrentSettingsAsync(db, cancellationToken), cancellationToken);
        var results = outcomes.SelectMany(o => o.Results.Select(result => (o.Rule, Result: result))).ToList();
        var timings = outcomes.Select(o => (o.Rule.Id, o.Took)).ToList();
        RulesTook = rulesTook;
        var clock = System.Diagnostics.Stopwatch.StartNew();

        await using (var change = await ledger.BeginChangeAsync(AuditActions.FindingsRun, cancellationToken))
        {
            var existing = await db.Findings.Where(f => !RuleBook.RecordedRuleIds.Contains(f.RuleId))
                .ToDictionaryAsync(f => (f.RuleId, f.SubjectType, f.SubjectKey), cancellationToken);
            var seen = new HashSet<(string, string, string)>();
            foreach (var (rule, result) in results)
            {
                var key = (rule.Id, result.SubjectType, result.SubjectKey);
                if (!seen.Add(key))
                    continue;
                var severity = result.Severity ?? rule.Severity;
                if (existing.TryGetValue(key, out var finding))
                    finding.SeenAgain(result.Summary, severity, now);
                else
                    db.Findings.Add(new Finding(rule.Id, severity, result.SubjectType, result.SubjectKey, result.Summary, now));
            }
            foreach (var (key, finding) in existing)
            {
                if (!seen.Contains(key))
                    finding.Clear(now);
            }
            await change.CommitAsync(cancellationToken);
        }
        timings.Add(("(findings written)", clock.Elapsed));
        Timings = timings;

        var findings = ledger.Db.Findings.AsNoTracking();
        if (!request.All)
            findings = findings.Where(f => f.Status != FindingStatus.Resolved);
        if (request.Severity is { } onlySeverity)
            findings = findings.Where(f => f.Severity == onlySeverity);
        if (request.Rule is { } onlyRule)
            findings = findings.Where(f => f.RuleId == onlyRule);
        return (await findings.ToListAsync(cancellationToken))
            .OrderByDescending(f => f.Severity).ThenBy(f => f.RuleId, StringComparer.Ordinal).ThenBy(f => f.SubjectKey, StringComparer.Ordinal)
            .Select(FindingView.From)
            .ToList();
    }
}
