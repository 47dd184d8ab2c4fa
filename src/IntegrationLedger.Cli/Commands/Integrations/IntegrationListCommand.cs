using IntegrationLedger.Application.Common;
using IntegrationLedger.Domain.Common;
using System.CommandLine;
using System.Globalization;
using IntegrationLedger.Application;
using IntegrationLedger.Application.Features.Integrations;
using IntegrationLedger.Cli.Infrastructure;

namespace IntegrationLedger.Cli.Commands.Integrations;

internal sealed class IntegrationListCommand : LedgerCommand
{
    public IntegrationListCommand(CliServices cli)
        : base(cli, "list", "List integrations with their owners, tokens in use and vetting")
    {
    }

    protected override async Task<int> RunAsync(Ledger ledger, ParseResult parse, CancellationToken cancellationToken)
    {
        var integrations = await new ListIntegrationsHandler(ledger).HandleAsync(cancellationToken);
        return Show(parse, integrations, list =>
        {
            var table = CliOutput.NewTable("Integration", "Vendor", "Owner", "Network", "Tokens", "Pending update", "Last vetted", "Next review");
            foreach (var i in list)
            {
                table.AddTextRow(i.Name, i.Vendor, i.OwnerEmail ?? "(no owner)", KebabCase.Of(i.Network), i.TokensInUse.ToString(CultureInfo.InvariantCulture),
                    i.PendingUpdates == 0 ? "" : i.PendingUpdates.ToString(CultureInfo.InvariantCulture), DisplayText.Date(i.LastVetted), DisplayText.Date(i.NextReviewOn));
            }
            Output.Write(table);
        });
    }
}
