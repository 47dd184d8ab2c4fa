using System.CommandLine;
using System.Globalization;
using IntegrationLedger.Application;
using IntegrationLedger.Application.Features.Settings;
using IntegrationLedger.Cli.Infrastructure;

namespace IntegrationLedger.Cli.Commands.Settings;

internal sealed class SettingsListCommand : LedgerCommand
{
    public SettingsListCommand(CliServices cli)
        : base(cli, "list", "List the rules' thresholds with their values and defaults")
    {
    }

    protected override async Task<int> RunAsync(Ledger ledger, ParseResult parse, CancellationToken cancellationToken)
    {
        var settings = await new ListSettingsHandler(ledger).HandleAsync(cancellationToken);
        return Show(parse, settings, list =>
        {
            var table = CliOutput.NewTable("Setting", "Value", "Default", "Meaning");
            foreach (var s in list)
                table.AddTextRow(s.Name, s.Value.ToString(CultureInfo.InvariantCulture), s.Default.ToString(CultureInfo.InvariantCulture), s.Description);
            Output.Write(table);
        });
    }
}

internal sealed class SettingsSetCommand : LedgerCommand
{
    private readonly Argument<string> _name = Named("NAME", "The setting, as 'ledger settings list' names it");
    private readonly Argument<string> _value = Named("VALUE", "A whole number");

    public SettingsSetCommand(CliServices cli)
        : base(cli, "set", "Change a rule's threshold (audited)")
    {
        Arguments.Add(_name);
        Arguments.Add(_value);
    }

    protected override async Task<int> RunAsync(Ledger ledger, ParseResult parse, CancellationToken cancellationToken)
    {
        var setting = await new SetSettingHandler(ledger).HandleAsync(new SetSetting(parse.GetValue(_name)!, parse.GetValue(_value)!), cancellationToken);
        return Show(parse, setting, s => Output.Line($"{s.Name} is now {s.Value} (default {s.Default})."));
    }
}
