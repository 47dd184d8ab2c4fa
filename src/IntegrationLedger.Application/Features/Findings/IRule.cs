using IntegrationLedger.Domain.Findings;

namespace IntegrationLedger.Application.Features.Findings;

/// <summary>
/// A check over the ledger. Each has a stable id (findings and settings refer to it), a severity, a
/// plain-language explanation, and thresholds kept in the ledger's settings.
/// </summary>
public interface IRule
{
    string Id { get; }
    Severity Severity { get; }
    string Title { get; }
    string Explanation { get; }
    IReadOnlyList<RuleSetting> Settings { get; }

    Task<IReadOnlyList<RuleResult>> EvaluateAsync(RuleContext context, CancellationToken cancellationToken);
}

/// <summary>A threshold of a rule: its setting name is <c>rule-id.name</c>, its value a whole number from Min to Max.</summary>
public sealed record RuleSetting(string Name, int Default, string Description, int Min = 0, int Max = 3650);

/// <summary>One subject the rule found the condition true for.</summary>
public sealed record RuleResult(string SubjectType, string SubjectKey, string Summary, Severity? Severity = null);
