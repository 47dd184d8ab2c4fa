using System.CommandLine;
using IntegrationLedger.Application;
using IntegrationLedger.Application.Features.Tokens;
using IntegrationLedger.Cli.Infrastructure;
using IntegrationLedger.Domain.Tokens;

namespace IntegrationLedger.Cli.Commands.Tokens;

internal sealed class TokenConfirmCommand : LedgerCommand
{
    private readonly Argument<string> _label = Named("TOKEN", "The token's label");
    private readonly Option<string> _integration = Required("--integration", "The integration that was updated with the new value", "NAME");

    public TokenConfirmCommand(CliServices cli)
        : base(cli, "confirm", "Confirm that an integration was updated after a reset")
    {
        Arguments.Add(_label);
        Options.Add(_integration);
    }

    protected override async Task<int> RunAsync(Ledger ledger, ParseResult parse, CancellationToken cancellationToken)
    {
        var request = new ConfirmTokenUpdate(parse.GetValue(_label)!, parse.GetValue(_integration)!);
        var plan = await new ConfirmTokenUpdateHandler(ledger).HandleAsync(request, cancellationToken);
        return Show(parse, plan, p =>
        {
            var waiting = p.Integrations.Where(i => i.Status == TokenUsageStatus.PendingUpdate).Select(i => i.Integration).ToList();
            Output.Line($"Confirmed that '{request.Integration.Trim()}' was updated with the new '{p.Token}'. "
                + (waiting.Count == 0 ? "Every integration is updated." : $"Still waiting: {string.Join(", ", waiting)}."));
        });
    }
}
