using System.Reflection;
using ClosedXML.Excel;
using IntegrationLedger.Application.Common;
using IntegrationLedger.Application.Features.Audit;
using IntegrationLedger.Application.Features.Findings;
using IntegrationLedger.Application.Persistence.Auditing;
using IntegrationLedger.Domain.Common;
using IntegrationLedger.Domain.Findings;
using IntegrationLedger.Domain.Reviews;
using IntegrationLedger.Domain.Tokens;
using IntegrationLedger.Domain.Usage;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Features.Reporting;

/// <summary>
/// The auditor's workbook for one quarter, written to <see cref="OutPath"/>. With <see cref="AsOf"/> the
/// ledger is shown as it stood at that moment (if earlier than the quarter's end), as a report made then
/// would have shown it.
/// </summary>
public sealed record BuildQuarterlyReport(Quarter Quarter, string OutPath, string? Organisation = null, DateTime? AsOf = null);

public sealed record QuarterlyReportResult(string Path, string Quarter, IReadOnlyList<string> Sheets, long AuditEntries, string AuditHead, bool AuditVerified);

/// <summary>
/// Builds the quarterly audit workbook. Tokens and integrations are shown as they stood at the end of the
/// quarter, replayed from the audit log (see docs/decisions/0004-report-state-from-the-audit-log.md), so
/// later changes do not leak in. Every sheet is a real Excel table. The file is written under a temporary
/// name and moved into place, so no half-written workbook carries the name asked for.
/// </summary>
public sealed class BuildQuarterlyReportHandler(Ledger ledger)
{
    public async Task<QuarterlyReportResult> HandleAsync(BuildQuarterlyReport request, CancellationToken cancellationToken = default)
    {
        var target = OutputFile.Check(request.OutPath);
        var quarter = request.Quarter;
        // A quarter still running is reported up to and including this moment; --as-of moves the moment back.
        var now = request.AsOf is { } asOf && asOf < ledger.Now ? asOf : ledger.Now;
        if (quarter.StartUtc > now)
            throw new Domain.Common.DomainException($"{quarter} has not begun{(request.AsOf is null ? "" : " by the --as-of moment")}; there is nothing to report yet.");
        var end = quarter.EndUtc <= now ? quarter.EndUtc : now.AddTicks(1);
        var chain = await new VerifyAuditChainHandler(ledger).HandleAsync(cancellationToken);
        var replay = await AuditReplay.AsOfAsync(ledger.Db, end, cancellationToken);

        using var workbook = new XLWorkbook();
        workbook.Properties.Title = $"Integration ledger audit workbook {quarter}";
        workbook.Properties.Subject = "Security tokens and API credentials handed to third-party software";
        workbook.Properties.Author = ledger.Actor;
        workbook.Properties.Company = request.Organisation ?? "";

        var people = replay.Rows("Person").ToDictionary(p => p.Id, p => p.Text("Email") ?? p.Id, StringComparer.OrdinalIgnoreCase);
        string? Email(string? personId) => personId is null ? null : people.GetValueOrDefault(personId, personId);

        var tokens = replay.Rows("Token").Select(t =>
        {
            var kind = Enum.TryParse<TokenKind>(t.Text("Kind"), out var k) ? k : TokenKind.ApiKey;
            var days = t.Number("RotationPolicyDays") ?? kind.DefaultRotationDays();
            var rotated = t.Time("LastRotatedAt");
            var due = days is { } d && rotated is { } r ? r.AddDays(d) : (DateTime?)null;
            var active = t.Text("Status") == nameof(TokenStatus.Active);
            return new object?[]
            {
                t.Text("Label"), kind.ToCliName(), Email(t.Text("OwnerId")), t.Text("Status")?.ToLowerInvariant(), t.Time("IssuedAt"), rotated, days, due,
                active && due < end ? "overdue" : "", t.Time("RevokedAt"), t.Text("RevocationReason")?.ToLowerInvariant(),
            };
        }).OrderBy(r => (string?)r[0], StringComparer.Ordinal).ToList();

        var integrations = replay.Rows("Integration").Select(i => new object?[]
        {
            i.Text("Name"), i.Text("Vendor"), Email(i.Text("OwnerId")), i.Text("Purpose"), i.Text("Environment"), i.Text("Network")?.ToLowerInvariant(),
        }).OrderBy(r => (string?)r[0], StringComparer.Ordinal).ToList();

        var findings = (await ledger.Db.Findings.AsNoTracking()
            .Where(f => f.FirstSeenAt < end && (f.ClosedAt == null || f.ClosedAt >= quarter.StartUtc)).ToListAsync(cancellationToken))
            .OrderByDescending(f => f.Severity).ThenBy(f => f.RuleId, StringComparer.Ordinal).ThenBy(f => f.SubjectKey, StringComparer.Ordinal)
            .Select(f =>
            {
                // As the finding stood at the end: what happened to it later is not part of this quarter.
                var actedThen = f.ActedAt < end;
                var closedThen = f.ClosedAt < end;
                var status = closedThen ? f.Status : actedThen && f.Status != FindingStatus.Resolved ? f.Status : actedThen ? FindingStatus.Acknowledged : FindingStatus.Open;
                return new object?[]
                {
                    f.ShortId, f.RuleId, f.Severity, f.SubjectType, f.SubjectKey, f.Summary, f.FirstSeenAt, f.LastSeenAt < end ? f.LastSeenAt : end, status,
                    closedThen ? f.ClosedAt : null, closedThen ? f.ClosedReason : null, actedThen ? f.Note : null, actedThen ? f.ActedBy : null,
                };
            })
            .ToList();

        var changeCount = await ledger.Db.AuditEntries.CountAsync(e => e.OccurredAt >= quarter.StartUtc && e.OccurredAt < end, cancellationToken);

        var tokenLabels = replay.Rows("Token").ToDictionary(t => t.Id, t => t.Text("Label") ?? t.Id, StringComparer.OrdinalIgnoreCase);
        var integrationNames = replay.Rows("Integration").ToDictionary(i => i.Id, i => i.Text("Name") ?? i.Id, StringComparer.OrdinalIgnoreCase);
        var usageMap = replay.Rows("TokenUsage").Select(u => new object?[]
        {
            Name(tokenLabels, u.Text("TokenId")), Name(integrationNames, u.Text("IntegrationId")),
            u.Text("Purpose"), u.Time("Since"), Email(u.Text("SetUpById")), u.Text("Status") is { } usageStatus ? KebabCase.Of(usageStatus) : null, u.Time("PendingSince"), u.Time("ConfirmedAt"), u.Time("EndedAt"),
        }).OrderBy(r => (string?)r[0], StringComparer.Ordinal).ThenBy(r => (string?)r[1], StringComparer.Ordinal).ToList();

        var lifecycle = await LifecycleRowsAsync(quarter, end, tokenLabels, integrationNames, cancellationToken);
        var offboarding = OffboardingRows(replay, quarter, Email);
        var review = await ReviewRowsAsync(quarter, cancellationToken);
        var activity = await WeeklyActivityAsync(quarter, end, ByGuid(integrationNames), cancellationToken);

        var eventsInQuarter = await ledger.Db.UsageEvents.CountAsync(e => e.OccurredAt >= quarter.StartUtc && e.OccurredAt < end, cancellationToken);
        var attributed = await ledger.Db.UsageEvents.CountAsync(e => e.OccurredAt >= quarter.StartUtc && e.OccurredAt < end && e.IntegrationId != null, cancellationToken);

        var atEnd = await ledger.Db.AuditEntries.AsNoTracking().Where(e => e.OccurredAt < end).OrderByDescending(e => e.Sequence)
            .Select(e => new { e.Sequence, e.Hash }).FirstOrDefaultAsync(cancellationToken);
        AddCover(workbook, request, quarter, chain, atEnd?.Sequence ?? 0, atEnd?.Hash ?? Domain.Auditing.AuditEntry.GenesisHash);
        var activeTokens = tokens.Count(t => (string?)t[3] == "active");
        // Tokens without a rotation policy cannot be late, so they would flatter the rate: it counts the others only.
        var withPolicy = tokens.Count(t => (string?)t[3] == "active" && t[6] is not null);
        var overdue = tokens.Count(t => (string?)t[8] == "overdue");
        TableSheet.Add(workbook, "Summary", "SummaryFigures", ["Figure", "Value", "Note"],
        [
            ["Active tokens at the end of the quarter", activeTokens, null],
            ["Of them, with a rotation policy", withPolicy, activeTokens == withPolicy ? null : $"{activeTokens - withPolicy} need no rotation (such as OAuth refresh tokens)"],
            ["Of them, overdue for rotation", overdue, withPolicy == 0 ? null : $"{100.0 * (withPolicy - overdue) / withPolicy:0.0}% of those with a policy rotated on time"],
            ["Integrations at the end of the quarter", integrations.Count, null],
            ["Findings open during the quarter", findings.Count, null],
            ["Of them, critical or high", findings.Count(f => (Severity)f[2]! >= Severity.High), null],
            ["Usage events in the quarter", eventsInQuarter, eventsInQuarter == 0 ? null : $"{100.0 * attributed / eventsInQuarter:0.0}% attributed to an integration"],
            ["Changes to the ledger in the quarter", changeCount, null],
        ]);
        TableSheet.Add(workbook, "Tokens", "Tokens",
            ["Token", "Kind", "Owner", "Status", "Issued (UTC)", "Last rotated (UTC)", "Rotation days", "Due (UTC)", "Overdue", "Revoked (UTC)", "Revocation reason"],
            tokens, row => (string?)row[8] == "overdue" ? TableSheet.Alert : null);
        TableSheet.Add(workbook, "Integrations", "Integrations", ["Integration", "Vendor", "Owner", "Purpose", "Environment", "Network"], integrations,
            row => row[2] is null || row[3] is null ? TableSheet.Warning : null);
        TableSheet.Add(workbook, "Token usage", "TokenUsage",
            ["Token", "Integration", "Purpose", "Since (UTC)", "Set up by", "Status", "Pending since (UTC)", "Confirmed (UTC)", "Ended (UTC)"],
            usageMap, row => (string?)row[5] == "pending-update" ? TableSheet.Warning : null);
        TableSheet.Add(workbook, "Rotations and revocations", "Lifecycle",
            ["Token", "Event", "At (UTC)", "Integration", "Confirmed updated (UTC)", "Hours to confirm", "Reason or note"],
            lifecycle, row => (string?)row[1] == "reset" && row[3] is not null && row[4] is null ? TableSheet.Alert : null);
        TableSheet.Add(workbook, "Offboarding", "Offboarding",
            ["Person", "Departed on", "Token", "Token status at quarter end", "Revoked (UTC)", "Days from departure to revocation"],
            offboarding, row => (string?)row[3] == "active" ? TableSheet.Alert : null);
        TableSheet.Add(workbook, "Access review", "AccessReview",
            ["Item", "Owner", "Kind", "Subject", "Decision", "Note", "Decided by", "Decided (UTC)"],
            review, row => row[4] is null ? TableSheet.Warning : null);
        TableSheet.Add(workbook, "Activity per week", "WeeklyActivity", ["Week of (Monday)", "Integration", "Events", "Failed"], activity);
        TableSheet.Add(workbook, "Findings", "Findings",
            ["Id", "Rule", "Severity", "Subject type", "Subject", "Finding", "First seen (UTC)", "Last seen (UTC)", "Status", "Closed (UTC)", "Closed because", "Note", "By"],
            findings, row => (Severity)row[2]! >= Severity.High ? TableSheet.Alert : null);
        TableSheet.Add(workbook, "Method", "Method", ["Rule", "Severity", "Title", "What it checks", "Settings"],
            RuleBook.All.Select(r => new object?[] { r.Id, r.Severity, r.Title, r.Explanation,
                string.Join("; ", r.Settings.Select(s => $"{r.Id}.{s.Name} (default {s.Default})")) }));

        // The small sheets come from ClosedXML in memory; the large ones are streamed into the file around them.
        using var smallSheets = new MemoryStream();
        workbook.SaveAs(smallSheets);
        smallSheets.Position = 0;
        var streamed = new[]
        {
            StreamedSheets.ChangeLog(ledger.Db, quarter.StartUtc, end),
            await StreamedSheets.EvidenceAsync(ledger.Db, quarter.StartUtc, end, integrations: ByGuid(integrationNames), tokens: ByGuid(tokenLabels), cancellationToken: cancellationToken),
        };
        var temporary = OutputFile.TemporaryFor(target);
        IReadOnlyList<string> sheetNames;
        try
        {
            sheetNames = await StreamedSheets.AssembleAsync(smallSheets, temporary, streamed, before: "Method", cancellationToken);
            File.Move(temporary, target, overwrite: true);
        }
        catch (Exception exception) when (OutputFile.IsWriteFailure(exception))
        {
            throw new OutputFileException($"{request.OutPath}: cannot write there ({exception.Message})");
        }
        finally
        {
            File.Delete(temporary);
        }
        return new QuarterlyReportResult(target, quarter.ToString(), sheetNames, chain.EntryCount, chain.HeadHash, chain.Holds);
    }

