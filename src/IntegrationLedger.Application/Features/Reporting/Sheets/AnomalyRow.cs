using System.Globalization;
using IntegrationLedger.Application.Features.Dashboard;
using IntegrationLedger.Application.Features.Reporting.Workbook;
using IntegrationLedger.Domain.Findings;

namespace IntegrationLedger.Application.Features.Reporting.Sheets;

/// <summary>
/// A finding of unusual activity open during the period (the Anomalies sheet): a volume spike, an object
/// touched for the first time, a burst of failed logins, or a Threat Detection verdict. Each finding already
/// states what was seen, against what baseline and with which events; the sheet adds the day it concerns and
/// what it concerns, so an auditor can sort and filter them.
/// </summary>
internal sealed record AnomalyRow(string Id, string Kind, Severity Severity, DateOnly? Day, string Concerns, string Finding, FindingStatus Status, string? ClosedBecause)
{
    /// <summary>The rules whose findings are anomalies, with what the sheet calls them.</summary>
    public static IReadOnlyDictionary<string, string> Rules { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [GetAnomalyDashboardHandler.VolumeSpike] = "Volume spike",
        [GetAnomalyDashboardHandler.NewDataAccessed] = "Object touched for the first time",
        [GetAnomalyDashboardHandler.LoginFailureBurst] = "Burst of failed logins",
        [GetAnomalyDashboardHandler.ThreatDetection] = "Salesforce Threat Detection",
    };

    public static SheetLayout<AnomalyRow> Layout { get; } = new("Anomalies", "Anomalies",
    [
        new("Id", r => r.Id), new("Kind", r => r.Kind), new("Severity", r => r.Severity), new("Day (UTC)", r => r.Day),
        new("Integration or account", r => r.Concerns), new("What was seen, against what baseline, and the evidence", r => r.Finding),
        new("Status at the end", r => r.Status), new("Closed because", r => r.ClosedBecause),
    ], r => r.Severity >= Severity.High ? RowMark.Alert : RowMark.None);

    public static AnomalyRow? From(FindingRow finding)
    {
        if (!Rules.TryGetValue(finding.Rule, out var kind))
            return null;
        var (concerns, day) = Split(finding);
        return new AnomalyRow(finding.Id, kind, finding.Severity, day ?? DateOnly.FromDateTime(finding.FirstSeen), concerns, finding.Summary, finding.Status, finding.ClosedBecause);
    }

    /// <summary>
    /// What the finding concerns and the day, from its subject as the dashboard reads it
    /// (<see cref="AnomalySubjectKey"/>): "Orbit BI Extract on 2026-11-28", "svc@x at 2026-11-27 22:00". A
    /// new-data-accessed finding's day is in its text ("On 2026-11-28 ..."), and a subject the parser cannot
    /// place (a Threat Detection event) is shown as it is.
    /// </summary>
    private static (string Concerns, DateOnly? Day) Split(FindingRow finding)
    {
        var subject = AnomalySubjectKey.Parse(finding.Rule, finding.SubjectType, finding.Subject);
        // A new object's finding is about the integration and the object together, as its subject says.
        var concerns = subject.Kind == AnomalySubjectKind.Other || subject.Entity is not null ? finding.Subject : subject.Name;
        return (concerns, subject.Day ?? (finding.Summary.StartsWith("On ", StringComparison.Ordinal) ? Date(finding.Summary[3..]) : null));
    }

    private static DateOnly? Date(string text) =>
        text.Length >= 10 && DateOnly.TryParseExact(text[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;
}
