using IntegrationLedger.Application.Features.Reporting.Workbook;
using IntegrationLedger.Application.Persistence.Auditing;
using IntegrationLedger.Domain.Incidents;

namespace IntegrationLedger.Application.Features.Reporting.Sheets;

/// <summary>
/// One runbook step of an incident open during the period (the Incidents sheet), as it stood at the end: what
/// the incident was about, the step, and who settled it when, with their note. Steps still to do are marked.
/// </summary>
internal sealed record IncidentRow(
    string Incident, string About, string? Reason, DateTime? Opened, string? OpenedBy, int? Step, string? Do, string State, string? By, DateTime? When, string? Note, DateTime? Closed, string? ClosedBy)
{
    public static SheetLayout<IncidentRow> Layout { get; } = new("Incidents", "Incidents",
    [
        new("Incident", r => r.Incident), new("About", r => r.About), new("Reason", r => r.Reason), new("Opened (UTC)", r => r.Opened), new("Opened by", r => r.OpenedBy),
        new("Step", r => r.Step), new("What the step asks", r => r.Do), new("State at the end", r => r.State), new("Settled by", r => r.By),
        new("Settled (UTC)", r => r.When), new("Note", r => r.Note), new("Incident closed (UTC)", r => r.Closed), new("Closed by", r => r.ClosedBy),
    ], r => r.State == "to do" ? RowMark.Warning : RowMark.None);

    /// <summary>The incidents opened before the end and not closed before the period began, each step a row, in order.</summary>
    public static IEnumerable<IncidentRow> From(AuditReplay replay, DateTime start, DateTime end)
    {
        var steps = replay.Rows(nameof(IncidentStep)).ToLookup(s => s.Text("IncidentId") ?? "", StringComparer.OrdinalIgnoreCase);
        foreach (var incident in replay.Rows(nameof(Incident)).OrderBy(i => i.Number("Number")))
        {
            var closed = incident.Time("ClosedAt");
            if (incident.Time("OpenedAt") >= end || closed < start)
                continue;
            var label = Domain.Incidents.Incident.LabelOf(incident.Number("Number") ?? 0);
            var about = $"{incident.Text("TargetKind")} {incident.Text("Target")}";
            foreach (var step in steps[incident.Id].OrderBy(s => s.Number("Number")))
            {
                var state = step.Text("Status") switch
                {
                    nameof(IncidentStepStatus.Done) => "done",
                    nameof(IncidentStepStatus.NotApplicable) => "not applicable",
                    _ => "to do",
                };
                yield return new IncidentRow(label, about, incident.Text("Reason"), incident.Time("OpenedAt"), incident.Text("OpenedBy"),
                    step.Number("Number"), step.Text("Instruction"), state, step.Text("SettledBy"), step.Time("SettledAt"), step.Text("Note"), closed, incident.Text("ClosedBy"));
            }
        }
    }
}