    /// <summary>The replay's names keyed by entity id, as the event tables key them.</summary>
    private static Dictionary<Guid, string> ByGuid(Dictionary<string, string> names) =>
        names.Where(n => Guid.TryParse(n.Key, out _)).ToDictionary(n => Guid.Parse(n.Key), n => n.Value);

    private static string? Name(Dictionary<string, string> names, string? id) => id is null ? null : names.TryGetValue(id, out var name) ? name : id;

    /// <summary>
    /// Resets with, for each integration that had to be updated, when it was confirmed; and revocations with
    /// their reason. Read from the audit log, which records each step with its time.
    /// </summary>
    private async Task<List<object?[]>> LifecycleRowsAsync(Quarter quarter, DateTime end, Dictionary<string, string> tokens, Dictionary<string, string> integrations, CancellationToken cancellationToken)
    {
        var entries = await ledger.Db.AuditEntries.AsNoTracking()
            .Where(e => e.OccurredAt < end && (e.EntityType == "Token" || e.EntityType == "TokenUsage")
                && (e.Action == AuditActions.TokenReset || e.Action == AuditActions.TokenConfirm || e.Action == AuditActions.TokenRevoke || e.Action == AuditActions.PersonOffboard || e.Action == AuditActions.ReviewAttest || e.Action == AuditActions.TokenUse))
            .OrderBy(e => e.Sequence).ToListAsync(cancellationToken);
        var usageOwner = new Dictionary<string, (string Token, string Integration)>(StringComparer.OrdinalIgnoreCase);
        foreach (var use in entries.Where(e => e.Action == AuditActions.TokenUse && e.EntityType == "TokenUsage" && e.After is not null))
        {
            using var after = System.Text.Json.JsonDocument.Parse(use.After!);
            var root = after.RootElement;
            usageOwner[use.EntityId] = (tokens.GetValueOrDefault(root.GetProperty("TokenId").GetString()!, "?"), integrations.GetValueOrDefault(root.GetProperty("IntegrationId").GetString()!, "?"));
        }
        var confirmations = entries.Where(e => e.Action == AuditActions.TokenConfirm && e.EntityType == "TokenUsage").ToList();
        var rows = new List<object?[]>();
        foreach (var entry in entries.Where(e => e.OccurredAt >= quarter.StartUtc))
        {
            if (entry.Action == AuditActions.TokenReset && entry.EntityType == "TokenUsage" && usageOwner.TryGetValue(entry.EntityId, out var usage))
            {
                var confirmed = confirmations.FirstOrDefault(c => c.EntityId == entry.EntityId && c.Sequence > entry.Sequence)?.OccurredAt;
                rows.Add([usage.Token, "reset", entry.OccurredAt, usage.Integration, confirmed, confirmed is { } at ? Math.Round((at - entry.OccurredAt).TotalHours, 1) : null, null]);
            }
            else if (entry.Action == AuditActions.TokenReset && entry.EntityType == "Token")
            {
                rows.Add([tokens.GetValueOrDefault(entry.EntityId, entry.EntityId), "reset", entry.OccurredAt, null, null, null, "new value recorded"]);
            }
            else if (entry.EntityType == "Token" && entry.After is { } after && after.Contains("\"Status\":\"Revoked\"", StringComparison.Ordinal))
            {
                using var document = System.Text.Json.JsonDocument.Parse(after);
                var reason = document.RootElement.TryGetProperty("RevocationReason", out var r) ? r.GetString() : null;
                var note = document.RootElement.TryGetProperty("RevocationNote", out var n) ? n.GetString() : null;
                rows.Add([tokens.GetValueOrDefault(entry.EntityId, entry.EntityId), "revoked", entry.OccurredAt, null, null, null, string.Join(": ", new[] { reason is null ? null : KebabCase.Of(reason), note }.OfType<string>())]);
            }
        }
        return rows;
    }

