using IntegrationLedger.Domain.Common;
using System.CommandLine;
using IntegrationLedger.Application;
using IntegrationLedger.Application.Common;
using IntegrationLedger.Application.Features.Tokens;
using IntegrationLedger.Application.Features.Tokens.Secrets;
using IntegrationLedger.Cli.Infrastructure;

namespace IntegrationLedger.Cli.Commands.Tokens;

internal sealed class TokenFindCommand : LedgerCommand
{
    private readonly Option<bool> _secretStdin = new("--secret-stdin") { Description = "Read the secret to look for from standard input", Required = true };

    public TokenFindCommand(CliServices cli)
        : base(cli, "find", "Whose is this secret, current or past, and is it still live? (exit 0 when found, 2 when not)")
    {
        Options.Add(_secretStdin);
    }

    protected override async Task<int> RunAsync(Ledger ledger, ParseResult parse, CancellationToken cancellationToken)
    {
        var match = await new FindTokenHandler(ledger).HandleAsync(Cli.ReadSecret(), cancellationToken);
        var json = match is null
            ? (object)new { found = false }
            : new
            {
                found = true,
                token = match.Token,
                secret = new
                {
                    state = KebabCase.Of(match.State),
                    validFrom = match.ValidFrom,
                    endedAt = match.EndedAt,
                    integrations = match.Integrations,
                    advice = match.Advice,
                },
            };
        Show(parse, json, _ =>
        {
            if (match is null)
            {
                Output.Line("No registered token has or ever had this secret.");
                return;
            }
            var t = match.Token;
            Output.Line(match.State == SecretState.Current
                ? $"This secret is token '{t.Label}' ({t.KindAndOwner()}): current since {DisplayText.Time(match.ValidFrom)}."
                : $"This secret was token '{t.Label}' ({t.KindAndOwner()}) from {DisplayText.Time(match.ValidFrom)}; {match.Standing}.");
            Output.Line(match.Integrations.Count == 0
                ? "No integration is recorded as using it."
                : $"Used by: {string.Join(", ", match.Integrations)}.");
            Output.Line(match.Advice);
        });
        return match is null ? ExitCodes.BadInput : ExitCodes.Success;
    }
}
