using System.Globalization;
using IntegrationLedger.Application.Persistence;
using IntegrationLedger.Domain.Activity;
using IntegrationLedger.Domain.Findings;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Features.Dashboard;

/// <summary>What a group of anomaly findings is about: an integration, an account, or a subject the dashboard cannot place.</summary>
public enum AnomalySubjectKind
{
    Integration,
    Account,

    /// <summary>A finding whose subject is neither (a Threat Detection event, say): grouped by its rule and subject type.</summary>
    Other,
}

/// <summary>
/// One integration (or account) with open anomaly findings: how many of each rule, and the latest day they are
/// about. <see cref="Name"/> is the integration's name or the account's username; for
/// <see cref="AnomalySubjectKind.Other"/> it is the findings' subject type.
/// </summary>
/// <param name="LatestDay">
/// The latest day the findings are about: the spike's day, the day an object was first touched, the hour's day of
/// a burst; for a subject that names no day, the day the rules first found it.
/// </param>
public sealed record AnomalousSubject(AnomalySubjectKind Kind, string Name, IReadOnlyDictionary<string, int> ByRule, DateOnly LatestDay)
{
    public int Total => ByRule.Values.Sum();

    public int Of(string rule) => ByRule.GetValueOrDefault(rule);
}

/// <summary>The dashboard's unusual activity: the first <see cref="GetAnomalyDashboardHandler.Shown"/> subjects, latest first, and the totals.</summary>
/// <param name="ByRule">Open findings of each anomaly rule, every rule named (zero when none).</param>
/// <param name="SubjectCount">How many subjects have open anomaly findings, shown or not.</param>
public sealed record AnomalyDashboard(IReadOnlyList<AnomalousSubject> Subjects, int SubjectCount, IReadOnlyDictionary<string, int> ByRule)
{
    public int FindingCount => ByRule.Values.Sum();
}

/// <summary>
/// The integrations (and accounts) with open findings of the anomaly rules, grouped by what the findings are
/// about. Read-only, and bounded: only the findings' rule, subject and first-seen time are read, and the
/// few objects of new-data-accessed findings are looked up for their day.
/// </summary>
public sealed class GetAnomalyDashboardHandler(Ledger ledger)
{
    public const string VolumeSpike = Findings.Rules.VolumeSpikeRule.RuleId;
    public const string NewDataAccessed = "new-data-accessed";
    public const string LoginFailureBurst = "login-failure-burst";

    /// <summary>Salesforce's own Threat Detection events as findings.</summary>
    public const string ThreatDetection = "salesforce-threat-detection";

    /// <summary>The anomaly rules, in the order the dashboard shows them.</summary>
    public static IReadOnlyList<string> Rules { get; } = [VolumeSpike, NewDataAccessed, LoginFailureBurst, ThreatDetection];

    /// <summary>How many subjects the dashboard lists; the findings list has the rest.</summary>
    public const int Shown = 20;

    public async Task<AnomalyDashboard> HandleAsync(CancellationToken cancellationToken = default)
    {
        var db = ledger.Db;
        var rules = Rules.ToList();
        // Open or acknowledged: what the dashboard's other figures count as open.
        var findings = await db.Findings.AsNoTracking()
            .Where(f => rules.Contains(f.RuleId) && f.Status != FindingStatus.Resolved)
            .Select(f => new { f.RuleId, f.SubjectType, f.SubjectKey, f.FirstSeenAt })
            .ToListAsync(cancellationToken);
        var subjects = findings.Select(f => (Finding: f, Subject: AnomalySubjectKey.Parse(f.RuleId, f.SubjectType, f.SubjectKey))).ToList();
        var firstTouched = await FirstTouchedAsync(db, subjects.Select(s => s.Subject).Where(s => s.Entity is not null).ToList(), cancellationToken);

        var groups = subjects
            .Select(s => (s.Finding.RuleId, s.Subject.Kind, s.Subject.Name,
                Day: s.Subject.Day
                    ?? (s.Subject.Entity is { } entity && firstTouched.TryGetValue((s.Subject.Name, entity), out var first) ? first : (DateOnly?)null)
                    ?? DateOnly.FromDateTime(s.Finding.FirstSeenAt)))
            .GroupBy(s => (s.Kind, s.Name))
            .Select(g => new AnomalousSubject(g.Key.Kind, g.Key.Name,
                g.GroupBy(s => s.RuleId).ToDictionary(r => r.Key, r => r.Count(), StringComparer.Ordinal), g.Max(s => s.Day)))
            .OrderByDescending(s => s.LatestDay).ThenByDescending(s => s.Total).ThenBy(s => s.Kind).ThenBy(s => s.Name, StringComparer.Ordinal)
            .ToList();
        var byRule = Rules.ToDictionary(r => r, r => findings.Count(f => f.RuleId == r), StringComparer.Ordinal);
        return new AnomalyDashboard(groups.Take(Shown).ToList(), groups.Count, byRule);
    }

