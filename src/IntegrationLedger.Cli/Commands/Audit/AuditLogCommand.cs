using IntegrationLedger.Application.Common;
using System.CommandLine;
using System.Globalization;
using IntegrationLedger.Application;
using IntegrationLedger.Application.Features.Audit;
using IntegrationLedger.Cli.Infrastructure;

namespace IntegrationLedger.Cli.Commands.Audit;

internal sealed class AuditLogCommand : LedgerCommand
{
    private readonly Option<DateTime?> _since = CliOptions.UtcTime("--since", "Only entries from this date or time on (UTC)");

    public AuditLogCommand(CliServices cli)
        : base(cli, "log", "List the change log, oldest first")
    {
        Options.Add(_since);
    }

    protected override async Task<int> RunAsync(Ledger ledger, ParseResult parse, CancellationToken cancellationToken)
    {
        var request = new ListAuditLog(parse.GetValue(_since));
        var entries = await new ListAuditLogHandler(ledger).HandleAsync(request, cancellationToken);
        return Show(parse, entries, list =>
        {
            var table = CliOutput.NewTable("#", "Time (UTC)", "Actor", "Action", "Entity", "Before", "After");
            foreach (var e in list)
            {
                table.AddTextRow(e.Sequence.ToString(CultureInfo.InvariantCulture), DisplayText.Time(e.OccurredAt), e.Actor, e.Action, $"{e.EntityType} {e.EntityId}", e.Before, e.After);
            }
            Output.Write(table);
        });
    }
}
