using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using IntegrationLedger.Application.Features.Access;
using IntegrationLedger.Application.Features.Activity;
using IntegrationLedger.Application.Features.ConnectedApps;
using IntegrationLedger.Application.Persistence;
using IntegrationLedger.Domain.Activity;
using IntegrationLedger.Domain.Integrations;
using IntegrationLedger.Domain.Tokens;
using IntegrationLedger.Domain.Usage;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Features.Incidents;

/// <summary>A connected app in an incident's scope, with the users who held its OAuth tokens.</summary>
public sealed record ScopedApp(string Name, string? SalesforceId, string? Integration, IReadOnlyList<AppHolder> Holders)
{
    [JsonIgnore]
    public int Tokens => Holders.Sum(h => h.Tokens);
}

/// <summary>One of the ledger's tokens an integration in scope uses.</summary>
public sealed record ScopedToken(string Label, TokenKind Kind, TokenStatus Status, string Integration, string? Owner);

/// <summary>A Salesforce account an integration in scope uses (through a token or an attribution rule).</summary>
public sealed record ScopedAccount(string Username, string Integration, string Through);

/// <summary>What the integrations in scope touched, or where they came from, since the incident's moment.</summary>
/// <param name="OutsideAllowed">True when the integration has allowed networks and this address is in none of them.</param>
public sealed record ScopedSource(string Integration, string Address, long Calls, bool OutsideAllowed);

public sealed record ScopedObject(string Integration, string Entity, long Calls, long Rows);

/// <summary>The activity of the integrations in scope since the incident's moment: by object and by source address.</summary>
public sealed record ScopedActivity(DateTime Since, long Calls, long Rows, long Bytes, IReadOnlyList<ScopedObject> Objects, IReadOnlyList<ScopedSource> Sources)
{
    [JsonIgnore]
    public IEnumerable<ScopedSource> Outside => Sources.Where(s => s.OutsideAllowed);
}

/// <summary>
/// Everything an incident reaches, as it stood when it was opened: the vendor's (or one app's) connected apps
/// and their OAuth token holders, the integrations, the ledger's tokens they use, their accounts, and their
/// activity since the incident's moment. Kept with the incident as the record of what was known then.
/// </summary>
public sealed record IncidentScope(
    IReadOnlyList<ScopedApp> Apps,
    IReadOnlyList<string> Integrations,
    IReadOnlyList<string> Vendors,
    IReadOnlyList<ScopedToken> Tokens,
    IReadOnlyList<ScopedAccount> Accounts,
    ScopedActivity Activity)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static IncidentScope FromJson(string json) => JsonSerializer.Deserialize<IncidentScope>(json, Json)
        ?? throw new InvalidOperationException("An incident's scope is empty.");
}

/// <summary>What the integrations in an incident's scope reach: the ledger's tokens they use, their accounts, and their activity.</summary>
internal sealed record IntegrationReach(IReadOnlyList<ScopedToken> Tokens, IReadOnlyList<ScopedAccount> Accounts, ScopedActivity Activity);

/// <summary>
/// Builds an incident's scope. The activity since the moment is read from the baselines for every whole UTC
/// day after it and from the events (through the integration and time index) for the rest of its own day, so
/// a vendor with a million events since then is answered from a few thousand baseline rows. Activity tied to
/// an app in scope that no integration accounts for (an app nobody registered) is read from its events,
/// through the index of tied events.
/// </summary>
internal static class IncidentScopeBuilder
{
    /// <summary>How the activity of an app no integration accounts for is named where an integration's name would be.</summary>
    public static string Unclaimed(string app) => $"{app} (connected app, no integration)";

    public static IncidentScope Assemble(IReadOnlyList<AppEntry> apps, IReadOnlyList<Integration> integrations, IntegrationReach reach, ScopedActivity unclaimed) =>
        new(
            apps.Select(a => new ScopedApp(a.Name, a.SalesforceId, a.Integration?.Name, a.Holders)).ToList(),
            integrations.Select(i => i.Name).Order(StringComparer.Ordinal).ToList(),
            integrations.Select(i => i.Vendor).Concat(apps.Select(a => a.Vendor)).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToList(),
            reach.Tokens,
            reach.Accounts,
            Combine(reach.Activity, unclaimed));

