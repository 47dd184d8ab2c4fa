using System.CommandLine;
using IntegrationLedger.Application;
using IntegrationLedger.Application.Common.Security;
using IntegrationLedger.Cli.Infrastructure;

namespace IntegrationLedger.Cli.Commands.Setup;

/// <summary><c>ledger init</c>: create the ledger or bring its schema up to date. Safe to repeat.</summary>
internal sealed class InitCommand : Command
{
    public InitCommand(CliServices cli)
        : base("init", "Create the ledger, or migrate an existing one to the current schema (idempotent)")
    {
        SetAction(async (parse, cancellationToken) =>
        {
            var options = cli.LedgerOptions(parse);
            // An empty file (made by touch or mktemp) is not a ledger yet: init creates one in it.
            var existed = new FileInfo(options.DatabasePath) is { Exists: true, Length: > 0 };
            await using var ledger = await Ledger.InitializeAsync(options, cancellationToken);
            var state = !existed ? "Created" : ledger.MigrationsApplied.Count > 0 ? "Migrated" : "Up to date:";
            cli.Output.Line($"{state} ledger {options.DatabasePath}");
            if (ledger.BackupPath is { } backup)
                cli.Output.Line($"The ledger as it was before the migration is copied to {backup}.");
            if (options.KeyFromEnvironment is null)
                cli.Output.Line($"Key file: {LedgerKey.KeyFilePathFor(options.DatabasePath)} (back it up; without it tokens cannot be found by their secret)");
            return ExitCodes.Success;
        });
    }
}
