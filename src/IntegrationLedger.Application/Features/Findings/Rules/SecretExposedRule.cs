using IntegrationLedger.Domain.Findings;

namespace IntegrationLedger.Application.Features.Findings.Rules;

/// <summary>Opened by <c>ledger scan --record</c>, one finding per token and place (Features/Scanning).</summary>
public sealed class SecretExposedRule : IRecordedRule
{
    public const string RuleId = "secret-exposed";

    public string Id => RuleId;
    public Severity Severity => Severity.Critical;
    public string Title => "Registered secret found in a file";
    public string Explanation =>
        "A scan of files ('ledger scan --record') found the value of a registered token, current or past, in a file or an archive " +
        "member. Anyone who can read that file can use a current value; a past one shows where values are copied to. The finding " +
        "names the file, line and column, the token and whether the value is still live; never the value. It stays open until " +
        "resolved: running the rules cannot see files.";
    public IReadOnlyList<RuleSetting> Settings { get; } = [];

    public Task<IReadOnlyList<RuleResult>> EvaluateAsync(RuleContext context, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<RuleResult>>([]);
}