    public static async Task<IntegrationReach> ReachAsync(LedgerDbContext db, IReadOnlyList<Integration> integrations, DateTime since, CancellationToken cancellationToken)
    {
        var ids = integrations.Select(i => i.Id).ToList();
        var names = integrations.ToDictionary(i => i.Id, i => i.Name);
        var tokens = await db.TokenUsages.AsNoTracking().Where(u => ids.Contains(u.IntegrationId) && u.Status != TokenUsageStatus.Ended)
            .Join(db.Tokens, u => u.TokenId, t => t.Id, (u, t) => new { u.IntegrationId, t.Label, t.Kind, t.Status, t.OwnerId })
            .ToListAsync(cancellationToken);
        var ownerIds = tokens.Select(t => t.OwnerId).Distinct().ToList();
        var owners = await db.People.AsNoTracking().Where(p => ownerIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Email, cancellationToken);
        var users = await AccessQueries.UsersOfAccountsAsync(db, cancellationToken);
        var accountIds = users.Where(u => u.Value.Any(a => ids.Contains(a.IntegrationId))).Select(u => u.Key).ToList();
        var usernames = await db.Accounts.AsNoTracking().Where(a => accountIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Username, cancellationToken);

        return new IntegrationReach(
            tokens.Select(t => new ScopedToken(t.Label, t.Kind, t.Status, names[t.IntegrationId], owners.GetValueOrDefault(t.OwnerId)))
                .OrderBy(t => t.Label, StringComparer.Ordinal).ThenBy(t => t.Integration, StringComparer.Ordinal).ToList(),
            accountIds.Where(usernames.ContainsKey)
                .SelectMany(id => users[id].Where(u => ids.Contains(u.IntegrationId)).Select(u => new ScopedAccount(usernames[id], u.Integration, u.Through)))
                .OrderBy(a => a.Username, StringComparer.Ordinal).ToList(),
            await ActivityAsync(db, integrations, since, cancellationToken));
    }

    /// <summary>
    /// The activity tied to the apps (by id) that no integration was attributed: what an app nobody registered
    /// did, per object and source address, named by <see cref="Unclaimed"/>.
    /// </summary>
    public static async Task<ScopedActivity> UnclaimedActivityAsync(LedgerDbContext db, IReadOnlyList<AppEntry> apps, DateTime since, CancellationToken cancellationToken)
    {
        var appIds = apps.Select(a => a.SalesforceId).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        if (appIds.Count == 0)
            return new ScopedActivity(since, 0, 0, 0, [], []);
        var verdicts = UsageEventTypes.ThreatDetection.ToList();
        var events = await db.UsageEvents.AsNoTracking()
            .Where(e => e.TiedAppId != null && appIds.Contains(e.TiedAppId) && e.IntegrationId == null && e.OccurredAt >= since
                && e.EventType != UsageEventTypes.OAuthToken && !verdicts.Contains(e.EventType))
            .Select(e => new { App = e.TiedAppId!, e.Entity, e.SourceIp, e.RowsProcessed, e.BytesReturned, e.EventType, e.JobId })
            .ToListAsync(cancellationToken);
        var nameOf = apps.Where(a => a.SalesforceId is not null).GroupBy(a => a.SalesforceId!).ToDictionary(g => g.Key, g => Unclaimed(g.First().Name));
        var requests = Requests(events.Select(e => new EventVolume(nameOf[e.App], e.Entity, e.SourceIp, e.RowsProcessed, e.BytesReturned, e.EventType, e.JobId)).ToList());
        return new ScopedActivity(since, requests.Count, requests.Sum(r => r.Rows), requests.Sum(r => r.Bytes),
            ObjectsOf(requests.Where(r => r.Entity is not null).Select(r => (r.Through, r.Entity!, 1L, r.Rows))),
            events.Where(e => e.SourceIp is not null).GroupBy(e => (nameOf[e.App], e.SourceIp!))
                .Select(g => new ScopedSource(g.Key.Item1, g.Key.Item2, g.LongCount(), OutsideAllowed: false)).OrderByDescending(s => s.Calls).ToList());
    }

