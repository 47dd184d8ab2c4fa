using System.CommandLine;
using System.Globalization;
using IntegrationLedger.Application;
using IntegrationLedger.Application.Common;
using IntegrationLedger.Application.Features.Incidents;
using IntegrationLedger.Cli.Infrastructure;

namespace IntegrationLedger.Cli.Commands.Incidents;

/// <summary><c>ledger incident start (--vendor V | --app NAME) --reason TEXT [--since WHEN]</c>: its scope at once, and its runbook.</summary>
internal sealed class IncidentStartCommand : LedgerCommand
{
    private readonly Option<string?> _vendor = Optional("--vendor", "The vendor presumed compromised: every connected app and integration of it", "VENDOR");
    private readonly Option<string?> _app = Optional("--app", "One connected app presumed compromised (its name, or its id)", "NAME");
    private readonly Option<string> _reason = Required("--reason", "Why: what was reported, and by whom", "TEXT");
    private readonly Option<DateTime?> _since = CliOptions.UtcTime("--since", $"Since when to review the activity (default: {StartIncidentHandler.DefaultDaysBack} days ago)");

    public IncidentStartCommand(CliServices cli)
        : base(cli, "start", "Open an incident for a breached vendor or app: its apps, OAuth tokens per user, integrations, tokens, accounts and activity since WHEN, and an ordered runbook")
    {
        foreach (var option in new Option[] { _vendor, _app, _reason, _since })
            Options.Add(option);
    }

    protected override async Task<int> RunAsync(Ledger ledger, ParseResult parse, CancellationToken cancellationToken)
    {
        var incident = await new StartIncidentHandler(ledger).HandleAsync(
            new StartIncident(parse.GetValue(_vendor), parse.GetValue(_app), parse.GetValue(_reason)!, parse.GetValue(_since)), cancellationToken);
        return Show(parse, incident, i => IncidentWords.Write(Output, i));
    }
}

internal sealed class IncidentListCommand : LedgerCommand
{
    public IncidentListCommand(CliServices cli)
        : base(cli, "list", "List incidents, newest first, with the steps each has left")
    {
    }

    protected override async Task<int> RunAsync(Ledger ledger, ParseResult parse, CancellationToken cancellationToken)
    {
        var incidents = await new ListIncidentsHandler(ledger).HandleAsync(cancellationToken);
        return Show(parse, incidents, list =>
        {
            var table = CliOutput.NewTable("Incident", "About", "Reason", "Opened", "By", "Steps left", "Closed");
            foreach (var i in list)
                table.AddTextRow(i.Id, $"{i.TargetKind} {i.Target}", i.Reason, DisplayText.Time(i.OpenedAt), i.OpenedBy,
                    $"{i.StepsLeft.ToString(CultureInfo.InvariantCulture)} of {i.Steps.Count.ToString(CultureInfo.InvariantCulture)}", DisplayText.Time(i.ClosedAt));
            Output.Write(table);
            Output.Line($"{list.Count} incident(s). Details: ledger incident show ID");
        });
    }
}

internal sealed class IncidentShowCommand : LedgerCommand
{
    private readonly Argument<string> _id = Named("ID", "The incident (INC-3, or 3)");

    public IncidentShowCommand(CliServices cli)
        : base(cli, "show", "Show an incident: its scope when opened, and its runbook with what is left")
    {
        Arguments.Add(_id);
    }

    protected override async Task<int> RunAsync(Ledger ledger, ParseResult parse, CancellationToken cancellationToken)
    {
        var incident = await new ShowIncidentHandler(ledger).HandleAsync(parse.GetValue(_id)!, cancellationToken);
        return Show(parse, incident, i => IncidentWords.Write(Output, i));
    }
}

/// <summary><c>ledger incident step ID STEP (--done | --not-applicable) --note TEXT</c>.</summary>
internal sealed class IncidentStepCommand : LedgerCommand
{
    private readonly Argument<string> _id = Named("ID", "The incident (INC-3, or 3)");
    private readonly Argument<int> _step = new("STEP") { Description = "The step's number" };
    private readonly Option<bool> _done = new("--done") { Description = "The step is done" };
    private readonly Option<bool> _notApplicable = new("--not-applicable") { Description = "The step does not apply (say why in --note)" };
    private readonly Option<string> _note = Required("--note", "What was done, or why it does not apply", "TEXT");

    public IncidentStepCommand(CliServices cli)
        : base(cli, "step", "Confirm a runbook step done, or mark it not applicable, with a note")
    {
        Arguments.Add(_id);
        Arguments.Add(_step);
        foreach (var option in new Option[] { _done, _notApplicable, _note })
            Options.Add(option);
    }

    protected override async Task<int> RunAsync(Ledger ledger, ParseResult parse, CancellationToken cancellationToken)
    {
        var done = parse.GetValue(_done);
        if (done == parse.GetValue(_notApplicable))
            throw new UsageException("Give either --done or --not-applicable.");
        var incident = await new WorkIncidentStepHandler(ledger).HandleAsync(
            new WorkIncidentStep(parse.GetValue(_id)!, parse.GetValue(_step), done, parse.GetValue(_note)!), cancellationToken);
        return Show(parse, incident, i =>
        {
            var step = i.Steps.Single(s => s.Number == parse.GetValue(_step));
            Output.Line($"{i.Id} step {step.Number} is {IncidentWords.State(step.Status)}: {step.Note}");
            Output.Line(i.StepsLeft == 0 ? $"Every step is settled: ledger incident close {i.Id} --note TEXT."
                : $"{i.StepsLeft} step(s) left: {string.Join(", ", i.Steps.Where(s => s.Status == Domain.Incidents.IncidentStepStatus.Pending).Select(s => s.Number))} (ledger incident show {i.Id}).");
        });
    }
}

internal sealed class IncidentCloseCommand : LedgerCommand
{
    private readonly Argument<string> _id = Named("ID", "The incident (INC-3, or 3)");
    private readonly Option<string> _note = Required("--note", "How it ended", "TEXT");

    public IncidentCloseCommand(CliServices cli)
        : base(cli, "close", "Close an incident whose every step is done or not applicable")
    {
        Arguments.Add(_id);
        Options.Add(_note);
    }

    protected override async Task<int> RunAsync(Ledger ledger, ParseResult parse, CancellationToken cancellationToken)
    {
        var incident = await new CloseIncidentHandler(ledger).HandleAsync(new CloseIncident(parse.GetValue(_id)!, parse.GetValue(_note)!), cancellationToken);
        return Show(parse, incident, i => Output.Line($"{i.Id} is closed: {i.CloseNote}"));
    }
}
