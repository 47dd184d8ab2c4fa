using System.Globalization;
using System.Text.Json;
using IntegrationLedger.Application.Features.Findings;
using IntegrationLedger.Application.Features.Reporting.Sheets;
using IntegrationLedger.Application.Features.Reviews;
using IntegrationLedger.Application.Persistence.Auditing;
using IntegrationLedger.Domain.Common;
using IntegrationLedger.Domain.Reviews;
using IntegrationLedger.Domain.Tokens;
using IntegrationLedger.Domain.Usage;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Features.Reporting;

/// <summary>
/// Reads what the quarter's workbook shows. Tokens, integrations, usages, people, accounts and their access are taken as they stood
/// at the end of the period, replayed from the audit log (docs/decisions/0004), so later changes do not leak
/// in; events, findings and reviews are read from their own tables, bounded by the period.
/// </summary>
internal sealed class QuarterlyReportReader(Ledger ledger)
{
    public async Task<QuarterlyReportData> ReadAsync(Quarter quarter, DateTime end, CancellationToken cancellationToken)
    {
        var audit = await QuarterAudit.ReadAsync(ledger.Db, quarter, end, cancellationToken);
        var replay = audit.AtEnd;
        var names = new ReportNames(replay);

        var tokens = replay.Rows(nameof(Token)).Select(t => TokenRow.From(t, names.Email, end)).OrderBy(r => r.Label, StringComparer.Ordinal).ToList();
        var integrations = replay.Rows("Integration").Select(i => IntegrationRow.From(i, names.Email)).OrderBy(r => r.Name, StringComparer.Ordinal).ToList();
        var usages = replay.Rows(nameof(TokenUsage)).Select(u => TokenUsageRow.From(u, names))
            .OrderBy(r => r.Token, StringComparer.Ordinal).ThenBy(r => r.Integration, StringComparer.Ordinal).ToList();

        var events = ledger.Db.UsageEvents.Where(e => e.OccurredAt >= quarter.StartUtc && e.OccurredAt < end);
        // The thresholds as they stood at the end of the period: the values the findings of the period were found with.
        var settings = replay.Rows("LedgerSetting").ToDictionary(s => s.Id, s => s.Text("Value"), StringComparer.Ordinal);
        return new QuarterlyReportData(
            quarter, end, audit, names, tokens, integrations, usages,
            Lifecycle(audit, quarter, names),
            Offboarding(replay, quarter, names),
            await ReviewAsync(quarter, cancellationToken),
            await WeeklyActivityAsync(quarter, end, names, cancellationToken),
            await FindingsAsync(quarter, end, cancellationToken),
            RuleBook.All.Select(rule => RuleRow.From(rule, settings, audit.SettingChanges)).ToList(),
            AccessSheets.Read(replay, quarter, end, names, await Access.AccessSnapshotReader.BeforeAsync(ledger.Db, end, cancellationToken)),
            await events.CountAsync(cancellationToken),
            await events.CountAsync(e => e.IntegrationId != null, cancellationToken),
            await ConnectedAppsAsync(replay, end, cancellationToken),
            IncidentRow.From(replay, quarter.StartUtc, end).ToList());
    }

    /// <summary>
    /// The connected apps at the end of the period: those an export had listed by then, with their policy as the
    /// audit log replays it, and those only OAuth tokens or activity from before then named.
    /// </summary>
    private async Task<List<ConnectedAppRow>> ConnectedAppsAsync(AuditReplay replay, DateTime end, CancellationToken cancellationToken)
    {
        var policies = replay.Rows(nameof(Domain.ConnectedApps.ConnectedApp)).Where(a => a.Text("SalesforceId") is not null)
            .ToDictionary(a => a.Text("SalesforceId")!, StringComparer.Ordinal);
        var register = await ConnectedApps.ConnectedAppRegister.LoadAsync(ledger.Db, cancellationToken, before: end);
        return register.Where(e => e.SalesforceId is { } id && policies.ContainsKey(id) || (e.App is null && (e.Holders.Count > 0 || e.Activity.Events > 0)))
            .Select(e => ConnectedAppRow.From(e, policies)).ToList();
    }

