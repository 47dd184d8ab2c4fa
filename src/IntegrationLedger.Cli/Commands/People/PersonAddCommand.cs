using System.CommandLine;
using IntegrationLedger.Application;
using IntegrationLedger.Application.Features.People;
using IntegrationLedger.Cli.Infrastructure;

namespace IntegrationLedger.Cli.Commands.People;

internal sealed class PersonAddCommand : LedgerCommand
{
    private readonly Option<string> _email = Required("--email", "The person's email, their key in the ledger", "EMAIL");
    private readonly Option<string> _name = Required("--name", "Full name", "NAME");
    private readonly Option<string?> _department = Optional("--department", "Department or team", "TEXT");

    public PersonAddCommand(CliServices cli)
        : base(cli, "add", "Record a person who owns tokens or integrations")
    {
        Options.Add(_email);
        Options.Add(_name);
        Options.Add(_department);
    }

    protected override async Task<int> RunAsync(Ledger ledger, ParseResult parse, CancellationToken cancellationToken)
    {
        var person = await new AddPersonHandler(ledger).HandleAsync(
            new AddPerson(parse.GetValue(_email)!, parse.GetValue(_name)!, parse.GetValue(_department)), cancellationToken);
        return Show(parse, person, p => Output.Line($"Added {p.Name} <{p.Email}>."));
    }
}
