using System.CommandLine;
using IntegrationLedger.Application;
using IntegrationLedger.Application.Features.Reporting;
using IntegrationLedger.Cli.Infrastructure;
using IntegrationLedger.Domain.Reviews;

namespace IntegrationLedger.Cli.Commands.Reporting;

/// <summary><c>ledger report quarterly --quarter 2026-Q3 --out FILE.xlsx [--preparer NAME] [--reviewer NAME]</c>.</summary>
internal sealed class ReportQuarterlyCommand : LedgerCommand
{
    private readonly Option<Quarter> _quarter = CliOptions.Quarter("--quarter", "The quarter: 2026-Q3, 2026Q3 or Q3-2026");
    private readonly Option<string> _out = Required("--out", "The workbook to write (.xlsx)", "FILE");
    private readonly Option<string?> _organisation = Optional("--organisation", "The organisation's name for the cover", "NAME");
    private readonly Option<string?> _preparer = Optional("--preparer", "Who prepared the workbook, written on its Sign-off sheet (else left to write by hand)", "NAME");
    private readonly Option<string?> _reviewer = Optional("--reviewer", "Who reviews it, written on its Sign-off sheet (else left to write by hand)", "NAME");
    private readonly Option<DateTime?> _asOf = CliOptions.UtcTime("--as-of", "Show the ledger as it stood at this date or time (UTC), if before the quarter's end");

    public ReportQuarterlyCommand(CliServices cli)
        : base(cli, "quarterly", "Write the auditor's quarterly workbook")
    {
        Options.Add(_quarter);
        Options.Add(_out);
        Options.Add(_organisation);
        Options.Add(_asOf);
        Options.Add(_preparer);
        Options.Add(_reviewer);
    }

    protected override async Task<int> RunAsync(Ledger ledger, ParseResult parse, CancellationToken cancellationToken)
    {
        var request = new BuildQuarterlyReport(parse.GetValue(_quarter), parse.GetValue(_out)!, parse.GetValue(_organisation),
            parse.GetValue(_asOf), parse.GetValue(_preparer), parse.GetValue(_reviewer));
        var result = await new BuildQuarterlyReportHandler(ledger).HandleAsync(request, cancellationToken);
        return Show(parse, result, r => Output.Line(
            $"Wrote the {r.Quarter} workbook to {r.Path}: {string.Join(", ", r.Sheets)}. Audit log {(r.AuditVerified ? "verified" : "NOT verified (ledger audit verify says why)")}, {r.AuditEntries} entries, head {r.AuditHead}."));
    }
}
