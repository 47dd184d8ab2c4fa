using IntegrationLedger.Domain.Common;
using System.CommandLine;
using IntegrationLedger.Application;
using IntegrationLedger.Application.Features.Users;
using IntegrationLedger.Cli.Infrastructure;
using IntegrationLedger.Domain.Users;

namespace IntegrationLedger.Cli.Commands.Users;

internal sealed class UserAddCommand : LedgerCommand
{
    private readonly Argument<string> _email = Named("EMAIL", "The account's email, which it signs in with");
    private readonly Option<UserRole> _role = RoleOption.Create();

    public UserAddCommand(CliServices cli)
        : base(cli, "add", "Create an account for the web application; its password is read from standard input")
    {
        Arguments.Add(_email);
        Options.Add(_role);
    }

    protected override async Task<int> RunAsync(Ledger ledger, ParseResult parse, CancellationToken cancellationToken)
    {
        var role = parse.GetValue(_role);
        var password = Cli.ReadLine();
        if (password.Length == 0)
            throw new UsageException("Give the password on standard input, for example: printf '%s' 'a long passphrase' | ledger user add EMAIL --role ROLE");
        var user = await new AddUserHandler(ledger).HandleAsync(new AddUser(parse.GetValue(_email)!, role, password), cancellationToken);
        return Show(parse, user, u => Output.Line($"Added {KebabCase.Of(u.Role)} account {u.Email}; it can sign in at the web application ('ledger serve')."));
    }
}