    private static async Task<ScopedActivity> ActivityAsync(LedgerDbContext db, IReadOnlyList<Integration> integrations, DateTime since, CancellationToken cancellationToken)
    {
        var firstWholeDay = DateOnly.FromDateTime(since).AddDays(since.TimeOfDay == TimeSpan.Zero ? 0 : 1);
        var partEnd = firstWholeDay.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var subjects = integrations.ToDictionary(i => i.Id.ToString().ToUpperInvariant(), i => i);
        var subjectKeys = subjects.Keys.ToList();
        var ids = integrations.Select(i => i.Id).ToList();
        var names = integrations.ToDictionary(i => i.Id, i => i.Name);

        // Whole days, from the baselines.
        var days = await db.ActivityDays.AsNoTracking()
            .Where(d => d.Scope == ActivityScope.Integration && subjectKeys.Contains(d.Subject) && d.Day >= firstWholeDay)
            .GroupBy(d => 1).Select(g => new { Calls = g.Sum(d => d.Calls), Rows = g.Sum(d => d.Rows), Bytes = g.Sum(d => d.Bytes) })
            .FirstOrDefaultAsync(cancellationToken);
        var objects = (await db.ActivityObjects.AsNoTracking()
                .Where(o => o.Scope == ActivityScope.Integration && subjectKeys.Contains(o.Subject) && o.Day >= firstWholeDay)
                .GroupBy(o => new { o.Subject, o.Entity }).Select(g => new { g.Key.Subject, g.Key.Entity, Calls = g.Sum(o => o.Calls), Rows = g.Sum(o => o.Rows) })
                .ToListAsync(cancellationToken))
            .Select(o => (Integration: subjects[o.Subject].Name, o.Entity, o.Calls, o.Rows)).ToList();
        var sources = (await db.ActivitySources.AsNoTracking()
                .Where(s => s.Scope == ActivityScope.Integration && subjectKeys.Contains(s.Subject) && s.Day >= firstWholeDay)
                .GroupBy(s => new { s.Subject, s.Source }).Select(g => new { g.Key.Subject, g.Key.Source, Calls = g.Sum(s => s.Calls) })
                .ToListAsync(cancellationToken))
            .Select(s => (Integration: subjects[s.Subject].Name, Address: s.Source, s.Calls)).ToList();

        // The rest of the moment's own day, from the events.
        var verdicts = UsageEventTypes.ThreatDetection.ToList();
        var part = since < partEnd
            ? await db.UsageEvents.AsNoTracking()
                .Where(e => e.IntegrationId != null && ids.Contains(e.IntegrationId.Value) && e.OccurredAt >= since && e.OccurredAt < partEnd
                    && e.EventType != UsageEventTypes.OAuthToken && !verdicts.Contains(e.EventType))
                .Select(e => new { Integration = e.IntegrationId!.Value, e.Entity, e.SourceIp, e.RowsProcessed, e.BytesReturned, e.EventType, e.JobId })
                .ToListAsync(cancellationToken)
            : [];
        var requests = Requests(part.Select(e => new EventVolume(names[e.Integration], e.Entity, e.SourceIp, e.RowsProcessed, e.BytesReturned, e.EventType, e.JobId)).ToList());
        objects.AddRange(requests.Where(r => r.Entity is not null).Select(r => (r.Through, r.Entity!, 1L, r.Rows)));
        sources.AddRange(part.Where(e => e.SourceIp is not null).Select(e => (names[e.Integration], e.SourceIp!, 1L)));

        var byName = integrations.ToDictionary(i => i.Name, i => i.AllowedNetworks.Select(n => IPNetwork.Parse(n.Cidr)).ToList());
        bool Outside(string integration, string address) =>
            byName[integration] is { Count: > 0 } allowed && IPAddress.TryParse(address, out var ip) && !allowed.Any(n => n.Contains(ip));

        return new ScopedActivity(
            since,
            (days?.Calls ?? 0) + requests.Count,
            (days?.Rows ?? 0) + requests.Sum(r => r.Rows),
            (days?.Bytes ?? 0) + requests.Sum(r => r.Bytes),
            ObjectsOf(objects),
            sources.GroupBy(s => (s.Integration, s.Address)).Select(g => new ScopedSource(g.Key.Integration, g.Key.Address, g.Sum(s => s.Calls), Outside(g.Key.Integration, g.Key.Address)))
                .OrderByDescending(s => s.OutsideAllowed).ThenByDescending(s => s.Calls).ToList());
    }

    /// <summary>One event's volume, and what it came through: an integration's name, or an unclaimed app's.</summary>
    private sealed record EventVolume(string Through, string? Entity, string? SourceIp, long? RowsProcessed, long? BytesReturned, string EventType, string? JobId);

    /// <summary>
    /// The requests among events: a Bulk API 2.0 job is one request of its largest count however many state events
    /// it wrote (each gives the count so far), as the baselines count it; every other event is a request of its own.
    /// </summary>
    private static List<(string Through, string? Entity, long Rows, long Bytes)> Requests(List<EventVolume> events)
    {
        static bool IsJob(EventVolume e) => e.EventType == UsageEventTypes.BulkApi2 && e.JobId is not null;
        return events.Where(e => !IsJob(e))
            .Select(e => (e.Through, e.Entity, Rows: e.RowsProcessed ?? 0, Bytes: e.BytesReturned ?? 0))
            .Concat(events.Where(IsJob).GroupBy(e => (e.Through, e.JobId))
                .Select(job => (job.Key.Through, Entity: job.Select(e => e.Entity).FirstOrDefault(entity => entity is not null),
                    Rows: job.Max(e => e.RowsProcessed ?? 0), Bytes: job.Max(e => e.BytesReturned ?? 0))))
            .ToList();
    }

    private static List<ScopedObject> ObjectsOf(IEnumerable<(string Through, string Entity, long Calls, long Rows)> objects) =>
        objects.GroupBy(o => (o.Through, o.Entity)).Select(g => new ScopedObject(g.Key.Through, g.Key.Entity, g.Sum(o => o.Calls), g.Sum(o => o.Rows)))
            .OrderByDescending(o => o.Rows).ThenByDescending(o => o.Calls).ToList();

    private static ScopedActivity Combine(ScopedActivity integrations, ScopedActivity unclaimed) =>
        unclaimed.Calls == 0 ? integrations : new ScopedActivity(
            integrations.Since,
            integrations.Calls + unclaimed.Calls,
            integrations.Rows + unclaimed.Rows,
            integrations.Bytes + unclaimed.Bytes,
            integrations.Objects.Concat(unclaimed.Objects).OrderByDescending(o => o.Rows).ThenByDescending(o => o.Calls).ToList(),
            integrations.Sources.Concat(unclaimed.Sources).OrderByDescending(s => s.OutsideAllowed).ThenByDescending(s => s.Calls).ToList());
}
