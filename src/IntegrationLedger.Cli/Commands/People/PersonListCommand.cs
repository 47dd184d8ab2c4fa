using IntegrationLedger.Application.Common;
using IntegrationLedger.Domain.Common;
using System.CommandLine;
using IntegrationLedger.Application;
using IntegrationLedger.Application.Features.People;
using IntegrationLedger.Cli.Infrastructure;

namespace IntegrationLedger.Cli.Commands.People;

internal sealed class PersonListCommand : LedgerCommand
{
    public PersonListCommand(CliServices cli)
        : base(cli, "list", "List people")
    {
    }

    protected override async Task<int> RunAsync(Ledger ledger, ParseResult parse, CancellationToken cancellationToken)
    {
        var people = await new ListPeopleHandler(ledger).HandleAsync(cancellationToken);
        return Show(parse, people, list =>
        {
            var table = CliOutput.NewTable("Email", "Name", "Department", "Status", "Departed");
            foreach (var p in list)
                table.AddTextRow(p.Email, p.Name, p.Department, KebabCase.Of(p.Status), DisplayText.Date(p.DepartedOn));
            Output.Write(table);
        });
    }
}
