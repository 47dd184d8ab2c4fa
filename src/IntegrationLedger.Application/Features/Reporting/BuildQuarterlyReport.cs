using System.Reflection;
using IntegrationLedger.Application.Common;
using IntegrationLedger.Application.Features.Reporting.Sheets;
using IntegrationLedger.Application.Features.Settings;
using IntegrationLedger.Application.Features.Reporting.Workbook;
using IntegrationLedger.Application.Persistence.Auditing.Verification;
using IntegrationLedger.Domain.Common;
using IntegrationLedger.Domain.Reviews;

namespace IntegrationLedger.Application.Features.Reporting;

/// <summary>
/// The auditor's workbook for one quarter, written to <see cref="OutPath"/>. With <see cref="AsOf"/> the
/// ledger is shown as it stood at that moment (if earlier than the quarter's end), as a report made then
/// would have shown it. <see cref="Preparer"/> and <see cref="Reviewer"/> are written on the Sign-off sheet beside
/// the cells they sign; without them the names are left to be written by hand.
/// </summary>
public sealed record BuildQuarterlyReport(Quarter Quarter, string OutPath, string? Organisation = null, DateTime? AsOf = null,
    string? Preparer = null, string? Reviewer = null);

public sealed record QuarterlyReportResult(string Path, string Quarter, IReadOnlyList<string> Sheets, long AuditEntries, string AuditHead, bool AuditVerified);

/// <summary>
/// Builds the quarterly audit workbook: reads what it shows (<see cref="QuarterlyReportReader"/>), then lays
/// it out and writes it (<see cref="QuarterlyWorkbookWriter"/>) as a <see cref="PendingOutputFile"/>, so no
/// half-written workbook carries the name asked for.
/// </summary>
public sealed class BuildQuarterlyReportHandler(Ledger ledger)
{
    public async Task<QuarterlyReportResult> HandleAsync(BuildQuarterlyReport request, CancellationToken cancellationToken = default)
    {
        using var output = PendingOutputFile.Begin(request.OutPath);
        var quarter = request.Quarter;
        // A quarter still running is reported up to and including this moment; --as-of moves the moment back.
        var now = request.AsOf is { } asOf && asOf < ledger.Now ? asOf : ledger.Now;
        if (quarter.StartUtc > now)
            throw new DomainException($"{quarter} has not begun{(request.AsOf is null ? "" : " by the --as-of moment")}; there is nothing to report yet.");
        var end = quarter.EndUtc <= now ? quarter.EndUtc : now.AddTicks(1);

        var data = await new QuarterlyReportReader(ledger).ReadAsync(quarter, end, cancellationToken);
        // Given for this workbook, else as the ledger keeps it (the web's admin page sets it).
        var organisation = request.Organisation ?? await OrganisationName.ReadAsync(ledger.Db, cancellationToken);
        var properties = new WorkbookProperties($"Integration ledger audit workbook {quarter}", ledger.Actor, organisation ?? "");
        IReadOnlyList<string> sheets;
        try
        {
            var chainAtBuild = data.Audit.Chain;
            var signOff = SignOffRow.For(organisation, quarter.ToString(), ledger.Actor, ledger.Now, chainAtBuild.EntryCount, chainAtBuild.HeadHash,
                NameOrNull(request.Preparer), NameOrNull(request.Reviewer));
            sheets = await QuarterlyWorkbookWriter.WriteAsync(ledger.Db, data, properties, Cover(request, organisation, data), signOff, output, cancellationToken);
            output.Commit();
        }
        catch (Exception exception) when (OutputFile.IsWriteFailure(exception))
        {
            throw output.CannotWrite(exception);
        }
        var chain = data.Audit.Chain;
        return new QuarterlyReportResult(output.FinalPath, quarter.ToString(), sheets, chain.EntryCount, chain.HeadHash, data.Audit.Verification.Holds);
    }

    private static string? NameOrNull(string? name) => string.IsNullOrWhiteSpace(name) ? null : name.Trim();

    /// <summary>How many differences between the tables and the log there are, and the first few, named (all of them: <c>ledger audit verify</c>).</summary>
    private static string TablesMatch(LedgerVerification verification)
    {
        const int Named = 5;
        var differences = verification.Differences;
        if (!verification.ChainHolds)
            return "NOT CHECKED: the audit chain does not verify";
        if (differences.Count == 0)
            return "yes";
        var more = differences.Count > Named ? $" ... and {differences.Count - Named} more (ledger audit verify lists them all)" : "";
        return $"NO: {differences.Count} difference{(differences.Count == 1 ? "" : "s")}: {string.Join(" ", differences.Take(Named).Select(d => d.Message))}{more}";
    }

    /// <summary>What the workbook is, and the audit chain it was made from, with the command that later proves it unchanged.</summary>
    private List<CoverRow> Cover(BuildQuarterlyReport request, string? organisation, QuarterlyReportData data)
    {
        var quarter = request.Quarter;
        var audit = data.Audit;
        var chain = audit.Chain;
        var version = typeof(Ledger).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
        return
        [
            new("Organisation", organisation ?? "(not given)"),
            new("Quarter", quarter.ToString()),
            // A quarter still running must not pass for a closed one: what follows is as of a moment, not the quarter's end.
            data.IsQuarterOver
                ? new("Quarter over", "yes: the figures are as at the end of the quarter")
                : new("Quarter over", $"NO: {data.AsAt}. Figures can still change before the quarter ends.", Alert: true),
            new("Period start (UTC)", quarter.StartUtc),
            new("Period end (UTC, exclusive)", quarter.EndUtc),
            new("Generated at (UTC)", ledger.Now),
            new("Generated by", ledger.Actor),
            new("Ledger version", version),
            new("Audit entries", chain.EntryCount),
            new("Audit chain head hash", chain.HeadHash),
            new("Audit entries up to the end of the period", audit.EntriesAtEnd),
            new("Hash of the last entry of the period", audit.HashAtEnd),
            new("Audit chain verified", chain.Holds ? "yes" : $"NO: {chain.Problem}", Alert: !chain.Holds),
            // Whoever holds the database can rewrite the chain so that it verifies again; it cannot make it
            // pass through this hash, which the auditor now keeps.
            new("Check later that the log was not rewritten", $"ledger audit verify --anchor {chain.EntryCount}:{chain.HeadHash}"),
            new("Tables match the audit log", TablesMatch(audit.Verification), Alert: !audit.Verification.Holds),
        ];
    }
}
