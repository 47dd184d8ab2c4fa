using System.Net;
using IntegrationLedger.Domain.Accounts;
using IntegrationLedger.Domain.Findings;
using IntegrationLedger.Domain.People;
using IntegrationLedger.Domain.Tokens;
using IntegrationLedger.Domain.Usage;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Findings.Rules;

/// <summary>Activity, as the rules see it: imported events other than setup changes.</summary>
internal static class Activity
{
    public static IQueryable<UsageEvent> Of(RuleContext context) =>
        context.Db.UsageEvents.AsNoTracking().Where(e => e.EventType != "SetupAuditTrail");

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

public sealed class UseAfterRevocationRule : IRule
{
    public string Id => "use-after-revocation";
    public Severity Severity => Severity.Critical;
    public string Title => "Activity after revocation";
    public string Explanation =>
        "An account kept working after its token was revoked, with no other active token that could explain it. Either the " +
        "revocation was recorded but never carried out on the platform, or someone holds another credential for the account.";
    public IReadOnlyList<RuleSetting> Settings { get; } = [];

    public async Task<IReadOnlyList<RuleResult>> EvaluateAsync(RuleContext context, CancellationToken cancellationToken)
    {
        var db = context.Db;
        var revoked = await db.Tokens.AsNoTracking().Where(t => t.Status == TokenStatus.Revoked && t.AccountId != null).ToListAsync(cancellationToken);
        if (revoked.Count == 0)
            return [];
        var accountIds = revoked.Select(t => t.AccountId!.Value).Distinct().ToList();
        var accounts = await db.Accounts.AsNoTracking().Where(a => accountIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, cancellationToken);
        var tokensByAccount = (await db.Tokens.AsNoTracking().Where(t => t.AccountId != null && accountIds.Contains(t.AccountId.Value)).ToListAsync(cancellationToken))
            .ToLookup(t => t.AccountId!.Value);
        var usernames = accounts.Values.Select(a => a.Username).ToList();
        var earliest = revoked.Min(t => t.RevokedAt!.Value);
        // Successes after the earliest revocation, fetched once: each is judged against the tokens valid at its moment.
        var successes = (await Activity.Of(context)
            .Where(e => e.Succeeded == true && e.Username != null && usernames.Contains(e.Username) && e.OccurredAt > earliest)
            .Select(e => new { Username = e.Username!, e.OccurredAt })
            .ToListAsync(cancellationToken))
            .ToLookup(e => e.Username, e => e.OccurredAt, StringComparer.OrdinalIgnoreCase);

        var results = new List<RuleResult>();
        foreach (var token in revoked)
        {
            var account = accounts[token.AccountId!.Value];
            // Another token of the account that was valid at that moment explains an event.
            var unexplained = successes[account.Username]
                .Where(at => at > token.RevokedAt && !tokensByAccount[account.Id].Any(t => t.Id != token.Id && t.IssuedAt <= at && (t.RevokedAt is null || t.RevokedAt > at)))
                .ToList();
            if (unexplained.Count == 0)
                continue;
            results.Add(new RuleResult("Token", token.Label,
                $"Account {account.Username} had {unexplained.Count} successful event(s) after token '{token.Label}' was revoked on {token.RevokedAt:yyyy-MM-dd HH:mm} UTC that no other token explains, the last on {unexplained.Max():yyyy-MM-dd HH:mm} UTC."));
        }
        return results;
    }
}

public sealed class NotUpdatedAfterResetRule : IRule
{
    public string Id => "not-updated-after-reset";
    public Severity Severity => Severity.High;
    public string Title => "Integration not updated after a reset";
    public string Explanation =>
        "A token was reset and an integration that uses it has not been confirmed as updated: it fails with errors such as " +
        "\"Failed: API security token required\" or \"Invalid password\" since the reset, or nobody confirmed it within the days allowed.";
    public IReadOnlyList<RuleSetting> Settings { get; } = [new("confirm-within-days", 7, "Days after a reset by which each integration must be confirmed")];

