using IntegrationLedger.Domain.Common;
using System.CommandLine;
using IntegrationLedger.Application;
using IntegrationLedger.Application.Features.Tokens;
using IntegrationLedger.Cli.Infrastructure;
using IntegrationLedger.Domain.Tokens;

namespace IntegrationLedger.Cli.Commands.Tokens;

internal sealed class TokenRevokeCommand : LedgerCommand
{
    private readonly Argument<string> _label = Named("TOKEN", "The token's label");
    private readonly Option<RevocationReason> _reason = CliOptions.Choice<RevocationReason>("--reason", "Why it is revoked");
    private readonly Option<string?> _note = Optional("--note", "Details (required for 'other')", "TEXT");

    public TokenRevokeCommand(CliServices cli)
        : base(cli, "revoke", "Record that a token was revoked; its usages end")
    {
        Arguments.Add(_label);
        Options.Add(_reason);
        Options.Add(_note);
    }

    protected override async Task<int> RunAsync(Ledger ledger, ParseResult parse, CancellationToken cancellationToken)
    {
        var request = new RevokeToken(parse.GetValue(_label)!, parse.GetValue(_reason), parse.GetValue(_note));
        var details = await new RevokeTokenHandler(ledger).HandleAsync(request, cancellationToken);
        return Show(parse, details, d =>
        {
            var ended = d.Usages.Where(u => u.Status == TokenUsageStatus.Ended && u.EndedAt == d.RevokedAt).Select(u => u.Integration).ToList();
            Output.Line($"Revoked '{d.Token.Label}' ({KebabCase.Of(request.Reason)})."
                + (ended.Count == 0 ? "" : $" These integrations can no longer use it: {string.Join(", ", ended)}."));
        });
    }
}
