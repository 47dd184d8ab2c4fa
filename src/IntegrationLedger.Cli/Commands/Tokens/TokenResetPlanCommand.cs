using System.CommandLine;
using IntegrationLedger.Application;
using IntegrationLedger.Application.Features.Tokens;
using IntegrationLedger.Cli.Infrastructure;

namespace IntegrationLedger.Cli.Commands.Tokens;

internal sealed class TokenResetPlanCommand : LedgerCommand
{
    private readonly Argument<string> _label = Named("TOKEN", "The token's label");

    public TokenResetPlanCommand(CliServices cli)
        : base(cli, "reset-plan", "List every integration that must be updated if the token is reset, with owners")
    {
        Arguments.Add(_label);
    }

    protected override async Task<int> RunAsync(Ledger ledger, ParseResult parse, CancellationToken cancellationToken)
    {
        var plan = await new GetResetPlanHandler(ledger).HandleAsync(parse.GetValue(_label)!, cancellationToken);
        return Show(parse, plan, p =>
        {
            Output.Line(p.Integrations.Count == 0
                ? $"Resetting '{p.Token}' breaks no recorded integration."
                : $"Resetting '{p.Token}' breaks {p.Integrations.Count} integration(s); each must be updated with the new value:");
            if (p.Integrations.Count > 0)
                ResetPlanRenderer.Render(Output, p);
        });
    }
}
