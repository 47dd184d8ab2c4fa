using System.CommandLine;
using IntegrationLedger.Application;
using IntegrationLedger.Application.Features.Integrations;
using IntegrationLedger.Cli.Infrastructure;

namespace IntegrationLedger.Cli.Commands.Integrations;

internal sealed class IntegrationSetOwnerCommand : LedgerCommand
{
    private readonly Argument<string> _name = Named("NAME", "The integration's name");
    private readonly Option<string> _owner = Required("--owner", "The new owner, a person in the ledger who has not departed", "EMAIL");

    public IntegrationSetOwnerCommand(CliServices cli)
        : base(cli, "set-owner", "Give an integration another owner (after an offboarding, say)")
    {
        Arguments.Add(_name);
        Options.Add(_owner);
    }

    protected override async Task<int> RunAsync(Ledger ledger, ParseResult parse, CancellationToken cancellationToken)
    {
        var request = new ChangeIntegrationOwner(parse.GetValue(_name)!, parse.GetValue(_owner)!);
        var details = await new ChangeIntegrationOwnerHandler(ledger).HandleAsync(request, cancellationToken);
        return Show(parse, details, d => Output.Line($"Integration '{d.Name}' is now owned by {d.OwnerEmail}."));
    }
}
