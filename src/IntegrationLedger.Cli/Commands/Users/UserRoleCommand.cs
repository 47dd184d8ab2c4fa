using IntegrationLedger.Domain.Common;
using System.CommandLine;
using IntegrationLedger.Application;
using IntegrationLedger.Application.Features.Users;
using IntegrationLedger.Cli.Infrastructure;
using IntegrationLedger.Domain.Users;

namespace IntegrationLedger.Cli.Commands.Users;

internal sealed class UserRoleCommand : LedgerCommand
{
    private readonly Argument<string> _email = Named("EMAIL", "The account");
    private readonly Option<UserRole> _role = RoleOption.Create();

    public UserRoleCommand(CliServices cli)
        : base(cli, "role", "Give an account another role; its sessions end")
    {
        Arguments.Add(_email);
        Options.Add(_role);
    }

    protected override async Task<int> RunAsync(Ledger ledger, ParseResult parse, CancellationToken cancellationToken)
    {
        var role = parse.GetValue(_role);
        var user = await new ChangeUserRoleHandler(ledger).HandleAsync(new ChangeUserRole(parse.GetValue(_email)!, role), cancellationToken);
        return Show(parse, user, u => Output.Line($"{u.Email} is now {KebabCase.Of(u.Role)}; its sessions have ended."));
    }
}
