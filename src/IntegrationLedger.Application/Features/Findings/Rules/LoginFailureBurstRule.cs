using System.Globalization;
using IntegrationLedger.Application.Features.Access;
using IntegrationLedger.Domain.Accounts;
using IntegrationLedger.Domain.Findings;
using IntegrationLedger.Domain.Usage;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Features.Findings.Rules;

/// <summary>
/// Many failed logins against an integration's account within one hour: read from the failed-login hours the
/// imports keep, then the few hours over the threshold are explained from their events.
/// </summary>
public sealed class LoginFailureBurstRule : IRule
{
    public string Id => "login-failure-burst";
    public Severity Severity => Severity.High;
    public string Title => "A burst of failed logins against an integration's account";
    public string Explanation =>
        "Within one hour, many logins to an account an integration uses failed. Software with a wrong secret fails steadily; a " +
        "burst is someone guessing or stuffing credentials, or a job hammering after a reset. Check the sources, then the account.";

    public IReadOnlyList<RuleSetting> Settings { get; } = [new("failures", 10, "Failed logins within one clock hour that make a burst", Min: 2, Max: 100_000)];

    public async Task<IReadOnlyList<RuleResult>> EvaluateAsync(RuleContext context, CancellationToken cancellationToken)
    {
        var db = context.Db;
        var threshold = context.Setting(this, "failures");
        var bursts = await db.FailedLoginHours.AsNoTracking().Where(h => h.Failures >= threshold)
            .OrderBy(h => h.Username).ThenBy(h => h.Hour).ToListAsync(cancellationToken);
        if (bursts.Count == 0)
            return [];

        // Whose accounts they are: an integration's, by its kind or because an integration uses it.
        var usernames = bursts.Select(b => b.Username).Distinct().ToList();
        var accounts = await db.Accounts.AsNoTracking().Where(a => usernames.Contains(a.Username)).ToListAsync(cancellationToken);
        var users = await AccessQueries.UsersOfAccountsAsync(db, cancellationToken);
        var attributed = await Activity.Of(context)
            .Where(e => e.Username != null && usernames.Contains(e.Username) && e.IntegrationId != null)
            .Select(e => new { Username = e.Username!, e.IntegrationId }).Distinct().ToListAsync(cancellationToken);
        var attributedIds = attributed.Select(a => a.IntegrationId!.Value).Distinct().ToList();
        var integrationNames = await db.Integrations.AsNoTracking().Where(i => attributedIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, i => i.Name, cancellationToken);

        List<string> IntegrationsOf(string username)
        {
            var account = accounts.FirstOrDefault(a => a.Username == username);
            var names = account is not null && users.TryGetValue(account.Id, out var list) ? list.Select(u => u.Integration).ToList() : [];
            names.AddRange(attributed.Where(a => a.Username == username).Select(a => integrationNames[a.IntegrationId!.Value]));
            if (names.Count == 0 && account?.Kind == AccountKind.Integration)
                names.Add("(an integration account no integration claims)");
            return names.Distinct().Order(StringComparer.Ordinal).ToList();
        }

        var results = new List<RuleResult>();
        foreach (var burst in bursts)
        {
            var integrations = IntegrationsOf(burst.Username);
            if (integrations.Count == 0)
                continue;
            var failures = await Activity.Of(context)
                .Where(e => e.Username == burst.Username && e.OccurredAt >= burst.FirstAt && e.OccurredAt <= burst.LastAt && e.Succeeded == false
                    && (e.EventType == UsageEventTypes.Login || e.EventType == UsageEventTypes.LoginHistory))
                .Select(e => new { e.SourceIp, e.Status }).ToListAsync(cancellationToken);
            static string Top(IEnumerable<string?> values) => string.Join(", ",
                values.GroupBy(v => v ?? "(none)").OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Take(3).Select(g => $"{g.Key} ({g.Count()})"));
            var hour = burst.Hour.ToString("yyyy-MM-dd HH", CultureInfo.InvariantCulture);
            results.Add(new RuleResult("Account", $"{burst.Username} at {hour}:00",
                $"{burst.Failures} logins to {burst.Username} (used by {string.Join(", ", integrations)}) failed between {burst.FirstAt:HH:mm:ss} and " +
                $"{burst.LastAt:HH:mm:ss} UTC on {burst.Hour:yyyy-MM-dd}, against a threshold of {threshold} in an hour. " +
                $"From {Top(failures.Select(f => f.SourceIp))}; saying {Top(failures.Select(f => f.Status))}."));
        }
        return results;
    }
}
