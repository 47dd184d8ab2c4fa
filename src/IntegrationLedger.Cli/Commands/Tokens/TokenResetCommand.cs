using System.CommandLine;
using IntegrationLedger.Application;
using IntegrationLedger.Application.Features.Tokens;
using IntegrationLedger.Cli.Infrastructure;

namespace IntegrationLedger.Cli.Commands.Tokens;

internal sealed class TokenResetCommand : LedgerCommand
{
    private readonly Argument<string> _label = Named("TOKEN", "The token's label");
    private readonly Option<bool> _secretStdin = new("--secret-stdin") { Description = "Read the new secret from standard input and fingerprint it" };

    public TokenResetCommand(CliServices cli)
        : base(cli, "reset", "Record a reset: every integration using the token becomes pending update")
    {
        Arguments.Add(_label);
        Options.Add(_secretStdin);
    }

    protected override async Task<int> RunAsync(Ledger ledger, ParseResult parse, CancellationToken cancellationToken)
    {
        var request = new ResetToken(parse.GetValue(_label)!, parse.GetValue(_secretStdin) ? Cli.ReadSecret() : null);
        var plan = await new ResetTokenHandler(ledger).HandleAsync(request, cancellationToken);
        return Show(parse, plan, p =>
        {
            Output.Line($"Recorded the reset of '{p.Token}'. {p.Integrations.Count} integration(s) now wait for confirmation ('ledger token confirm {p.Token} --integration NAME'):");
            if (p.Integrations.Count > 0)
                ResetPlanRenderer.Render(Output, p);
        });
    }
}
