using System.CommandLine;
using IntegrationLedger.Application;
using IntegrationLedger.Application.Features.ConnectedApps;
using IntegrationLedger.Cli.Infrastructure;

namespace IntegrationLedger.Cli.Commands.ConnectedApps;

/// <summary><c>ledger app set NAME [--integration I] [--vendor V]</c>: which integration claims an app, and its vendor.</summary>
internal sealed class AppSetCommand : LedgerCommand
{
    private readonly Argument<string> _name = Named("NAME", "The app's name, or its id (0H4...)");
    private readonly Option<string?> _integration = Optional("--integration", "The integration the app belongs to: it gains an attribution rule on the app's id", "INTEGRATION");
    private readonly Option<string?> _vendor = Optional("--vendor", "The app's vendor, when it is not its integration's", "VENDOR");

    public AppSetCommand(CliServices cli)
        : base(cli, "set", "Say which integration a connected app belongs to, and who its vendor is")
    {
        Arguments.Add(_name);
        Options.Add(_integration);
        Options.Add(_vendor);
    }

    protected override async Task<int> RunAsync(Ledger ledger, ParseResult parse, CancellationToken cancellationToken)
    {
        var result = await new SetConnectedAppHandler(ledger).HandleAsync(
            new SetConnectedApp(parse.GetValue(_name)!, parse.GetValue(_integration), parse.GetValue(_vendor)), cancellationToken);
        return Show(parse, result, r =>
        {
            Output.Line($"Connected app '{r.App}' belongs to {(r.Integration is null ? "no integration" : $"'{r.Integration}'")}; vendor {r.Vendor ?? "unknown"}.");
            if (r.RuleAdded)
                Output.Line($"'{r.Integration}' now claims the app by its id: its events and OAuth tokens imported from now on are attributed to it (those already imported keep their attribution).");
        });
    }
}