    /// <summary>
    /// Resets with, for each integration that had to be updated, when it was confirmed; and revocations with
    /// their reason. Read from the audit log, which records each step with its time.
    /// </summary>
    private static List<LifecycleRow> Lifecycle(QuarterAudit audit, Quarter quarter, ReportNames names)
    {
        var entries = audit.Lifecycle;
        var usageOwner = new Dictionary<string, (string Token, string Integration)>(StringComparer.OrdinalIgnoreCase);
        foreach (var use in entries.Where(e => e.Action == AuditActions.TokenUse && e.EntityType == nameof(TokenUsage) && e.After is not null))
        {
            using var after = JsonDocument.Parse(use.After!);
            var root = after.RootElement;
            usageOwner[use.EntityId] = (names.KnownToken(root.GetProperty("TokenId").GetString()), names.KnownIntegration(root.GetProperty("IntegrationId").GetString()));
        }
        var confirmations = entries.Where(e => e.Action == AuditActions.TokenConfirm && e.EntityType == nameof(TokenUsage)).ToList();
        var rows = new List<LifecycleRow>();
        foreach (var entry in entries.Where(e => e.OccurredAt >= quarter.StartUtc))
        {
            if (entry.Action == AuditActions.TokenReset && entry.EntityType == nameof(TokenUsage) && usageOwner.TryGetValue(entry.EntityId, out var usage))
            {
                var confirmed = confirmations.FirstOrDefault(c => c.EntityId == entry.EntityId && c.Sequence > entry.Sequence)?.OccurredAt;
                rows.Add(new LifecycleRow(usage.Token, LifecycleRow.Reset, entry.OccurredAt, usage.Integration, confirmed,
                    confirmed is { } at ? Math.Round((at - entry.OccurredAt).TotalHours, 1) : null, null));
            }
            else if (entry.Action == AuditActions.TokenReset && entry.EntityType == nameof(Token))
            {
                rows.Add(new LifecycleRow(names.Token(entry.EntityId)!, LifecycleRow.Reset, entry.OccurredAt, null, null, null, "new value recorded"));
            }
            else if (entry.EntityType == nameof(Token) && entry.After is { } after && after.Contains("\"Status\":\"Revoked\"", StringComparison.Ordinal))
            {
                using var document = JsonDocument.Parse(after);
                var reason = document.RootElement.TryGetProperty("RevocationReason", out var r) ? r.GetString() : null;
                var note = document.RootElement.TryGetProperty("RevocationNote", out var n) ? n.GetString() : null;
                rows.Add(new LifecycleRow(names.Token(entry.EntityId)!, LifecycleRow.Revoked, entry.OccurredAt, null, null, null,
                    string.Join(": ", new[] { reason is null ? null : KebabCase.Of(reason), note }.OfType<string>())));
            }
        }
        return rows;
    }

    /// <summary>People who left during the quarter, each token they owned, and how long its revocation took.</summary>
    private static List<OffboardingRow> Offboarding(AuditReplay replay, Quarter quarter, ReportNames names)
    {
        var rows = new List<OffboardingRow>();
        var tokens = replay.Rows(nameof(Token)).ToList();
        foreach (var person in replay.Rows("Person"))
        {
            if (!DateOnly.TryParse(person.Text("DepartedOn"), CultureInfo.InvariantCulture, out var departed) || departed < quarter.FirstDay || departed > quarter.LastDay)
                continue;
            var owned = tokens.Where(t => string.Equals(t.Text("OwnerId"), person.Id, StringComparison.OrdinalIgnoreCase)).ToList();
            if (owned.Count == 0)
                rows.Add(new OffboardingRow(names.Email(person.Id), departed, null, null, null, null));
            foreach (var token in owned)
            {
                var revoked = token.Time("RevokedAt");
                rows.Add(new OffboardingRow(names.Email(person.Id), departed, token.Text("Label"), token.Text("Status")?.ToLowerInvariant(), revoked,
                    revoked is { } at ? Math.Round((at - departed.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc)).TotalDays, 1) : null));
            }
        }
        return rows;
    }

    private async Task<List<ReviewRow>> ReviewAsync(Quarter quarter, CancellationToken cancellationToken)
    {
        var key = quarter.ToString();
        if (!await ledger.Db.AccessReviews.AnyAsync(r => r.Quarter == key, cancellationToken))
            return [];
        var status = await new GetReviewStatusHandler(ledger).HandleAsync(quarter, cancellationToken);
        return status.ItemList.Select(i => new ReviewRow(i.Id, i.Owner, i.SubjectType, i.Subject, i.Decision, i.Note, i.DecidedBy, i.DecidedAt)).ToList();
    }

    /// <summary>Events per integration per week (weeks start on Monday, UTC); counted by day in SQL, summed by week here.</summary>
    private async Task<List<WeeklyActivityRow>> WeeklyActivityAsync(Quarter quarter, DateTime end, ReportNames names, CancellationToken cancellationToken)
    {
        var days = await ledger.Db.UsageEvents.AsNoTracking()
            .Where(e => e.OccurredAt >= quarter.StartUtc && e.OccurredAt < end && e.IntegrationId != null && e.EventType != UsageEventTypes.SetupAuditTrail)
            .GroupBy(e => new { e.IntegrationId, Day = e.OccurredAt.Date })
            .Select(g => new { g.Key.IntegrationId, g.Key.Day, Events = g.Count(), Failed = g.Count(e => e.Succeeded == false) })
            .ToListAsync(cancellationToken);
        return days
            .GroupBy(d => (Week: WeeklyActivityRow.MondayOf(DateOnly.FromDateTime(d.Day)), Integration: names.IntegrationsById.GetValueOrDefault(d.IntegrationId!.Value, "?")))
            .OrderBy(g => g.Key.Week).ThenBy(g => g.Key.Integration, StringComparer.Ordinal)
            .Select(g => new WeeklyActivityRow(g.Key.Week, g.Key.Integration, g.Sum(d => d.Events), g.Sum(d => d.Failed)))
            .ToList();
    }

    private async Task<List<FindingRow>> FindingsAsync(Quarter quarter, DateTime end, CancellationToken cancellationToken) =>
        (await ledger.Db.Findings.AsNoTracking()
            .Where(f => f.FirstSeenAt < end && (f.ClosedAt == null || f.ClosedAt >= quarter.StartUtc)).ToListAsync(cancellationToken))
            .OrderByDescending(f => f.Severity).ThenBy(f => f.RuleId, StringComparer.Ordinal).ThenBy(f => f.SubjectKey, StringComparer.Ordinal)
            .Select(f => FindingRow.AsAt(f, end))
            .ToList();
}