    public async Task<IReadOnlyList<RuleResult>> EvaluateAsync(RuleContext context, CancellationToken cancellationToken)
    {
        var db = context.Db;
        // Pending usages, and usages confirmed after a reset: a confirmation that the failures contradict is no confirmation.
        var pending = await db.TokenUsages.AsNoTracking()
            .Where(u => u.Status == TokenUsageStatus.PendingUpdate || (u.Status == TokenUsageStatus.Current && u.ConfirmedAt != null))
            .Join(db.Tokens, u => u.TokenId, t => t.Id, (u, t) => new { Usage = u, Token = t.Label })
            .Join(db.Integrations, x => x.Usage.IntegrationId, i => i.Id, (x, i) => new { x.Usage, x.Token, Integration = i.Name })
            .ToListAsync(cancellationToken);
        if (pending.Count == 0)
            return [];
        var integrationIds = pending.Select(p => (Guid?)p.Usage.IntegrationId).Distinct().ToList();
        var earliest = pending.Min(p => p.Usage.PendingSince ?? p.Usage.ConfirmedAt!.Value);
        // Credential failures are few next to all activity: fetch their times once and count per usage in memory.
        var failures = (await Activity.Of(context)
#pragma warning disable CA1304, CA1311 // Translated to SQLite's lower(); no .NET culture is involved.
            .Where(e => e.Succeeded == false && e.Status != null && Activity.CredentialFailures.Contains(e.Status.ToLower())
                && integrationIds.Contains(e.IntegrationId) && e.OccurredAt >= earliest)
#pragma warning restore CA1304, CA1311
            .Select(e => new { Integration = e.IntegrationId!.Value, e.OccurredAt })
            .ToListAsync(cancellationToken))
            .ToLookup(f => f.Integration, f => f.OccurredAt);

        var allowedDays = context.Setting(this, "confirm-within-days");
        var results = new List<RuleResult>();
        foreach (var p in pending)
        {
            var confirmed = p.Usage.Status == TokenUsageStatus.Current;
            var since = confirmed ? p.Usage.ConfirmedAt!.Value : p.Usage.PendingSince!.Value;
            var key = $"{p.Token} / {p.Integration}";
            var failed = failures[p.Usage.IntegrationId].Where(at => at >= since).ToList();
            if (failed.Count > 0)
            {
                results.Add(new RuleResult("TokenUsage", key, confirmed
                    ? $"'{p.Integration}' was confirmed as updated with '{p.Token}' on {since:yyyy-MM-dd HH:mm} UTC but has failed {failed.Count} time(s) with credential errors since, the last at {failed.Max():yyyy-MM-dd HH:mm} UTC."
                    : $"'{p.Integration}' has failed {failed.Count} time(s) with credential errors since '{p.Token}' was reset on {since:yyyy-MM-dd HH:mm} UTC, the last at {failed.Max():yyyy-MM-dd HH:mm} UTC; it was never updated."));
            }
            else if (!confirmed && since.AddDays(allowedDays) < context.Now)
            {
                results.Add(new RuleResult("TokenUsage", key,
                    $"'{p.Integration}' has not been confirmed as updated since '{p.Token}' was reset on {since:yyyy-MM-dd} (allowed: {allowedDays} days).", Severity.Medium));
            }
        }
        return results;
    }
}

public sealed class StaleRule : IRule
{
    public string Id => "stale";
    public Severity Severity => Severity.Low;
    public string Title => "Stale integration or token";
    public string Explanation =>
        "An integration, or an active token, shows no activity in the last days of the imported data, though the data covers that " +
        "whole window. Unused access should be revoked. The rule stays quiet while the imported data is shorter than the window.";
    public IReadOnlyList<RuleSetting> Settings { get; } = [new("days", 90, "Days without activity that make an integration or token stale", Min: 1)];

