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

    /// <summary>
    /// Here <c>--actor</c> filters: listing the log changes nothing, so the global option's meaning ("record
    /// my changes as") has nothing to act on, while "whose changes?" is the question people ask of the log.
    /// The global option is not given to this command (see <see cref="LedgerCli"/>); typed before it
    /// (<c>ledger --actor X audit log</c>) it is refused, since it would do nothing.
    /// </summary>
    private readonly Option<string?> _actor = Optional("--actor", "Only the changes made by this actor (an operating-system user or a web account's email)", "NAME");

    public AuditLogCommand(CliServices cli)
        : base(cli, "log", "List the change log, oldest first")
    {
        Options.Add(_since);
        Options.Add(_actor);
        Validators.Add(result =>
        {
            if (result.GetResult(cli.Globals.Actor) is { Implicit: false })
                result.AddError("'ledger --actor NAME' records changes as NAME, and 'audit log' makes none; to list NAME's changes, write 'ledger audit log --actor NAME'.");
        });
    }

    protected override async Task<int> RunAsync(Ledger ledger, ParseResult parse, CancellationToken cancellationToken)
    {
        var request = new ListAuditLog(parse.GetValue(_since), Actor: parse.GetValue(_actor));
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
