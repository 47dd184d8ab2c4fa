using System.CommandLine;
using IntegrationLedger.Application;
using IntegrationLedger.Application.Features.Audit;
using IntegrationLedger.Cli.Infrastructure;
using IntegrationLedger.Domain.Auditing;

namespace IntegrationLedger.Cli.Commands.Audit;

internal sealed class AuditVerifyCommand : LedgerCommand
{
    private readonly Option<ChainAnchor?> _anchor = CliOptions.Parsed<ChainAnchor?>("--anchor",
        "An earlier workbook's audit entry count and head hash; the chain must still pass through it (catches a rewritten chain)",
        "ENTRIES:HASH",
        (string text, out ChainAnchor? anchor) => (anchor = ChainAnchor.TryParse(text)) is not null,
        (option, text) => $"{option} '{text}' is not ENTRIES:HASH (a whole number, a colon and a 64-character hex hash, as on a workbook's cover).");

    public AuditVerifyCommand(CliServices cli)
        : base(cli, "verify", "Prove the change log's hash chain (exit 0 when it holds, 3 when it is broken)")
    {
        Options.Add(_anchor);
    }

    protected override async Task<int> RunAsync(Ledger ledger, ParseResult parse, CancellationToken cancellationToken)
    {
        var report = await new VerifyAuditChainHandler(ledger).HandleAsync(parse.GetValue(_anchor), cancellationToken);
        if (WantsJson(parse))
            Output.WriteJson(report);
        else if (report.Holds)
            Output.Line($"The audit chain holds: {report.EntryCount} entries, head hash {report.HeadHash}.");
        else
            Cli.Environment.Error.WriteLine($"The audit chain is broken at entry {report.FirstBadSequence}: {report.Problem}. The {report.EntryCount} entries before it verify.");
        return report.Holds ? ExitCodes.Success : ExitCodes.IntegrityFailure;
    }
}
