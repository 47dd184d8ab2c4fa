using IntegrationLedger.Domain.Common;
using System.CommandLine;
using IntegrationLedger.Application;
using IntegrationLedger.Application.Features.Findings;
using IntegrationLedger.Cli.Infrastructure;

namespace IntegrationLedger.Cli.Commands.Findings;

/// <summary><c>ledger finding ack|resolve ID... --note TEXT</c>: one note for every finding named, each audited.</summary>
internal sealed class FindingWorkCommand : LedgerCommand
{
    private readonly FindingAction _action;
    private readonly Argument<string[]> _ids = new("ID") { Description = "The findings' ids, as 'ledger findings' lists them (one or more; all or none change)", Arity = ArgumentArity.OneOrMore };
    private readonly Option<string> _note = Required("--note", "What was done or decided", "TEXT");

    public FindingWorkCommand(CliServices cli, FindingAction action)
        : base(cli, action == FindingAction.Acknowledge ? "ack" : "resolve",
            action == FindingAction.Acknowledge ? "Acknowledge findings: seen, and being dealt with" : "Resolve findings with a note")
    {
        _action = action;
        Arguments.Add(_ids);
        Options.Add(_note);
    }

    protected override async Task<int> RunAsync(Ledger ledger, ParseResult parse, CancellationToken cancellationToken)
    {
        var findings = await new WorkFindingsHandler(ledger).HandleAsync(new WorkFindings(parse.GetValue(_ids)!, _action, parse.GetValue(_note)!), cancellationToken);
        return Show(parse, findings, list =>
        {
            foreach (var f in list)
                Output.Line($"Finding {f.Id} ({f.Rule}, {f.Subject}) is now {KebabCase.Of(f.Status)}.");
        });
    }
}