    public async Task<IReadOnlyList<RuleResult>> EvaluateAsync(RuleContext context, CancellationToken cancellationToken)
    {
        var activity = Activity.Of(context);
        // OauthToken rows are snapshots of a token's last use, possibly years back, not a stream of activity:
        // they say nothing about which days the imported data covers. The time index finds both ends at once.
        var streams = activity.Where(e => e.EventType != "OAuthToken").Select(e => e.OccurredAt);
        var first = await streams.OrderBy(t => t).Cast<DateTime?>().FirstOrDefaultAsync(cancellationToken);
        var last = await streams.OrderByDescending(t => t).Cast<DateTime?>().FirstOrDefaultAsync(cancellationToken);
        var days = context.Setting(this, "days");
        if (first is null || last is null || (last.Value - first.Value).TotalDays < days)
            return [];
        var coverage = new { First = first.Value, Last = last.Value };
        var windowStart = coverage.Last.AddDays(-days);

        // One pass over the events gives the last activity of every integration and every token.
        var lastSeen = await activity.Where(e => e.IntegrationId != null || e.TokenId != null)
            .GroupBy(e => new { e.IntegrationId, e.TokenId })
            .Select(g => new { g.Key.IntegrationId, g.Key.TokenId, Last = g.Max(e => e.OccurredAt) })
            .ToListAsync(cancellationToken);
        var lastByIntegration = lastSeen.Where(x => x.IntegrationId != null).GroupBy(x => x.IntegrationId!.Value).ToDictionary(g => g.Key, g => g.Max(x => x.Last));
        var lastByToken = lastSeen.Where(x => x.TokenId != null).GroupBy(x => x.TokenId!.Value).ToDictionary(g => g.Key, g => g.Max(x => x.Last));
        // Integrations are judged whenever they were recorded: the ledger is often filled in after the fact.
        var integrations = await context.Db.Integrations.AsNoTracking().ToListAsync(cancellationToken);
        var tokens = await context.Db.Tokens.AsNoTracking().Where(t => t.Status == TokenStatus.Active && t.IssuedAt < windowStart).ToListAsync(cancellationToken);
        // A token's activity shows directly (events of its account) or through the integrations that use it:
        // an API key or a token without a recorded account is seen only that way.
        var usages = await context.Db.TokenUsages.AsNoTracking().Where(u => u.Status != TokenUsageStatus.Ended)
            .Select(u => new { u.TokenId, u.IntegrationId }).ToListAsync(cancellationToken);
        foreach (var usage in usages)
        {
            if (lastByIntegration.TryGetValue(usage.IntegrationId, out var used)
                && (!lastByToken.TryGetValue(usage.TokenId, out var seen) || seen < used))
                lastByToken[usage.TokenId] = used;
        }

        string Describe(DateTime? last) => last is { } at ? $"last active {at:yyyy-MM-dd}" : "never seen in the imported data";
        return integrations
            .Where(i => !lastByIntegration.TryGetValue(i.Id, out var last) || last < windowStart)
            .Select(i => new RuleResult("Integration", i.Name,
                $"Integration '{i.Name}' shows no activity in the {days} days up to {coverage.Last:yyyy-MM-dd} ({Describe(lastByIntegration.TryGetValue(i.Id, out var l) ? l : null)})."))
            .Concat(tokens
                .Where(t => !lastByToken.TryGetValue(t.Id, out var last) || last < windowStart)
                .Select(t => new RuleResult("Token", t.Label,
                    $"Token '{t.Label}' shows no activity in the {days} days up to {coverage.Last:yyyy-MM-dd} ({Describe(lastByToken.TryGetValue(t.Id, out var l) ? l : null)}).")))
            .ToList();
    }
}

public sealed class ShadowIntegrationRule : IRule
{
    public string Id => "shadow-integration";
    public Severity Severity => Severity.Medium;
    public string Title => "Shadow integration";
    public string Explanation =>
        "API activity that matches no registered integration: software reaching the platform that nobody recorded. Register it " +
        "(with attribution rules that match it) or stop it. Browser sessions and setup changes are not counted.";
    public IReadOnlyList<RuleSetting> Settings { get; } =
    [
        new("days", 30, "How far back from the latest imported activity to look", Min: 1),
        new("min-events", 1, "Events from one account and application before they count as an integration", Min: 1, Max: 1_000_000),
    ];

    private static readonly string[] NotIntegrations = ["SetupAuditTrail", "URI", "Logout", "LoginAs"];

    /// <summary>Salesforce's own apps for people: their activity is a person at work, not software someone connected.</summary>
    private static readonly string[] PeoplesApps = ["Browser", "Salesforce for iOS", "Salesforce for Android", "Salesforce Mobile", "Salesforce Authenticator"];

    public async Task<IReadOnlyList<RuleResult>> EvaluateAsync(RuleContext context, CancellationToken cancellationToken)
    {
        var activity = Activity.Of(context);
        var last = await activity.MaxAsync(e => (DateTime?)e.OccurredAt, cancellationToken);
        if (last is null)
            return [];
        var since = last.Value.AddDays(-context.Setting(this, "days"));
        var minimum = context.Setting(this, "min-events");
        var groups = await activity
            .Where(e => e.IntegrationId == null && e.OccurredAt >= since && !NotIntegrations.Contains(e.EventType)
                && (e.Application == null || !PeoplesApps.Contains(e.Application)) && (e.ClientName == null || !e.ClientName.StartsWith("Mozilla/")))
            .GroupBy(e => new { Account = e.Username ?? e.UserId, Application = e.Application ?? e.ClientName })
            .Select(g => new { g.Key.Account, g.Key.Application, Events = g.Count(), First = g.Min(e => e.OccurredAt), Last = g.Max(e => e.OccurredAt) })
            .ToListAsync(cancellationToken);
        return groups
            .Where(g => g.Events >= minimum)
            .Select(g => new RuleResult("Activity", $"{g.Account ?? "unknown account"} | {g.Application ?? "unnamed client"}",
                $"{g.Events} event(s) by {g.Account ?? "an unknown account"} through {g.Application ?? "an unnamed client"} between {g.First:yyyy-MM-dd} and {g.Last:yyyy-MM-dd} match no registered integration."))
            .ToList();
    }
}

public sealed class OutsideAllowedNetworkRule : IRule
{
    public string Id => "outside-allowed-network";
    public Severity Severity => Severity.High;
    public string Title => "Activity from outside the allowed networks";
    public string Explanation =>
        "An integration was active from an address outside the networks it is allowed to connect from. Either the list is out of date " +
        "or its credential is being used from somewhere else.";
    public IReadOnlyList<RuleSetting> Settings { get; } = [new("days", 30, "How far back from the latest imported activity to look", Min: 1)];

