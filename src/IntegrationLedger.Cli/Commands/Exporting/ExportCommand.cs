using IntegrationLedger.Domain.Common;
using System.CommandLine;
using IntegrationLedger.Application;
using IntegrationLedger.Application.Features.Exporting;
using IntegrationLedger.Cli.Infrastructure;

namespace IntegrationLedger.Cli.Commands.Exporting;

/// <summary><c>ledger export TABLE --format csv|json --out FILE</c>.</summary>
internal sealed class ExportCommand : LedgerCommand
{
    private readonly Argument<string> _table = Named("TABLE", string.Join(", ", ExportTables.All.Select(t => t.Name)));
    private readonly Option<ExportFormat> _format = CliOptions.Choice<ExportFormat>("--format", "csv (formulas neutralised) or json (times in ISO 8601 UTC)");
    private readonly Option<string> _out = Required("--out", "The file to write; it appears only once complete", "FILE");

    public ExportCommand(CliServices cli)
        : base(cli, "export", "Export a table for scripts and auditors: tokens, integrations, usages, events, findings, audit")
    {
        _table.AcceptOnlyFromAmong([.. ExportTables.All.Select(t => t.Name)]);
        Arguments.Add(_table);
        Options.Add(_format);
        Options.Add(_out);
    }

    protected override async Task<int> RunAsync(Ledger ledger, ParseResult parse, CancellationToken cancellationToken)
    {
        var request = new ExportTableToFile(parse.GetValue(_table)!, parse.GetValue(_format), parse.GetValue(_out)!);
        var result = await new ExportTableToFileHandler(ledger).HandleAsync(request, cancellationToken);
        return Show(parse, result, r => Output.Line($"Exported {r.Rows} {r.Table} row(s) as {KebabCase.Of(r.Format)} to {r.Path}."));
    }
}
