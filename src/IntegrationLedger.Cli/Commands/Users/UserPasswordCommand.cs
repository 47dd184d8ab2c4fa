using System.CommandLine;
using IntegrationLedger.Application;
using IntegrationLedger.Application.Features.Users;
using IntegrationLedger.Cli.Infrastructure;

namespace IntegrationLedger.Cli.Commands.Users;

/// <summary>For whoever runs the server: an account locked out, or a forgotten password, without needing the web.</summary>
internal sealed class UserPasswordCommand : LedgerCommand
{
    private readonly Argument<string> _email = Named("EMAIL", "The account");

    public UserPasswordCommand(CliServices cli)
        : base(cli, "password", "Give an account a new password (read from standard input); ends its sessions")
    {
        Arguments.Add(_email);
    }

    protected override async Task<int> RunAsync(Ledger ledger, ParseResult parse, CancellationToken cancellationToken)
    {
        var password = Cli.ReadLine();
        if (password.Length == 0)
            throw new UsageException("Give the new password on standard input, for example: printf '%s' 'a long passphrase' | ledger user password EMAIL");
        var user = await new SetUserPasswordHandler(ledger).HandleAsync(new SetUserPassword(parse.GetValue(_email)!, password), cancellationToken);
        return Show(parse, user, u => Output.Line($"{u.Email} has a new password; its sessions have ended."));
    }
}
