using System.CommandLine;
using IntegrationLedger.Cli.Demo;
using IntegrationLedger.Cli.Infrastructure;

namespace IntegrationLedger.Cli.Commands.Setup;

/// <summary><c>ledger demo --out DIR</c>: a demonstration ledger of a small organisation, built through the real use cases.</summary>
internal sealed class DemoCommand : Command
{
    private readonly Option<string> _out = new("--out") { Description = "The folder to build the demonstration ledger in", Required = true, HelpName = "DIR" };
    private readonly Option<string?> _samples = new("--samples") { Description = "The samples folder (default: the one shipped with ledger)", HelpName = "DIR" };

    public DemoCommand(CliServices cli)
        : base("demo", "Build a demonstration ledger from samples/ and print what it holds")
    {
        Options.Add(_out);
        Options.Add(_samples);
        SetAction(async (parse, cancellationToken) =>
        {
            var builder = new DemoLedgerBuilder(cli, parse.GetValue(_samples) ?? DemoLedgerBuilder.DefaultSamplesFolder);
            return await builder.BuildAsync(parse.GetValue(_out)!, cli.LedgerOptions(parse), cancellationToken);
        });
    }
}
