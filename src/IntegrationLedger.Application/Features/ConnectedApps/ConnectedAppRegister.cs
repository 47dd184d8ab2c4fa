using IntegrationLedger.Application.Features.Importing.Attribution;
using IntegrationLedger.Application.Persistence;
using IntegrationLedger.Domain.ConnectedApps;
using IntegrationLedger.Domain.Integrations;
using IntegrationLedger.Domain.Usage;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Features.ConnectedApps;

/// <summary>One user's OAuth tokens for an app, as the OauthToken exports showed them.</summary>
/// <param name="Tokens">How many tokens the exports showed the user holding for it (one per device or tool that was authorised).</param>
/// <param name="LastUsedAt">The latest use any of them recorded; null when none was ever used.</param>
public sealed record AppHolder(string? UserId, string? Username, int Tokens, DateTime? LastUsedAt, long? UseCount);

/// <summary>The activity that named an app (its CONNECTED_APP_ID or CONNECTED_APP_NAME, or a login through it).</summary>
/// <param name="Users">The most distinct users among the ways it was named (its id, its name): at least this many.</param>
public sealed record AppActivity(long Events, int Users, DateTime? FirstAt, DateTime? LastAt)
{
    public static readonly AppActivity None = new(0, 0, null, null);
}

/// <summary>
/// A connected app as the register shows it: from the ConnectedApplication export when the ledger has its
/// row (<see cref="App"/>), else only as OAuth tokens and activity named it. The integration is the one whose
/// attribution rules claim it, by its id (strongest) or its name; the vendor is the one named for the app by
/// hand, else its integration's.
/// </summary>
public sealed record AppEntry(
    ConnectedApp? App,
    string Name,
    string? SalesforceId,
    Integration? Integration,
    string? Vendor,
    IReadOnlyList<AppHolder> Holders,
    AppActivity Activity)
{
    public bool IsRegistered => App is not null;

    /// <summary>The latest use the OAuth tokens or the activity show.</summary>
    public DateTime? LastUsedAt => new[] { Holders.Max(h => h.LastUsedAt), Activity.LastAt }.Max();

    public int TokenCount => Holders.Sum(h => h.Tokens);
}

/// <summary>
/// Reads the register of connected apps: every app the ConnectedApplication exports named, and every app
/// that OAuth tokens or API activity named without one, each with its integration, vendor, token holders and
/// activity. OAuth tokens name their app by name (trimmed, in any case; names are not unique in Salesforce,
/// so tokens of a shared name belong to each app of that name); events name it by id or name.
/// </summary>
public static class ConnectedAppRegister
{
    public static async Task<List<AppEntry>> LoadAsync(LedgerDbContext db, CancellationToken cancellationToken)
    {
        var apps = await db.ConnectedApps.AsNoTracking().ToListAsync(cancellationToken);
        var integrations = await db.Integrations.AsNoTracking().Include(i => i.AttributionRules).ToListAsync(cancellationToken);
        var holders = await HoldersAsync(db, await UsernamesAsync(db, cancellationToken), cancellationToken);
        var activity = await ActivityAsync(db, cancellationToken);

        var entries = new List<AppEntry>();
        var named = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var app in apps)
        {
            named.Add(app.Name.Trim());
            var integration = ClaimedBy(integrations, app.SalesforceId, app.Name);
            var seen = activity.Where(a => a.Key.Id == app.SalesforceId || (a.Key.Id is null && NameIs(a.Key.Name, app.Name))).Select(a => a.Value).ToList();
            entries.Add(new AppEntry(app, app.Name, app.SalesforceId, integration, app.Vendor ?? integration?.Vendor,
                holders.GetValueOrDefault(app.Name.Trim()) ?? [], Combine(seen)));
        }

