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
        : base(cli, "verify", "Prove the change log's hash chain and that the tables hold what it says (exit 0 when both hold, 3 when not)")
    {
        Options.Add(_anchor);
    }

    protected override async Task<int> RunAsync(Ledger ledger, ParseResult parse, CancellationToken cancellationToken)
    {
        var report = await new VerifyLedgerHandler(ledger).HandleAsync(new VerifyLedger(parse.GetValue(_anchor)), cancellationToken);
        if (WantsJson(parse))
        {
            Output.WriteJson(report);
            return report.Holds ? ExitCodes.Success : ExitCodes.IntegrityFailure;
        }

        var error = Cli.Environment.Error;
        if (!report.ChainHolds)
            error.WriteLine($"The audit chain is broken at entry {report.FirstBadSequence}: {report.Problem}. The {report.EntryCount} entries before it verify.");
        else if (report.Differences.Count == 0)
            Output.Line($"The audit chain holds: {report.EntryCount} entries, head hash {report.HeadHash}. The tables hold what it records.");
        else
        {
            error.WriteLine($"The audit chain holds ({report.EntryCount} entries, head hash {report.HeadHash}), but the tables differ from it in {report.Differences.Count} place{(report.Differences.Count == 1 ? "" : "s")}:");
            foreach (var difference in report.Differences)
                error.WriteLine($"  {difference.Message}");
        }
        foreach (var note in report.Notes)
            error.WriteLine($"Note: {note}");
        return report.Holds ? ExitCodes.Success : ExitCodes.IntegrityFailure;
    }
}