    /// <summary>The day each (integration, object) of the new-data-accessed findings was first touched: the day the finding is about.</summary>
    private static async Task<Dictionary<(string Integration, string Entity), DateOnly>> FirstTouchedAsync(
        LedgerDbContext db, List<AnomalySubjectKey> objects, CancellationToken cancellationToken)
    {
        if (objects.Count == 0)
            return [];
        var names = objects.Select(o => o.Name).Distinct().ToList();
        var integrations = await db.Integrations.AsNoTracking().Where(i => names.Contains(i.Name))
            .Select(i => new { i.Id, i.Name }).ToListAsync(cancellationToken);
        // The baselines name an integration by its id in upper-case text.
        var subjectOf = integrations.ToDictionary(i => i.Id.ToString().ToUpperInvariant(), i => i.Name, StringComparer.Ordinal);
        var subjectIds = subjectOf.Keys.ToList();
        var entities = objects.Select(o => o.Entity!).Distinct().ToList();
        var first = await db.ActivityObjects.AsNoTracking()
            .Where(o => o.Scope == ActivityScope.Integration && subjectIds.Contains(o.Subject) && entities.Contains(o.Entity))
            .GroupBy(o => new { o.Subject, o.Entity })
            .Select(g => new { g.Key.Subject, g.Key.Entity, Day = g.Min(o => o.Day) })
            .ToListAsync(cancellationToken);
        return first.ToDictionary(f => (subjectOf[f.Subject], f.Entity), f => f.Day);
    }
}

/// <summary>
/// What an anomaly finding's subject key says, in the rules' own spelling: volume-spike "INTEGRATION on
/// yyyy-MM-dd", new-data-accessed "INTEGRATION: Entity", login-failure-burst "username at yyyy-MM-dd HH:00".
/// A key of another shape is taken by its subject type: an integration's or an account's name as it is, any
/// other type grouped under the type's name.
/// </summary>
/// <param name="Entity">The object a new-data-accessed finding names, whose first day is looked up.</param>
public sealed record AnomalySubjectKey(AnomalySubjectKind Kind, string Name, DateOnly? Day, string? Entity = null)
{
    private const string Integration = "Integration";
    private const string Account = "Account";

    public static AnomalySubjectKey Parse(string rule, string subjectType, string key)
    {
        // The name comes first and may itself hold " on " or ": ", so the key is read from its end, whose shape the rule fixes.
        if (rule == GetAnomalyDashboardHandler.VolumeSpike && subjectType == Integration && Ending(key, " on ", "yyyy-MM-dd") is ({ } name, var day))
            return new(AnomalySubjectKind.Integration, name, day);
        if (rule == GetAnomalyDashboardHandler.LoginFailureBurst && subjectType == Account && Ending(key, " at ", "yyyy-MM-dd HH:00") is ({ } username, var hour))
            return new(AnomalySubjectKind.Account, username, hour);
        // An object's API name (Contact, Invoice__c) never holds ": ".
        if (rule == GetAnomalyDashboardHandler.NewDataAccessed && subjectType == Integration && key.LastIndexOf(": ", StringComparison.Ordinal) is > 0 and var colon
            && colon + 2 < key.Length)
            return new(AnomalySubjectKind.Integration, key[..colon], null, key[(colon + 2)..]);
        return subjectType switch
        {
            Integration => new(AnomalySubjectKind.Integration, key, null),
            Account => new(AnomalySubjectKind.Account, key, null),
            _ => new(AnomalySubjectKind.Other, subjectType, null),
        };
    }

    /// <summary>The name before "<paramref name="separator"/>WHEN" at the key's end, and WHEN's day; null when the key does not end so.</summary>
    private static (string? Name, DateOnly Day) Ending(string key, string separator, string format)
    {
        var at = key.Length - format.Length - separator.Length;
        if (at < 1 || string.CompareOrdinal(key, at, separator, 0, separator.Length) != 0
            || !DateTime.TryParseExact(key.AsSpan(at + separator.Length), format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var when))
            return (null, default);
        return (key[..at], DateOnly.FromDateTime(when));
    }
}