    /// <summary>People who left during the quarter, each token they owned, and how long its revocation took.</summary>
    private static List<object?[]> OffboardingRows(AuditReplay replay, Quarter quarter, Func<string?, string?> email)
    {
        var rows = new List<object?[]>();
        var tokens = replay.Rows("Token").ToList();
        foreach (var person in replay.Rows("Person"))
        {
            if (!DateOnly.TryParse(person.Text("DepartedOn"), System.Globalization.CultureInfo.InvariantCulture, out var departed) || departed < quarter.FirstDay || departed > quarter.LastDay)
                continue;
            var owned = tokens.Where(t => string.Equals(t.Text("OwnerId"), person.Id, StringComparison.OrdinalIgnoreCase)).ToList();
            if (owned.Count == 0)
                rows.Add([email(person.Id), departed, null, null, null, null]);
            foreach (var token in owned)
            {
                var revoked = token.Time("RevokedAt");
                rows.Add([email(person.Id), departed, token.Text("Label"), token.Text("Status")?.ToLowerInvariant(), revoked,
                    revoked is { } at ? Math.Round((at - departed.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc)).TotalDays, 1) : null]);
            }
        }
        return rows;
    }

    private async Task<List<object?[]>> ReviewRowsAsync(Quarter quarter, CancellationToken cancellationToken)
    {
        var key = quarter.ToString();
        if (!await ledger.Db.AccessReviews.AnyAsync(r => r.Quarter == key, cancellationToken))
            return [];
        var status = await new Reviews.GetReviewStatusHandler(ledger).HandleAsync(quarter, cancellationToken);
        return status.ItemList.Select(i => new object?[] { i.Id, i.Owner, i.SubjectType, i.Subject, i.Decision, i.Note, i.DecidedBy, i.DecidedAt }).ToList();
    }

    /// <summary>Events per integration per week (weeks start on Monday, UTC); counted by day in SQL, summed by week here.</summary>
    private async Task<List<object?[]>> WeeklyActivityAsync(Quarter quarter, DateTime end, IReadOnlyDictionary<Guid, string> names, CancellationToken cancellationToken)
    {
        var days = await ledger.Db.UsageEvents.AsNoTracking()
            .Where(e => e.OccurredAt >= quarter.StartUtc && e.OccurredAt < end && e.IntegrationId != null && e.EventType != UsageEventTypes.SetupAuditTrail)
            .GroupBy(e => new { e.IntegrationId, Day = e.OccurredAt.Date })
            .Select(g => new { g.Key.IntegrationId, g.Key.Day, Events = g.Count(), Failed = g.Count(e => e.Succeeded == false) })
            .ToListAsync(cancellationToken);
        return days
            .GroupBy(d => (Week: DateOnly.FromDateTime(d.Day.AddDays(-(((int)d.Day.DayOfWeek + 6) % 7))), Integration: names.GetValueOrDefault(d.IntegrationId!.Value, "?")))
            .OrderBy(g => g.Key.Week).ThenBy(g => g.Key.Integration, StringComparer.Ordinal)
            .Select(g => new object?[] { g.Key.Week, g.Key.Integration, g.Sum(d => d.Events), g.Sum(d => d.Failed) })
            .ToList();
    }

    private void AddCover(XLWorkbook workbook, BuildQuarterlyReport request, Quarter quarter, Domain.Auditing.AuditChainReport chain, long entriesAtEnd, string hashAtEnd)
    {
        var version = typeof(Ledger).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
        TableSheet.Add(workbook, "Cover", "Cover", ["Item", "Value"],
        [
            ["Organisation", request.Organisation ?? "(not given)"],
            ["Quarter", quarter.ToString()],
            ["Period start (UTC)", quarter.StartUtc],
            ["Period end (UTC, exclusive)", quarter.EndUtc],
            ["Generated at (UTC)", ledger.Now],
            ["Generated by", ledger.Actor],
            ["Ledger version", version],
            ["Audit entries", chain.EntryCount],
            ["Audit chain head hash", chain.HeadHash],
            ["Audit entries up to the end of the period", entriesAtEnd],
            ["Hash of the last entry of the period", hashAtEnd],
            ["Audit chain verified", chain.Holds ? "yes" : $"NO: {chain.Problem}"],
            // Whoever holds the database can rewrite the chain so that it verifies again; it cannot make it
            // pass through this hash, which the auditor now keeps.
            ["Check later that the log was not rewritten", $"ledger audit verify --anchor {chain.EntryCount}:{chain.HeadHash}"],
        ], row => (string?)row[0] == "Audit chain verified" && !chain.Holds ? TableSheet.Alert : null);
    }
}
