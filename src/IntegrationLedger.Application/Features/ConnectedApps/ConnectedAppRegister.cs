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

/// <summary>The activity tied to an app: by its id (CONNECTED_APP_ID), or by its name as the app or client it came through.</summary>
/// <param name="Users">How many distinct users (by username, else user id) it came from.</param>
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
    /// <param name="before">Only the OAuth token snapshots and activity from before this moment (a workbook's period end); null for all.</param>
    public static async Task<List<AppEntry>> LoadAsync(LedgerDbContext db, CancellationToken cancellationToken, DateTime? before = null)
    {
        var apps = await db.ConnectedApps.AsNoTracking().ToListAsync(cancellationToken);
        // Only the integrations that can claim an app (a rule on a connected app's id or an application's name), with
        // their vettings: app-policy-changed compares an app's changes with its integration's latest vetting.
        var integrations = await db.Integrations.AsNoTracking()
            .Where(i => i.AttributionRules.Any(r => r.Kind == AttributionRuleKind.ConnectedAppId || r.Kind == AttributionRuleKind.Application))
            .Include(i => i.AttributionRules).Include(i => i.VettingRecords).AsSplitQuery()
            .ToListAsync(cancellationToken);
        var end = before ?? DateTime.MaxValue;
        var holders = await HoldersAsync(db, end, cancellationToken);
        var activity = await ActivityAsync(db, end, cancellationToken);

        var entries = new List<AppEntry>();
        var named = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var app in apps)
        {
            named.Add(app.Name.Trim());
            var integration = ClaimedBy(integrations, app.SalesforceId, app.Name);
            entries.Add(new AppEntry(app, app.Name, app.SalesforceId, integration, app.Vendor ?? integration?.Vendor,
                holders.GetValueOrDefault(app.Name.Trim()) ?? [], activity.TryGetValue(app.SalesforceId, out var seen) ? seen.Activity : AppActivity.None));
        }

        // Apps that OAuth tokens, or events by a connected app's id, name without an export listing them:
        // uninstalled, or an export not yet imported.
        var listedIds = apps.Select(a => a.SalesforceId).ToHashSet(StringComparer.Ordinal);
        var seenOnly = activity.Where(a => !listedIds.Contains(a.Key)).ToList();
        var unlisted = holders.Keys.Where(n => !named.Contains(n))
            .Concat(seenOnly.Select(a => a.Value.Name ?? a.Key).Where(n => !named.Contains(n)))
            .Distinct(StringComparer.OrdinalIgnoreCase);
        foreach (var name in unlisted)
        {
            var ids = seenOnly.Where(a => NameIs(a.Value.Name ?? a.Key, name)).Select(a => a.Key).ToList();
            var id = ids.Count == 1 ? ids[0] : null;
            var integration = ClaimedBy(integrations, id, name);
            var seen = Combine(ids.Select(i => activity[i].Activity).ToList());
            entries.Add(new AppEntry(null, name, id, integration, integration?.Vendor, holders.GetValueOrDefault(name) ?? [], seen));
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

    /// <summary>A connected-app id rule's value in the 18-character form the apps are kept in: rules are stored as written, often 15 characters (as the Attributor reads them).</summary>
    private static string IdOf(string value) => Domain.Accounts.SalesforceId.TryNormalize(value, out var id) ? id : value.Trim();

    private static bool NameIs(string? value, string name) => value is not null && string.Equals(value.Trim(), name.Trim(), StringComparison.OrdinalIgnoreCase);

    /// <summary>Each app name's token holders, from every OauthToken row imported: per user, the tokens and their latest use.</summary>
    private static async Task<Dictionary<string, List<AppHolder>>> HoldersAsync(LedgerDbContext db, DateTime end, CancellationToken cancellationToken)
    {
        // The time is compared here, not in SQL: a bound on it makes SQLite walk the time index over every event
        // instead of the partial index that holds only the token snapshots (thousands, not millions).
        var tokens = (await db.UsageEvents.AsNoTracking().Where(e => e.EventType == UsageEventTypes.OAuthToken && e.Application != null)
            .Select(e => new { App = e.Application!, e.UserId, e.Username, e.OccurredAt, e.Detail, e.UseCount, e.Subject })
            .ToListAsync(cancellationToken))
            .Where(t => t.OccurredAt < end).ToList();
        var usernames = await UsernamesAsync(db, tokens.Where(t => t.Username is null && t.UserId is not null).Select(t => t.UserId!).Distinct().ToList(), cancellationToken);
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
    private static async Task<Dictionary<string, string>> UsernamesAsync(LedgerDbContext db, List<string> userIds, CancellationToken cancellationToken)
    {
        var known = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (userIds.Count == 0)
            return known;
        foreach (var user in await db.KnownUsers.AsNoTracking().Where(u => userIds.Contains(u.UserId)).ToListAsync(cancellationToken))
            known[user.UserId] = user.Username;
        foreach (var account in await db.Accounts.AsNoTracking().Where(a => a.PlatformUserId != null && userIds.Contains(a.PlatformUserId))
            .Select(a => new { a.PlatformUserId, a.Username }).ToListAsync(cancellationToken))
            known[account.PlatformUserId!] = account.Username;
        return known;
    }

    /// <summary>How OauthTokenFormat marks a token that was never used (its time is then its creation).</summary>
    private const string OauthTokenNeverUsed = "token never used";

    /// <summary>
    /// The activity tied to each app (<see cref="ConnectedAppTies"/>: by its id, or by its name as app or client), with
    /// the name it was seen under, read through the partial index on tied events (most events are tied to none,
    /// so it costs the import little).
    /// </summary>
    private static async Task<Dictionary<string, (AppActivity Activity, string? Name)>> ActivityAsync(LedgerDbContext db, DateTime end, CancellationToken cancellationToken)
    {
        var rows = await db.UsageEvents.AsNoTracking()
            .Where(e => e.TiedAppId != null && e.OccurredAt < end)
            .GroupBy(e => e.TiedAppId!)
            .Select(g => new { Id = g.Key, Name = g.Max(e => e.Application), Events = g.LongCount(), Users = g.Select(e => e.Username ?? e.UserId).Distinct().Count(),
                First = g.Min(e => e.OccurredAt), Last = g.Max(e => e.OccurredAt) })
            .ToListAsync(cancellationToken);
        return rows.ToDictionary(r => r.Id, r => (new AppActivity(r.Events, r.Users, r.First, r.Last), r.Name), StringComparer.Ordinal);
    }

    private static AppActivity Combine(List<AppActivity> seen) => seen.Count switch
    {
        0 => AppActivity.None,
        1 => seen[0],
        _ => new AppActivity(seen.Sum(s => s.Events), seen.Max(s => s.Users), seen.Min(s => s.FirstAt), seen.Max(s => s.LastAt)),
    };
}
