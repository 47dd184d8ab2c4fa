using System.CommandLine;
using IntegrationLedger.Application;
using IntegrationLedger.Application.Features.Integrations;
using IntegrationLedger.Cli.Infrastructure;
using IntegrationLedger.Domain.Integrations;

namespace IntegrationLedger.Cli.Commands.Integrations;

internal sealed class IntegrationAddCommand : LedgerCommand
{
    private readonly Option<string> _name = Required("--name", "The integration's name, its key in the ledger", "NAME");
    private readonly Option<string?> _vendor = Optional("--vendor", "Who makes or runs it", "TEXT");
    private readonly Option<string?> _owner = Optional("--owner", "The person who answers for it", "EMAIL");
    private readonly Option<string?> _purpose = Optional("--purpose", "What it does and why it needs access", "TEXT");
    private readonly Option<string?> _environment = Optional("--environment", "production (default), sandbox, ...", "NAME");
    private readonly Option<NetworkTrust> _network = CliOptions.Choice<NetworkTrust>(
        "--network", "Whether it connects from a trusted network (no security token needed) or not", defaultValue: NetworkTrust.Untrusted);
    private readonly Option<string[]> _allowCidr = Multiple("--allow-cidr", "A network it may connect from, e.g. 192.0.2.0/24 (repeatable)", "CIDR");
    private readonly Option<string[]> _matchAccount = Multiple("--match-account", "Activity by this account username is this integration's (repeatable)", "USERNAME");
    private readonly Option<string[]> _matchApp = Multiple("--match-app", "Activity from this application or connected app name (repeatable)", "NAME");
    private readonly Option<string[]> _matchConnectedApp = Multiple("--match-connected-app-id", "Activity from this connected app id (repeatable)", "ID");
    private readonly Option<string[]> _matchClient = Multiple("--match-client", "Activity with this API client name (repeatable)", "NAME");
    private readonly Option<string[]> _matchSourceIp = Multiple("--match-source-ip", "Activity from this network (repeatable)", "CIDR");

    public IntegrationAddCommand(CliServices cli)
        : base(cli, "add", "Record an integration with its attribution rules and allowed networks")
    {
        foreach (var option in new Option[] { _name, _vendor, _owner, _purpose, _environment, _network, _allowCidr, _matchAccount, _matchApp, _matchConnectedApp, _matchClient, _matchSourceIp })
            Options.Add(option);
    }

    protected override async Task<int> RunAsync(Ledger ledger, ParseResult parse, CancellationToken cancellationToken)
    {
        AttributionRuleSpec[] rules =
        [
            .. AttributionRuleSpec.Each(AttributionRuleKind.Account, parse.GetValue(_matchAccount)),
            .. AttributionRuleSpec.Each(AttributionRuleKind.Application, parse.GetValue(_matchApp)),
            .. AttributionRuleSpec.Each(AttributionRuleKind.ConnectedAppId, parse.GetValue(_matchConnectedApp)),
            .. AttributionRuleSpec.Each(AttributionRuleKind.ClientName, parse.GetValue(_matchClient)),
            .. AttributionRuleSpec.Each(AttributionRuleKind.SourceIp, parse.GetValue(_matchSourceIp)),
        ];

        var request = new AddIntegration(
            parse.GetValue(_name)!,
            parse.GetValue(_vendor),
            parse.GetValue(_owner),
            parse.GetValue(_purpose),
            parse.GetValue(_environment),
            parse.GetValue(_network),
            parse.GetValue(_allowCidr) ?? [],
            rules);
        var integration = await new AddIntegrationHandler(ledger).HandleAsync(request, cancellationToken);
        return Show(parse, integration, i => Output.Line(
            $"Added integration '{i.Name}' with {i.Rules.Count} attribution rule(s) and {i.AllowedNetworks.Count} allowed network(s)."));
    }

    private static Option<string[]> Multiple(string name, string description, string helpName) =>
        new(name) { Description = description, HelpName = helpName, Arity = ArgumentArity.ZeroOrMore };
}
