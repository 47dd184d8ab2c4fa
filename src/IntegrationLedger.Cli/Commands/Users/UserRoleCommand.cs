using System.CommandLine;
using IntegrationLedger.Application;
using IntegrationLedger.Application.Features.Users;
using IntegrationLedger.Cli.Infrastructure;
using IntegrationLedger.Domain.Users;

namespace IntegrationLedger.Cli.Commands.Users;

internal sealed class UserRoleCommand : LedgerCommand
{
    private readonly Argument<string> _email = Named("EMAIL", "The account");
    private readonly Option<string> _role = new("--role") { Description = "admin, officer or auditor", Required = true, HelpName = "ROLE" };

    public UserRoleCommand(CliServices cli)
        : base(cli, "role", "Give an account another role; its sessions end")
    {
        _role.AcceptOnlyFromAmong("admin", "officer", "auditor");
        Arguments.Add(_email);
        Options.Add(_role);
    }

    protected override async Task<int> RunAsync(Ledger ledger, ParseResult parse, CancellationToken cancellationToken)
    {
        var role = Enum.Parse<UserRole>(parse.GetValue(_role)!, ignoreCase: true);
        var user = await new ChangeUserRoleHandler(ledger).HandleAsync(new ChangeUserRole(parse.GetValue(_email)!, role), cancellationToken);
        return Show(parse, user, u => Output.Line($"{u.Email} is now {CliOutput.Name(u.Role)}; its sessions have ended."));
    }
}
