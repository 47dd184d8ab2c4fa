using IntegrationLedger.Domain.Common;
using System.CommandLine;
using IntegrationLedger.Application;
using IntegrationLedger.Application.Features.Tokens;
using IntegrationLedger.Cli.Infrastructure;

namespace IntegrationLedger.Cli.Commands.Tokens;

internal sealed class TokenFindCommand : LedgerCommand
{
    private readonly Option<bool> _secretStdin = new("--secret-stdin") { Description = "Read the secret to look for from standard input", Required = true };

    public TokenFindCommand(CliServices cli)
        : base(cli, "find", "Which registered token is this secret? (exit 0 when found, 2 when not)")
    {
        Options.Add(_secretStdin);
    }

    protected override async Task<int> RunAsync(Ledger ledger, ParseResult parse, CancellationToken cancellationToken)
    {
        var token = await new FindTokenHandler(ledger).HandleAsync(Cli.ReadSecret(), cancellationToken);
        Show(parse, new { found = token is not null, token }, _ => Output.Line(token is null
            ? "No registered token has this secret."
            : $"This secret is token '{token.Label}' ({KebabCase.Of(token.Kind)}, owned by {token.OwnerEmail}, {KebabCase.Of(token.Status)})."));
        return token is null ? ExitCodes.BadInput : ExitCodes.Success;
    }
}
