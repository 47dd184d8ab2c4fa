using IntegrationLedger.Application.Features.Findings.Rules;
using IntegrationLedger.Application.Persistence;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Features.Findings;

/// <summary>Every rule the ledger runs, and their thresholds: each a setting <c>rule-id.name</c> with a default.</summary>
public static class RuleBook
{
    public static IReadOnlyList<IRule> All { get; } =
    [
        new RotationOverdueRule(),
        new OwnerDepartedRule(),
        new UseAfterRevocationRule(),
        new NotUpdatedAfterResetRule(),
        new StaleRule(),
        new ShadowIntegrationRule(),
        new OutsideAllowedNetworkRule(),
        new DepartedAccountActivityRule(),
        new IntegrationWithoutOwnerOrPurposeRule(),
        new VendorVettingRule(),
        new AccessReviewOverdueRule(),
        new SecretExposedRule(),
        new IntegrationOverPrivilegedRule(),
        new IntegrationUserNotApiOnlyRule(),
        new SharedIntegrationAccountRule(),
        new MfaMissingRule(),
        new PasswordAgeRule(),
        new DepartedAccountStillActiveRule(),
        new AccessGainedRule(),
        new TrainingLapsedRule(),
        new VolumeSpikeRule(),
        new NewDataAccessedRule(),
        new LoginFailureBurstRule(),
        new SalesforceThreatDetectionRule(),
        new AppSelfAuthorizationRule(),
        new AppUnregisteredRule(),
        new AppRefreshNeverExpiresRule(),
        new AppPolicyChangedRule(),
    ];

    /// <summary>The rules whose findings are recorded by another command (<see cref="IRecordedRule"/>), which a run of the rules leaves alone.</summary>
    public static IReadOnlyList<string> RecordedRuleIds { get; } = All.OfType<IRecordedRule>().Select(r => r.Id).ToList();

    public static IEnumerable<(string Name, RuleSetting Setting, IRule Rule)> Settings =>
        All.SelectMany(rule => rule.Settings.Select(setting => ($"{rule.Id}.{setting.Name}", setting, rule)));

    /// <summary>Every threshold with its value: the one set in the ledger, else the default.</summary>
    public static async Task<Dictionary<string, int>> CurrentSettingsAsync(LedgerDbContext db, CancellationToken cancellationToken)
    {
        var names = Settings.Select(s => s.Name).ToList();
        var stored = await db.Settings.AsNoTracking().Where(s => names.Contains(s.Name)).ToDictionaryAsync(s => s.Name, s => s.Value, cancellationToken);
        return Settings.ToDictionary(
            s => s.Name,
            s => stored.TryGetValue(s.Name, out var value) && int.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var number)
                && number >= s.Setting.Min && number <= s.Setting.Max ? number : s.Setting.Default);
    }
}
