using System.Globalization;
using IntegrationLedger.Application.Common;
using IntegrationLedger.Application.Features.Incidents;
using IntegrationLedger.Cli.Infrastructure;
using IntegrationLedger.Domain.Incidents;

namespace IntegrationLedger.Cli.Commands.Incidents;

/// <summary>How the command line shows an incident: its scope when opened, then its runbook with what is left.</summary>
internal static class IncidentWords
{
    public static void Write(CliOutput output, IncidentView i)
    {
        output.Line($"{i.Id}  {i.TargetKind} {i.Target}: {i.Reason}");
        output.Line($"Opened {DisplayText.Time(i.OpenedAt)} by {i.OpenedBy}; activity reviewed since {DisplayText.Time(i.Since)}." +
            (i.IsClosed ? $" Closed {DisplayText.Time(i.ClosedAt)} by {i.ClosedBy}: {i.CloseNote}" : ""));
        var s = i.Scope;
        output.Line($"Scope when opened: {s.Apps.Count} connected app(s), {s.Integrations.Count} integration(s) ({string.Join(", ", s.Integrations)}), " +
            $"{s.Tokens.Select(t => t.Label).Distinct().Count()} ledger token(s), {s.Accounts.Select(a => a.Username).Distinct().Count()} integration account(s).");
        if (s.Apps.Count > 0)
        {
            var apps = CliOutput.NewTable("App", "Id", "Integration", "Users", "OAuth tokens", "Last used");
            foreach (var a in s.Apps)
                apps.AddTextRow(a.Name, a.SalesforceId ?? "", a.Integration ?? "(none)", a.Holders.Count.ToString(CultureInfo.InvariantCulture),
                    a.Tokens.ToString(CultureInfo.InvariantCulture), DisplayText.Date(a.Holders.Max(h => h.LastUsedAt)));
            output.Write(apps);
        }
        var activity = s.Activity;
        output.Line($"Activity since {DisplayText.Time(activity.Since)}: {activity.Calls.ToString("N0", CultureInfo.InvariantCulture)} requests, " +
            $"{activity.Rows.ToString("N0", CultureInfo.InvariantCulture)} rows, {Size(activity.Bytes)}.");
        if (activity.Objects.Count > 0)
        {
            var objects = CliOutput.NewTable("Integration", "Object", "Requests", "Rows");
            foreach (var o in activity.Objects.Take(10))
                objects.AddTextRow(o.Integration, o.Entity, o.Calls.ToString("N0", CultureInfo.InvariantCulture), o.Rows.ToString("N0", CultureInfo.InvariantCulture));
            output.Write(objects);
        }
        if (activity.Sources.Count > 0)
        {
            var sources = CliOutput.NewTable("Integration", "Source address", "Requests", "Allowed?");
            foreach (var source in activity.Sources.Take(10))
                sources.AddTextRow(source.Integration, source.Address, source.Calls.ToString("N0", CultureInfo.InvariantCulture), source.OutsideAllowed ? "OUTSIDE the allowed networks" : "yes");
            output.Write(sources);
        }
        output.Line($"Runbook ({i.StepsLeft} of {i.Steps.Count} step(s) left):");
        var steps = CliOutput.NewTable("Step", "Do", "State", "By", "When", "Note");
        foreach (var step in i.Steps)
        {
            steps.AddTextRow(step.Number.ToString(CultureInfo.InvariantCulture), step.Instruction, State(step.Status), step.By ?? "", DisplayText.Time(step.At), step.Note ?? "");
        }
        output.Write(steps);
        if (!i.IsClosed)
        {
            output.Line(i.StepsLeft > 0
                ? $"Confirm a step: ledger incident step {i.Id} STEP --done --note TEXT (or --not-applicable --note REASON)."
                : $"Every step is settled: ledger incident close {i.Id} --note TEXT.");
        }
    }

    public static string State(IncidentStepStatus status) => status switch
    {
        IncidentStepStatus.Done => "done",
        IncidentStepStatus.NotApplicable => "not applicable",
        _ => "to do",
    };

    private static string Size(long bytes) => bytes switch
    {
        >= 1L << 30 => $"{bytes / (double)(1L << 30):0.0} GB",
        >= 1L << 20 => $"{bytes / (double)(1L << 20):0.0} MB",
        >= 1L << 10 => $"{bytes / (double)(1L << 10):0.0} KB",
        _ => $"{bytes} bytes",
    };
}
