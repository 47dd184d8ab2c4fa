using IntegrationLedger.Application.Features.Reporting.Workbook;
using IntegrationLedger.Domain.Findings;

namespace IntegrationLedger.Application.Features.Reporting.Sheets;

/// <summary>A finding open at some time during the period, as it stood at the end of it (the Findings sheet).</summary>
internal sealed record FindingRow(
    string Id, string Rule, Severity Severity, string SubjectType, string Subject, string Summary, DateTime FirstSeen, DateTime LastSeen,
    FindingStatus Status, DateTime? Closed, string? ClosedBecause, string? Note, string? By)
{
    public static SheetLayout<FindingRow> Layout { get; } = new("Findings", "Findings",
    [
        new("Id", r => r.Id), new("Rule", r => r.Rule), new("Severity", r => r.Severity), new("Subject type", r => r.SubjectType),
        new("Subject", r => r.Subject), new("Finding", r => r.Summary), new("First seen (UTC)", r => r.FirstSeen),
        new("Last seen (UTC)", r => r.LastSeen), new("Status", r => r.Status), new("Closed (UTC)", r => r.Closed),
        new("Closed because", r => r.ClosedBecause), new("Note", r => r.Note), new("By", r => r.By),
    ], r => r.Severity >= Severity.High ? RowMark.Alert : RowMark.None);

    /// <summary>What happened to the finding after <paramref name="end"/> is not part of the period.</summary>
    public static FindingRow AsAt(Finding f, DateTime end)
    {
        var actedThen = f.ActedAt < end;
        var closedThen = f.ClosedAt < end;
        var status = closedThen ? f.Status
            : actedThen && f.Status != FindingStatus.Resolved ? f.Status
            : actedThen ? FindingStatus.Acknowledged
            : FindingStatus.Open;
        return new FindingRow(
            f.ShortId, f.RuleId, f.Severity, f.SubjectType, f.SubjectKey, f.Summary, f.FirstSeenAt, f.LastSeenAt < end ? f.LastSeenAt : end, status,
            closedThen ? f.ClosedAt : null, closedThen ? f.ClosedReason : null, actedThen ? f.Note : null, actedThen ? f.ActedBy : null);
    }
}
