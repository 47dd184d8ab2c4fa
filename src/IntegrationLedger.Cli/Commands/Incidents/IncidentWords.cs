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
            WriteHolders(output, s.Apps);
        }
        var activity = s.Activity;
        output.Line($"Activity since {DisplayText.Time(activity.Since)}: {activity.Calls.ToString("N0", CultureInfo.InvariantCulture)} requests, " +
            $"{activity.Rows.ToString("N0", CultureInfo.InvariantCulture)} rows, {Size(activity.Bytes)}.");
        if (activity.Objects.Count > 0)
        {
            var objects = CliOutput.NewTable("Integration", "Object", "Requests", "Rows");
            foreach (var o in activity.Objects.Take(Shown))
                objects.AddTextRow(o.Integration, o.Entity, o.Calls.ToString("N0", CultureInfo.InvariantCulture), o.Rows.ToString("N0", CultureInfo.InvariantCulture));
            output.Write(objects);
            More(output, activity.Objects.Count, "objects, most rows first");
        }
        if (activity.Sources.Count > 0)
        {
            var sources = CliOutput.NewTable("Integration", "Source address", "Requests", "Allowed?");
            foreach (var source in activity.Sources.Take(Shown))
                sources.AddTextRow(source.Integration, source.Address, source.Calls.ToString("N0", CultureInfo.InvariantCulture), source.OutsideAllowed ? "OUTSIDE the allowed networks" : "yes");
            output.Write(sources);
            More(output, activity.Sources.Count, "source addresses, those outside the allowed networks first");
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

    /// <summary>How many rows of each list the terminal shows; --json and the web page give them all.</summary>
    private const int Shown = 10;

    /// <summary>Who holds each app's OAuth tokens, latest use first: the users whose tokens step 1 revokes.</summary>
    private static void WriteHolders(CliOutput output, IReadOnlyList<ScopedApp> apps)
    {
        var holders = CliOutput.NewTable("App", "User", "OAuth tokens", "Last used");
        foreach (var app in apps)
        {
            foreach (var holder in app.Holders.Take(Shown))
                holders.AddTextRow(app.Name, holder.Username ?? holder.UserId ?? "(unknown)", holder.Tokens.ToString(CultureInfo.InvariantCulture),
                    holder.LastUsedAt is null ? "never" : DisplayText.Date(holder.LastUsedAt));
            if (app.Holders.Count > Shown)
                holders.AddTextRow(app.Name, $"and {(app.Holders.Count - Shown).ToString("N0", CultureInfo.InvariantCulture)} more user(s)", "", "");
        }
        if (apps.Any(a => a.Holders.Count > 0))
            output.Write(holders);
    }

    private static void More(CliOutput output, int count, string what)
    {
        if (count > Shown)
            output.Line($"The {Shown} of {count.ToString("N0", CultureInfo.InvariantCulture)} {what}; --json and the incident's web page list them all.");
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
