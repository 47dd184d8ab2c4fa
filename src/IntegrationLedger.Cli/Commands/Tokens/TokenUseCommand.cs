using System.CommandLine;
using IntegrationLedger.Application;
using IntegrationLedger.Application.Features.Tokens;
using IntegrationLedger.Cli.Infrastructure;

namespace IntegrationLedger.Cli.Commands.Tokens;

internal sealed class TokenUseCommand : LedgerCommand
{
    private readonly Argument<string> _label = Named("TOKEN", "The token's label");
    private readonly Option<string> _by = Required("--by", "The integration configured with the token", "INTEGRATION");
    private readonly Option<string> _purpose = Required("--purpose", "What the integration uses it for", "TEXT");
    private readonly Option<string?> _setUpBy = Optional("--set-up-by", "Who configured it", "EMAIL");
    private readonly Option<DateTime?> _since = CliOptions.UtcTime("--since", "Since when (default: now)");

    public TokenUseCommand(CliServices cli)
        : base(cli, "use", "Record that an integration is configured with a token")
    {
        Arguments.Add(_label);
        foreach (var option in new Option[] { _by, _purpose, _setUpBy, _since })
            Options.Add(option);
    }

    protected override async Task<int> RunAsync(Ledger ledger, ParseResult parse, CancellationToken cancellationToken)
    {
        var request = new UseToken(
            parse.GetValue(_label)!,
            parse.GetValue(_by)!,
            parse.GetValue(_purpose)!,
            parse.GetValue(_setUpBy),
            parse.GetValue(_since));
        var details = await new UseTokenHandler(ledger).HandleAsync(request, cancellationToken);
        return Show(parse, details, d => Output.Line($"Recorded that '{request.Integration.Trim()}' uses token '{d.Token.Label}'."));
    }
}