    public async Task<IReadOnlyList<RuleResult>> EvaluateAsync(RuleContext context, CancellationToken cancellationToken)
    {
        var integrations = await context.Db.Integrations.AsNoTracking().Include(i => i.AllowedNetworks)
            .Where(i => i.AllowedNetworks.Any()).ToListAsync(cancellationToken);
        if (integrations.Count == 0)
            return [];
        var activity = Activity.Of(context);
        var last = await activity.MaxAsync(e => (DateTime?)e.OccurredAt, cancellationToken);
        if (last is null)
            return [];
        var since = last.Value.AddDays(-context.Setting(this, "days"));
        var ids = integrations.Select(i => (Guid?)i.Id).ToList();
        var sources = await activity.Where(e => ids.Contains(e.IntegrationId) && e.SourceIp != null && e.OccurredAt >= since)
            .GroupBy(e => new { Integration = e.IntegrationId!.Value, Ip = e.SourceIp! })
            .Select(g => new { g.Key.Integration, g.Key.Ip, Events = g.Count() })
            .ToListAsync(cancellationToken);

        var results = new List<RuleResult>();
        foreach (var integration in integrations)
        {
            var networks = integration.AllowedNetworks.Select(n => IPNetwork.Parse(n.Cidr)).ToList();
            var outside = sources.Where(s => s.Integration == integration.Id && IPAddress.TryParse(s.Ip, out var ip) && !networks.Any(n => n.Contains(ip))).ToList();
            if (outside.Count > 0)
            {
                results.Add(new RuleResult("Integration", integration.Name,
                    $"'{integration.Name}' was active from {string.Join(", ", outside.OrderByDescending(o => o.Events).Take(5).Select(o => $"{o.Ip} ({o.Events})"))}, outside {string.Join(", ", integration.AllowedNetworks.Select(n => n.Cidr))}."));
            }
        }
        return results;
    }
}

public sealed class DepartedAccountActivityRule : IRule
{
    public string Id => "departed-account-activity";
    public Severity Severity => Severity.Critical;
    public string Title => "Activity by a departed person's account";
    public string Explanation =>
        "A person's own account was used after the day they left. Their access should have ended with them; the account must be " +
        "frozen and the activity explained.";
    public IReadOnlyList<RuleSetting> Settings { get; } = [];

    public async Task<IReadOnlyList<RuleResult>> EvaluateAsync(RuleContext context, CancellationToken cancellationToken)
    {
        var db = context.Db;
        var departed = await db.People.AsNoTracking().Where(p => p.Status == PersonStatus.Departed).ToListAsync(cancellationToken);
        if (departed.Count == 0)
            return [];
        var ids = departed.Select(p => p.Id).ToList();
        var personalAccounts = await db.Accounts.AsNoTracking().Where(a => a.Kind == AccountKind.Personal && ids.Contains(a.OwnerId)).ToListAsync(cancellationToken);
        // A person's own login is their email unless an account says otherwise.
        var usernames = departed.ToDictionary(p => p.Email, p => p, StringComparer.OrdinalIgnoreCase);
        foreach (var account in personalAccounts)
            usernames[account.Username] = departed.Single(p => p.Id == account.OwnerId);
        var names = usernames.Keys.ToList();
        // The day after the departure, in UTC: a person's last day counts whole wherever they worked.
        var earliest = departed.Min(p => p.DepartedOn!.Value).AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        // Failed attempts are what a properly frozen account shows; only successes mean the access outlived the person.
        var successes = (await Activity.Of(context)
            .Where(e => e.Username != null && names.Contains(e.Username) && e.Succeeded != false && e.OccurredAt >= earliest)
            .Select(e => new { Username = e.Username!, e.OccurredAt })
            .ToListAsync(cancellationToken))
            .ToLookup(e => e.Username, e => e.OccurredAt, StringComparer.OrdinalIgnoreCase);

        var results = new List<RuleResult>();
        foreach (var byPerson in usernames.GroupBy(u => u.Value.Id))
        {
            var person = byPerson.First().Value;
            var leftAt = person.DepartedOn!.Value.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            var after = byPerson.SelectMany(u => successes[u.Key]).Where(at => at >= leftAt).ToList();
            if (after.Count == 0)
                continue;
            results.Add(new RuleResult("Person", person.Email,
                $"The account of {person.Name}, who departed on {person.DepartedOn:yyyy-MM-dd}, was used successfully {after.Count} time(s) since, the last on {after.Max():yyyy-MM-dd HH:mm} UTC."));
        }
        return results;
    }
}
