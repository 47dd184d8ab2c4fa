using System.CommandLine;
using IntegrationLedger.Application;
using IntegrationLedger.Application.Features.Audit;
using IntegrationLedger.Cli.Infrastructure;

namespace IntegrationLedger.Cli.Commands.Audit;

internal sealed class AuditVerifyCommand : LedgerCommand
{
    public AuditVerifyCommand(CliServices cli)
        : base(cli, "verify", "Prove the change log's hash chain (exit 0 when it holds, 3 when it is broken)")
    {
    }

    protected override async Task<int> RunAsync(Ledger ledger, ParseResult parse, CancellationToken cancellationToken)
    {
        var report = await new VerifyAuditChainHandler(ledger).HandleAsync(cancellationToken);
        if (WantsJson(parse))
            Output.WriteJson(report);
        else if (report.Holds)
            Output.Line($"The audit chain holds: {report.EntryCount} entries, head hash {report.HeadHash}.");
        else
            Cli.Environment.Error.WriteLine($"The audit chain is broken at entry {report.FirstBadSequence}: {report.Problem}. The {report.EntryCount} entries before it verify.");
        return report.Holds ? ExitCodes.Success : ExitCodes.IntegrityFailure;
    }
}
