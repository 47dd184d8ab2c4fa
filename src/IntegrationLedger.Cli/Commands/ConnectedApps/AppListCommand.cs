using System.CommandLine;
using System.Globalization;
using IntegrationLedger.Application;
using IntegrationLedger.Application.Common;
using IntegrationLedger.Application.Features.ConnectedApps;
using IntegrationLedger.Cli.Infrastructure;

namespace IntegrationLedger.Cli.Commands.ConnectedApps;

/// <summary><c>ledger app list [--vendor V]</c>: connected apps with their integration, vendor, policy, token holders and last use.</summary>
internal sealed class AppListCommand : LedgerCommand
{
    private readonly Option<string?> _vendor = Optional("--vendor", "Only this vendor's apps", "VENDOR");

    public AppListCommand(CliServices cli)
        : base(cli, "list", "List connected apps: integration, vendor, policy, OAuth token holders and last use")
    {
        Options.Add(_vendor);
    }

    protected override async Task<int> RunAsync(Ledger ledger, ParseResult parse, CancellationToken cancellationToken)
    {
        var apps = await new ListConnectedAppsHandler(ledger).HandleAsync(parse.GetValue(_vendor), cancellationToken);
        return Show(parse, apps, list =>
        {
            var table = CliOutput.NewTable("App", "Id", "Integration", "Vendor", "Permitted users", "Refresh tokens", "Holders", "Tokens", "Events", "Last used");
            foreach (var a in list)
            {
                table.AddTextRow(a.Name, a.SalesforceId ?? "", a.Integration ?? "(none claims it)", a.Vendor ?? "",
                    AppWording.PermittedUsers(a.AdminApprovedUsersOnly, a.Registered), AppWording.RefreshTokens(a.RefreshTokenValidity, a.RefreshTokenValidityFromLastUse, a.Registered),
                    a.Users.ToString(CultureInfo.InvariantCulture), a.Tokens.ToString("N0", CultureInfo.InvariantCulture),
                    a.Events.ToString("N0", CultureInfo.InvariantCulture), DisplayText.Date(a.LastUsedAt));
            }
            Output.Write(table);
            Output.Line($"{list.Count} connected app(s). Details: ledger app show NAME; claim one for an integration: ledger app set NAME --integration INTEGRATION");
        });
    }
}
