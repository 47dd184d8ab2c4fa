using IntegrationLedger.Cli;
using IntegrationLedger.Cli.Infrastructure;

return await LedgerCli.RunAsync(args, CliEnvironment.FromProcess());
