using IntegrationLedger.Domain.Common;

namespace IntegrationLedger.Domain.Findings;

/// <summary>
/// What a rule found about one subject (a token, an integration, a person, a group of activity). Running
/// the rules again updates the finding it made before, keyed by rule and subject, and never duplicates
/// it; when the condition is gone the finding closes itself and says so.
/// </summary>
public sealed class Finding
{
    /// <summary>The longest subject key the store keeps.</summary>
    public const int SubjectKeyMaxLength = 400;

    public const string ConditionCleared = "condition cleared";

    private Finding()
    {
        RuleId = null!;
        SubjectType = null!;
        SubjectKey = null!;
        Summary = null!;
    }

    public Finding(string ruleId, Severity severity, string subjectType, string subjectKey, string summary, DateTime now)
    {
        Id = Guid.CreateVersion7(now);
        RuleId = Guard.Required(ruleId, "A rule id");
        Severity = severity;
        SubjectType = subjectType;
        SubjectKey = Guard.Required(subjectKey, "A finding's subject");
        Summary = summary;
        Status = FindingStatus.Open;
        FirstSeenAt = Guard.Utc(now, nameof(now));
        LastSeenAt = now;
        Occurrences = 1;
    }

    public Guid Id { get; private set; }

    /// <summary>A short number people can type: the first eight hex digits of the id are enough in practice.</summary>
    public string ShortId => ShortIdOf(Id);

    /// <summary>The short id of the finding whose key is <paramref name="id"/>, for matching keys without loading findings.</summary>
    public static string ShortIdOf(Guid id) => id.ToString("N")[^8..];

    public string RuleId { get; private set; }
    public Severity Severity { get; private set; }
    public string SubjectType { get; private set; }
    public string SubjectKey { get; private set; }
    public string Summary { get; private set; }
    public FindingStatus Status { get; private set; }
    public DateTime FirstSeenAt { get; private set; }
    public DateTime LastSeenAt { get; private set; }

    /// <summary>How many rule runs have seen the condition.</summary>
    public int Occurrences { get; private set; }

    public string? Note { get; private set; }
    public string? ActedBy { get; private set; }
    public DateTime? ActedAt { get; private set; }
    public DateTime? ClosedAt { get; private set; }

    /// <summary>Why it closed: a person's resolution, or <see cref="ConditionCleared"/>.</summary>
    public string? ClosedReason { get; private set; }

    public bool IsOpen => Status != FindingStatus.Resolved;

    /// <summary>
    /// The rule saw the condition again. A finding a person resolved stays resolved while its condition
    /// lasts: that was their decision. One whose condition had cleared opens again: the problem came back.
    /// </summary>
    public void SeenAgain(string summary, Severity severity, DateTime now)
    {
        Summary = summary;
        Severity = severity;
        LastSeenAt = now;
        Occurrences++;
        if (Status == FindingStatus.Resolved && ClosedReason == ConditionCleared)
        {
            Status = FindingStatus.Open;
            ClosedAt = null;
            ClosedReason = null;
            Note = null;
            ActedBy = null;
            ActedAt = null;
        }
    }

    /// <summary>The rule no longer sees the condition: the finding closes, and would open again if it returned.</summary>
    public void Clear(DateTime now)
    {
        if (ClosedReason == ConditionCleared)
            return;
        if (Status != FindingStatus.Resolved)
            ClosedAt = now;
        Status = FindingStatus.Resolved;
        ClosedReason = ConditionCleared;
    }

    public void Acknowledge(string note, string actor, DateTime now)
    {
        if (Status == FindingStatus.Resolved)
            throw new DomainException($"Finding {ShortId} is resolved; there is nothing to acknowledge.");
        Act(note, actor, now);
        Status = FindingStatus.Acknowledged;
    }

    public void Resolve(string note, string actor, DateTime now)
    {
        if (Status == FindingStatus.Resolved)
            throw new DomainException($"Finding {ShortId} is already resolved.");
        Act(note, actor, now);
        Status = FindingStatus.Resolved;
        ClosedAt = now;
        ClosedReason = "resolved by " + actor;
    }

    private void Act(string note, string actor, DateTime now)
    {
        Note = Guard.Required(note, "A note");
        ActedBy = actor;
        ActedAt = now;
    }
}
