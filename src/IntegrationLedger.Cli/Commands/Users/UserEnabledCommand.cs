using System.CommandLine;
using IntegrationLedger.Application;
using IntegrationLedger.Application.Features.Users;
using IntegrationLedger.Cli.Infrastructure;

namespace IntegrationLedger.Cli.Commands.Users;

/// <summary><c>user disable</c> and <c>user enable</c>: the same use case, each way round.</summary>
internal sealed class UserEnabledCommand : LedgerCommand
{
    private readonly Argument<string> _email = Named("EMAIL", "The account");
    private readonly bool _enable;

    public UserEnabledCommand(CliServices cli, bool enable)
        : base(cli, enable ? "enable" : "disable", enable
            ? "Let a disabled account sign in again"
            : "Stop an account signing in and end its sessions; it stays in the audit log's history")
    {
        _enable = enable;
        Arguments.Add(_email);
    }

    protected override async Task<int> RunAsync(Ledger ledger, ParseResult parse, CancellationToken cancellationToken)
    {
        var user = await new SetUserEnabledHandler(ledger).HandleAsync(new SetUserEnabled(parse.GetValue(_email)!, _enable), cancellationToken);
        return Show(parse, user, u => Output.Line(_enable ? $"{u.Email} can sign in again." : $"{u.Email} is disabled; its sessions have ended."));
    }
}
