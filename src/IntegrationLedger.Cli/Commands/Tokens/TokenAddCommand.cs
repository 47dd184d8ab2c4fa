using IntegrationLedger.Application.Common;
using IntegrationLedger.Domain.Common;
using System.CommandLine;
using IntegrationLedger.Application;
using IntegrationLedger.Application.Features.Tokens;
using IntegrationLedger.Cli.Infrastructure;
using IntegrationLedger.Domain.Tokens;

namespace IntegrationLedger.Cli.Commands.Tokens;

internal sealed class TokenAddCommand : LedgerCommand
{
    private readonly Option<string> _label = Required("--label", "A name for the token, its key in the ledger", "LABEL");
    private readonly Option<TokenKind> _kind = CliOptions.Choice<TokenKind>("--kind", "What kind of credential it is", helpName: "KIND");
    private readonly Option<string> _owner = Required("--owner", "The person who answers for it", "EMAIL");
    private readonly Option<string?> _account = Optional("--account", "The platform account it belongs to (Salesforce username)", "USERNAME");
    private readonly Option<string?> _accountUserId = Optional("--account-user-id", "That account's Salesforce user id (15 or 18 characters)", "ID");
    private readonly Option<int?> _rotateEvery = CliOptions.Count("--rotate-every", "Rotation policy in days (default: by kind)", "DAYS");
    private readonly Option<DateTime?> _issued = CliOptions.UtcTime("--issued", "When it was issued (default: now)");
    private readonly Option<DateTime?> _lastRotated = CliOptions.UtcTime("--last-rotated", "When it was last reset (default: when issued)");
    private readonly Option<bool> _secretStdin = new("--secret-stdin") { Description = "Read the secret from standard input; only a keyed fingerprint and at most its last 4 characters are kept" };

    public TokenAddCommand(CliServices cli)
        : base(cli, "add", "Register a token (the secret itself is never stored)")
    {
        foreach (var option in new Option[] { _label, _kind, _owner, _account, _accountUserId, _rotateEvery, _issued, _lastRotated, _secretStdin })
            Options.Add(option);
    }

    protected override async Task<int> RunAsync(Ledger ledger, ParseResult parse, CancellationToken cancellationToken)
    {
        var request = new AddToken(
            parse.GetValue(_label)!,
            parse.GetValue(_kind),
            parse.GetValue(_owner)!,
            parse.GetValue(_account),
            parse.GetValue(_accountUserId),
            parse.GetValue(_rotateEvery),
            parse.GetValue(_issued),
            parse.GetValue(_lastRotated),
            parse.GetValue(_secretStdin) ? Cli.ReadSecret() : null);
        var token = await new AddTokenHandler(ledger).HandleAsync(request, cancellationToken);
        return Show(parse, token, t => Output.Line(
            $"Added token '{t.Label}' ({KebabCase.Of(t.Kind)}) owned by {t.OwnerEmail}"
            + $", {DisplayText.Fingerprint(t.LastFour)}"
            + (t.RotationDueAt is { } due ? $"; rotation due {DisplayText.Date(due)}." : ".")));
    }
}
