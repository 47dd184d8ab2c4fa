using IntegrationLedger.Application.Common;
using IntegrationLedger.Domain.Common;
using System.CommandLine;
using IntegrationLedger.Application;
using IntegrationLedger.Application.Features.Users;
using IntegrationLedger.Cli.Infrastructure;

namespace IntegrationLedger.Cli.Commands.Users;

internal sealed class UserListCommand : LedgerCommand
{
    public UserListCommand(CliServices cli)
        : base(cli, "list", "List the web application's accounts")
    {
    }

    protected override async Task<int> RunAsync(Ledger ledger, ParseResult parse, CancellationToken cancellationToken)
    {
        var users = await new ListUsersHandler(ledger).HandleAsync(cancellationToken);
        return Show(parse, users, list =>
        {
            var table = CliOutput.NewTable("Email", "Role", "Last sign-in", "Disabled");
            foreach (var u in list)
                table.AddTextRow(u.Email, KebabCase.Of(u.Role), DisplayText.Time(u.LastSignInAt), DisplayText.Time(u.DisabledAt));
            Output.Write(table);
        });
    }
}
