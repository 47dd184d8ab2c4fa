using System.Text.Json;
using IntegrationLedger.Application.Common;
using IntegrationLedger.Application.Persistence;
using IntegrationLedger.Application.Persistence.Auditing;
using IntegrationLedger.Domain.ConnectedApps;
using IntegrationLedger.Domain.Usage;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Features.ConnectedApps;

/// <summary>One change in an app's history: a Setup Audit Trail entry that names it, or a change an export brought.</summary>
/// <param name="Source">"Setup Audit Trail", or "ConnectedApplication export" for what a later export restated.</param>
public sealed record AppChange(DateTime At, string Source, string? Who, string What);

/// <summary>An app with the users who hold its OAuth tokens, the activity that named it, and its history, newest first.</summary>
public sealed record AppDetails(AppSummary App, IReadOnlyList<AppHolder> Holders, AppActivity Activity, IReadOnlyList<AppChange> History);

/// <summary>Shows a connected app by name or id: its register entry and its history.</summary>
public sealed class ShowConnectedAppHandler(Ledger ledger)
{
    public async Task<AppDetails> HandleAsync(string nameOrId, CancellationToken cancellationToken = default)
    {
        var register = await ConnectedAppRegister.LoadAsync(ledger.Db, cancellationToken);
        var entry = Find(register, nameOrId);
        return new AppDetails(AppSummary.From(entry), entry.Holders, entry.Activity, await HistoryAsync(ledger.Db, entry, cancellationToken));
    }

    /// <summary>
    /// The app a name or an id (15 or 18 characters) names. Names are not unique in Salesforce: two apps of one
    /// name are told apart by id. A name the register lacks is refused with the close ones.
    /// </summary>
    public static AppEntry Find(IReadOnlyList<AppEntry> register, string nameOrId)
    {
        var wanted = nameOrId.Trim();
        if (Domain.Accounts.SalesforceId.TryNormalize(wanted, out var id) && register.FirstOrDefault(e => e.SalesforceId == id) is { } byId)
            return byId;
        var named = register.Where(e => string.Equals(e.Name.Trim(), wanted, StringComparison.OrdinalIgnoreCase)).ToList();
        return named switch
        {
            [var one] => one,
            [] => throw new NotFoundException($"No connected app named '{nameOrId}' is in the ledger.{CloseMatches.Suggestion(wanted, register.Select(e => e.Name))} " +
                "'ledger app list' lists them; 'ledger import sf-connected-apps FILE' adds them."),
            var several => throw new NotFoundException(
                $"{several.Count} connected apps are named '{nameOrId}'; name one by its id: {string.Join(", ", several.Select(e => e.SalesforceId ?? "(no id)"))}."),
        };
    }

    /// <summary>The Setup Audit Trail's changes that name the app, and what later exports changed of it, newest first.</summary>
    public static async Task<List<AppChange>> HistoryAsync(LedgerDbContext db, AppEntry entry, CancellationToken cancellationToken)
    {
        var name = entry.Name.Trim();
        // Setup changes are never attributed to an integration: the index on (IntegrationId, OccurredAt) finds them among
        // the unattributed events instead of reading every event.
        var setup = (await db.UsageEvents.AsNoTracking()
                .Where(e => e.IntegrationId == null && e.EventType == UsageEventTypes.SetupAuditTrail && e.Category == ConnectedAppChange && e.Subject != null)
                .Select(e => new { e.OccurredAt, e.Username, e.Detail, e.Subject })
                .ToListAsync(cancellationToken))
            .Where(e => string.Equals(e.Subject!.Trim(), name, StringComparison.OrdinalIgnoreCase))
            .Select(e => new AppChange(e.OccurredAt, "Setup Audit Trail", e.Username, e.Detail ?? ""));
        var restated = new List<AppChange>();
        if (entry.App is { } app)
        {
            var key = app.Id.ToString();
            // Only what an export restated: a vendor named by hand (app.set) is the ledger's note, no change to the app in Salesforce.
            var restatedBy = AuditActions.Import(ConnectedAppsExport.FormatName);
            var audited = await db.AuditEntries.AsNoTracking()
                .Where(a => a.EntityType == nameof(ConnectedApp) && a.EntityId == key && a.Before != null && a.Action == restatedBy)
                .Select(a => new { a.OccurredAt, a.Actor, a.Before, a.After }).ToListAsync(cancellationToken);
            restated.AddRange(audited.Select(a => new AppChange(a.OccurredAt, "ConnectedApplication export", a.Actor, Difference(a.Before!, a.After))));
        }
        return setup.Concat(restated).OrderByDescending(c => c.At).ToList();
    }

    /// <summary>The category SetupAuditTrailFormat gives an action on a connected app (its subject is the app's name).</summary>
    internal const string ConnectedAppChange = "ConnectedAppChange";

    /// <summary>"AdminApprovedUsersOnly: True to False; RefreshTokenValidity: 90 to (none)", from an audit entry's values.</summary>
    private static string Difference(string before, string? after)
    {
        var was = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(before) ?? [];
        var now = after is null ? [] : JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(after) ?? [];
        return string.Join("; ", was.Keys.Union(now.Keys).Order(StringComparer.Ordinal)
            .Select(k => $"{k}: {Value(was, k)} to {Value(now, k)}"));

        static string Value(Dictionary<string, JsonElement> values, string key) =>
            values.TryGetValue(key, out var value) && value.ValueKind != JsonValueKind.Null ? value.ToString() : "(none)";
    }
}