        // Apps that OAuth tokens, or events by a connected app's id, name without an export listing them:
        // uninstalled, or an export not yet imported. A name alone in events (a login's "Browser") is not an app.
        var unlisted = holders.Keys.Where(n => !named.Contains(n))
            .Concat(activity.Keys.Where(k => k.Id is not null && apps.All(a => a.SalesforceId != k.Id)).Select(k => k.Name ?? k.Id!).Where(n => !named.Contains(n)))
            .Distinct(StringComparer.OrdinalIgnoreCase);
        foreach (var name in unlisted)
        {
            var ids = activity.Keys.Where(k => NameIs(k.Name ?? k.Id, name)).Select(k => k.Id).OfType<string>().Distinct().ToList();
            var integration = ClaimedBy(integrations, ids.Count == 1 ? ids[0] : null, name);
            var seen = activity.Where(a => (a.Key.Id is not null && ids.Contains(a.Key.Id)) || NameIs(a.Key.Name, name)).Select(a => a.Value).ToList();
            entries.Add(new AppEntry(null, name, ids.Count == 1 ? ids[0] : null, integration, integration?.Vendor, holders.GetValueOrDefault(name) ?? [], Combine(seen)));
        }
        return entries.OrderBy(e => e.Name, StringComparer.OrdinalIgnoreCase).ThenBy(e => e.SalesforceId, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// The integration whose attribution rules claim an app: a connected-app id rule on its id, else an
    /// application rule its name matches (as events are attributed); among several, the first by name.
    /// </summary>
    public static Integration? ClaimedBy(IEnumerable<Integration> integrations, string? salesforceId, string name)
    {
        var byId = salesforceId is null ? null : integrations
            .Where(i => i.AttributionRules.Any(r => r.Kind == AttributionRuleKind.ConnectedAppId && string.Equals(IdOf(r.Value), salesforceId, StringComparison.OrdinalIgnoreCase)))
            .MinBy(i => i.Name, StringComparer.Ordinal);
        return byId ?? integrations
            .Where(i => i.AttributionRules.Any(r => r.Kind == AttributionRuleKind.Application && Attributor.NamesMatch(name.Trim(), r.Value)))
            .MinBy(i => i.Name, StringComparer.Ordinal);
    }

    /// <summary>A connected-app id rule's value as an 18-character id (a rule may give the 15 Setup shows), as the attributor reads it.</summary>
    private static string IdOf(string value) => Domain.Accounts.SalesforceId.TryNormalize(value, out var id) ? id : value.Trim();

    private static bool NameIs(string? value, string name) => value is not null && string.Equals(value.Trim(), name.Trim(), StringComparison.OrdinalIgnoreCase);

    /// <summary>Each app name's token holders, from every OauthToken row imported: per user, the tokens and their latest use.</summary>
    private static async Task<Dictionary<string, List<AppHolder>>> HoldersAsync(LedgerDbContext db, Dictionary<string, string> usernames, CancellationToken cancellationToken)
    {
        var tokens = await db.UsageEvents.AsNoTracking().Where(e => e.EventType == UsageEventTypes.OAuthToken && e.Application != null)
            .Select(e => new { App = e.Application!, e.UserId, e.Username, e.OccurredAt, e.Detail, e.UseCount, e.Subject })
            .ToListAsync(cancellationToken);
        return tokens
            .GroupBy(t => t.App.Trim(), StringComparer.OrdinalIgnoreCase)
            .ToDictionary(app => app.Key, app => app
                .GroupBy(t => t.UserId ?? t.Username)
                .Select(user => new AppHolder(
                    user.First().UserId,
                    user.Select(t => t.Username).FirstOrDefault(u => u is not null) ?? (user.First().UserId is { } id ? usernames.GetValueOrDefault(id) : null),
                    // One token per menu item the exports named (a device or tool authorised), else per snapshot's creation.
                    Math.Max(1, user.Select(t => t.Subject ?? t.Detail).Distinct().Count()),
                    user.Where(t => t.Detail != OauthTokenNeverUsed).Max(t => (DateTime?)t.OccurredAt),
                    user.Max(t => t.UseCount)))
                .OrderByDescending(h => h.LastUsedAt).ThenBy(h => h.Username ?? h.UserId, StringComparer.Ordinal)
                .ToList(),
                StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Usernames by Salesforce user id, from the accounts and the users exports have named: OauthToken rows name
    /// only the user id, and an account recorded after the tokens were imported still names their holder.
    /// </summary>
    private static async Task<Dictionary<string, string>> UsernamesAsync(LedgerDbContext db, CancellationToken cancellationToken)
    {
        var known = await db.KnownUsers.AsNoTracking().ToDictionaryAsync(u => u.UserId, u => u.Username, StringComparer.OrdinalIgnoreCase, cancellationToken);
        foreach (var account in await db.Accounts.AsNoTracking().Where(a => a.PlatformUserId != null).Select(a => new { a.PlatformUserId, a.Username }).ToListAsync(cancellationToken))
            known[account.PlatformUserId!] = account.Username;
        return known;
    }

    /// <summary>How OauthTokenFormat marks a token that was never used (its time is then its creation).</summary>
    private const string OauthTokenNeverUsed = "token never used";

    /// <summary>Events that name an app without being its activity: token snapshots, setup changes (whose Application is the Setup section), verdicts.</summary>
    private static readonly string[] NotActivity = [UsageEventTypes.OAuthToken, UsageEventTypes.SetupAuditTrail, .. UsageEventTypes.ThreatDetection];

    /// <summary>The activity that named an app, by its id (CONNECTED_APP_ID) and its name (CONNECTED_APP_NAME, or a login's application).</summary>
    private static async Task<Dictionary<(string? Id, string? Name), AppActivity>> ActivityAsync(LedgerDbContext db, CancellationToken cancellationToken)
    {
        var rows = await db.UsageEvents.AsNoTracking()
            .Where(e => (e.ConnectedAppId != null || e.Application != null) && !NotActivity.Contains(e.EventType))
            .GroupBy(e => new { e.ConnectedAppId, e.Application })
            .Select(g => new { g.Key.ConnectedAppId, g.Key.Application, Events = g.LongCount(), Users = g.Select(e => e.Username ?? e.UserId).Distinct().Count(),
                First = g.Min(e => e.OccurredAt), Last = g.Max(e => e.OccurredAt) })
            .ToListAsync(cancellationToken);
        return rows.ToDictionary(r => (r.ConnectedAppId, r.Application), r => new AppActivity(r.Events, r.Users, r.First, r.Last));
    }

    private static AppActivity Combine(List<AppActivity> seen) => seen.Count switch
    {
        0 => AppActivity.None,
        1 => seen[0],
        _ => new AppActivity(seen.Sum(s => s.Events), seen.Max(s => s.Users), seen.Min(s => s.FirstAt), seen.Max(s => s.LastAt)),
    };
}
