using IntegrationLedger.Domain.Common;
using System.CommandLine;
using IntegrationLedger.Application;
using IntegrationLedger.Application.Features.Findings;
using IntegrationLedger.Cli.Infrastructure;

namespace IntegrationLedger.Cli.Commands.Findings;

/// <summary><c>ledger finding ack|resolve ID --note TEXT</c>.</summary>
internal sealed class FindingWorkCommand : LedgerCommand
{
    private readonly FindingAction _action;
    private readonly Argument<string> _id = Named("ID", "The finding's id, as 'ledger findings' lists it");
    private readonly Option<string> _note = Required("--note", "What was done or decided", "TEXT");

    public FindingWorkCommand(CliServices cli, FindingAction action)
        : base(cli, action == FindingAction.Acknowledge ? "ack" : "resolve",
            action == FindingAction.Acknowledge ? "Acknowledge a finding: seen, and being dealt with" : "Resolve a finding with a note")
    {
        _action = action;
        Arguments.Add(_id);
        Options.Add(_note);
    }

    protected override async Task<int> RunAsync(Ledger ledger, ParseResult parse, CancellationToken cancellationToken)
    {
        var finding = await new WorkFindingHandler(ledger).HandleAsync(new WorkFinding(parse.GetValue(_id)!, _action, parse.GetValue(_note)!), cancellationToken);
        return Show(parse, finding, f => Output.Line($"Finding {f.Id} ({f.Rule}, {f.Subject}) is now {KebabCase.Of(f.Status)}."));
    }
}
