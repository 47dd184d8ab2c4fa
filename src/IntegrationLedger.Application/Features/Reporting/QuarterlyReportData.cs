using IntegrationLedger.Application.Features.Reporting.Sheets;
using IntegrationLedger.Domain.Findings;
using IntegrationLedger.Domain.Reviews;

namespace IntegrationLedger.Application.Features.Reporting;

/// <summary>Everything the quarter's workbook shows, as typed rows, before any of it is laid out.</summary>
/// <param name="End">The end of the period (exclusive): the quarter's end, or the moment reported if earlier.</param>
internal sealed record QuarterlyReportData(
    Quarter Quarter,
    DateTime End,
    QuarterAudit Audit,
    ReportNames Names,
    IReadOnlyList<TokenRow> Tokens,
    IReadOnlyList<IntegrationRow> Integrations,
    IReadOnlyList<TokenUsageRow> Usages,
    IReadOnlyList<LifecycleRow> Lifecycle,
    IReadOnlyList<OffboardingRow> Offboarding,
    IReadOnlyList<ReviewRow> Review,
    IReadOnlyList<WeeklyActivityRow> Activity,
    IReadOnlyList<FindingRow> Findings,
    IReadOnlyList<RuleRow> Method,
    AccessSheets Access,
    long EventsInPeriod,
    long AttributedEvents,
    IReadOnlyList<ConnectedAppRow> ConnectedApps,
    IReadOnlyList<IncidentRow> Incidents)
{
    /// <summary>The findings of unusual activity among <see cref="Findings"/> (the Anomalies sheet), by day.</summary>
    public IReadOnlyList<AnomalyRow> Anomalies { get; } = [.. Findings.Select(AnomalyRow.From).OfType<AnomalyRow>().OrderBy(a => a.Day).ThenBy(a => a.Concerns, StringComparer.Ordinal)];

    /// <summary>Whether the period is the whole quarter, or a quarter still running (or cut short by --as-of) up to a moment.</summary>
    public bool IsQuarterOver => End >= Quarter.EndUtc;

    /// <summary>
    /// What "at the end" means in this workbook: the quarter's end, or, for a quarter not over, the moment reported
    /// and when the quarter ends, so no label passes a running quarter off as a closed one.
    /// </summary>
    public string AsAt => IsQuarterOver
        ? "at the end of the quarter"
        : $"as of {Common.DisplayText.Time(End.AddTicks(-1))}; the quarter ends on {Common.DisplayText.Date(Quarter.EndUtc.AddDays(-1))}";

    /// <summary>The Summary sheet's figures.</summary>
    public IReadOnlyList<FigureRow> Summary()
    {
        var active = Tokens.Count(t => t.Active);
        // Tokens without a rotation policy cannot be late, so they would flatter the rate: it counts the others only.
        var withPolicy = Tokens.Count(t => t.Active && t.RotationDays is not null);
        var overdue = Tokens.Count(t => t.Overdue);
        return
        [
            new($"Active tokens {AsAt}", active),
            new("Of them, with a rotation policy", withPolicy, active == withPolicy ? null : $"{active - withPolicy} need no rotation (such as OAuth refresh tokens)"),
            new("Of them, overdue for rotation", overdue, withPolicy == 0 ? null : $"{100.0 * (withPolicy - overdue) / withPolicy:0.0}% of those with a policy rotated on time"),
            new($"Integrations {AsAt}", Integrations.Count),
            new("Findings open during the quarter", Findings.Count),
            new("Of them, critical or high", Findings.Count(f => f.Severity >= Severity.High)),
            new("Anomalies: unusual activity found during the quarter", Anomalies.Count, Anomalies.Count == 0 ? null
                : $"{Anomalies.Select(a => a.Concerns).Distinct().Count()} integrations or accounts; "
                  + string.Join(", ", Anomalies.GroupBy(a => a.Kind).OrderByDescending(g => g.Count()).Select(g => $"{g.Count()} {g.Key.ToLowerInvariant()}"))
                  + "; each listed on the Anomalies sheet"),
            new("Usage events in the quarter", EventsInPeriod, EventsInPeriod == 0 ? null : $"{100.0 * AttributedEvents / EventsInPeriod:0.0}% attributed to an integration"),
            new("Changes to the ledger in the quarter", Audit.ChangesInPeriod, "sign-ins apart (see the Sign-ins sheet); each listed on the Change log sheet"),
            new("Sign-ins, sign-outs and refused requests in the quarter", Audit.AccessInPeriod,
                Audit.AccessInPeriod == 0 ? null : $"{Audit.RefusalsInPeriod} failed or refused; each listed on the Sign-ins sheet"),
            new($"Connected apps {AsAt}", ConnectedApps.Count, ConnectedApps.Count == 0 ? null
                : $"{ConnectedApps.Count(a => a.AdminApprovedUsersOnly == false)} let any user authorise them, {ConnectedApps.Count(a => a.InExport && a.RefreshTokenValidity is null)} have refresh tokens that never expire, {ConnectedApps.Count(a => a.Integration is null)} are claimed by no integration; each on the Connected apps sheet"),
            new("Incidents open during the quarter", Incidents.Select(i => i.Incident).Distinct().Count(), Incidents.Count == 0 ? null
                : $"{Incidents.Count(i => i.State == "to do")} runbook steps still to do at the end; each step on the Incidents sheet"),
            .. Access.Figures(AsAt),
        ];
    }
}
