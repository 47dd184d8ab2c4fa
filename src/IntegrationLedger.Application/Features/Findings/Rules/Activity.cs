using IntegrationLedger.Domain.Usage;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Features.Findings.Rules;

/// <summary>
/// Activity, as the rules see it: imported events other than setup changes and Threat Detection's verdicts. A verdict
/// is Salesforce's judgement of activity (which an event log or LoginHistory export holds itself), not more of it: counted
/// as activity, an anomaly would keep an integration from looking stale or show as a shadow integration of its own.
/// </summary>
internal static class Activity
{
    private static readonly string[] NotActivity = [UsageEventTypes.SetupAuditTrail, .. UsageEventTypes.ThreatDetection];

    public static IQueryable<UsageEvent> Of(RuleContext context) =>
        context.Db.UsageEvents.AsNoTracking().Where(e => !NotActivity.Contains(e.EventType));

    /// <summary>
    /// The failures that say a credential is wrong: what an integration shows when it still has the old
    /// token. Lower case: exports spell them "Invalid password" and "Invalid Password".
    /// </summary>
    public static readonly string[] CredentialFailures =
    [
        "failed: api security token required", "invalid password", "failed: invalid token", "login_error_must_use_api_token",
        "login_error_invalid_password",
    ];
}
