using System.CommandLine;
using IntegrationLedger.Application;
using IntegrationLedger.Application.Features.Tokens;
using IntegrationLedger.Cli.Infrastructure;

namespace IntegrationLedger.Cli.Commands.Tokens;

internal sealed class TokenSetOwnerCommand : LedgerCommand
{
    private readonly Argument<string> _label = Named("TOKEN", "The token's label");
    private readonly Option<string> _owner = Required("--owner", "The new owner, a person in the ledger who has not departed", "EMAIL");

    public TokenSetOwnerCommand(CliServices cli)
        : base(cli, "set-owner", "Hand a token to another owner (after an offboarding, say)")
    {
        Arguments.Add(_label);
        Options.Add(_owner);
    }

    protected override async Task<int> RunAsync(Ledger ledger, ParseResult parse, CancellationToken cancellationToken)
    {
        var request = new ChangeTokenOwner(parse.GetValue(_label)!, parse.GetValue(_owner)!);
        var details = await new ChangeTokenOwnerHandler(ledger).HandleAsync(request, cancellationToken);
        return Show(parse, details, d => Output.Line($"Token '{d.Token.Label}' is now owned by {d.Token.OwnerEmail}."));
    }
}
