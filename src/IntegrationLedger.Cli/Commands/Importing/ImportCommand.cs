using System.CommandLine;
using System.Globalization;
using IntegrationLedger.Application;
using IntegrationLedger.Application.Features.Importing;
using IntegrationLedger.Application.Features.Importing.Formats;
using IntegrationLedger.Cli.Infrastructure;
using Spectre.Console;

namespace IntegrationLedger.Cli.Commands.Importing;

/// <summary><c>ledger import FORMAT FILE</c>: a platform export, all or nothing, idempotent.</summary>
internal sealed class ImportCommand : LedgerCommand
{
    private const long ProgressBarFromBytes = 8 << 20;

    private readonly Argument<string> _format = Named("FORMAT", $"auto, or one of {string.Join(", ", ImportFormatDetector.AllNames)}");
    private readonly Argument<string> _file = Named("FILE", "The CSV file to import");
    private readonly Option<bool> _dryRun = new("--dry-run") { Description = "Check every row and report what would change; write nothing" };
    private readonly Option<bool> _skipInvalid = new("--skip-invalid") { Description = "Import the good rows of a file that has bad ones" };
    private readonly Option<string?> _timeZone = Optional("--time-zone", "The zone of times that carry none (Setup downloads), such as America/New_York", "ZONE");
    private readonly Option<bool> _dayFirst = new("--day-first") { Description = "Dates with slashes put the day first (28/11/2026), as a non-US locale exports them" };
    private readonly Option<string?> _errors = Optional("--errors", "Write every rejected row with its line, field and reason to this CSV file", "OUT.csv");

    public ImportCommand(CliServices cli)
        : base(cli, "import", "Import a usage export or an inventory template (validated, all or nothing, idempotent)")
    {
        Arguments.Add(_format);
        Arguments.Add(_file);
        foreach (var option in new Option[] { _dryRun, _skipInvalid, _timeZone, _dayFirst, _errors })
            Options.Add(option);
    }

    protected override async Task<int> RunAsync(Ledger ledger, ParseResult parse, CancellationToken cancellationToken)
    {
        var format = parse.GetValue(_format)!;
        var path = parse.GetValue(_file)!;
        var detected = string.Equals(format, UsageFormats.Auto, StringComparison.OrdinalIgnoreCase);
        if (detected)
            format = ImportFormatDetector.Detect(path);
        if (ImportFormatDetector.IsInventoryTemplate(format))
            return await ImportInventoryAsync(ledger, parse, format, path, detected, cancellationToken);

        var request = new ImportUsageFile(
            format,
            parse.GetValue(_file)!,
            parse.GetValue(_timeZone),
            parse.GetValue(_dryRun),
            parse.GetValue(_skipInvalid),
            parse.GetValue(_errors),
            parse.GetValue(_dayFirst));
        var handler = new ImportUsageFileHandler(ledger);
        var result = Cli.Environment.OutputIsTerminal && !WantsJson(parse) && SizeOf(request.Path) >= ProgressBarFromBytes
            ? await WithProgressBarAsync(request, handler, cancellationToken)
            : await handler.HandleAsync(request, null, cancellationToken);

        result = result with { FormatDetected = detected };
        if (WantsJson(parse))
            Output.WriteJson(result);
        else
            Render(result);
        ReportErrors(result.File, result.Errors, result.ErrorCount, result.Rejected ? result.Counts.Rejected : 0);
        return result.Rejected || (result.DryRun && result.Counts.Rejected > 0) ? ExitCodes.BadInput : ExitCodes.Success;
    }

    private async Task<int> ImportInventoryAsync(Ledger ledger, ParseResult parse, string template, string path, bool detected, CancellationToken cancellationToken)
    {
        var request = new ImportInventoryFile(template, path, parse.GetValue(_dryRun), parse.GetValue(_skipInvalid), parse.GetValue(_errors));
        var result = await new ImportInventoryFileHandler(ledger).HandleAsync(request, cancellationToken);
        if (WantsJson(parse))
        {
            Output.WriteJson(result);
        }
        else
        {
            var c = result.Counts;
            var outcome = result.DryRun ? "Dry run, nothing written" : result.Committed ? "Imported" : "Rejected, nothing imported";
            Output.Line($"{outcome}: {Path.GetFileName(path)} as the {template} template{(detected ? " (recognised from the header)" : "")}.");
            Output.Line(result.Rejected
                ? FormattableString.Invariant($"  read {c.Read}, rejected {c.Rejected}, changed nothing")
                : FormattableString.Invariant($"  read {c.Read}, created {c.Created}, updated {c.Updated}, unchanged {c.Unchanged}, rejected {c.Rejected}"));
        }
        ReportErrors(path, result.Errors, result.Errors.Count, result.Rejected ? result.Counts.Rejected : 0);
        return result.Rejected || (result.DryRun && result.Counts.Rejected > 0) ? ExitCodes.BadInput : ExitCodes.Success;
    }

    private async Task<ImportResult> WithProgressBarAsync(ImportUsageFile request, ImportUsageFileHandler handler, CancellationToken cancellationToken)
    {
        ImportResult? result = null;
        await Output.Console.Progress().AutoClear(true).StartAsync(async progress =>
        {
            var task = progress.AddTask($"Importing {Path.GetFileName(request.Path)}", maxValue: Math.Max(1, SizeOf(request.Path)));
            var reporter = new Progress<ImportProgress>(p => task.Value = p.BytesRead);
            result = await handler.HandleAsync(request, reporter, cancellationToken);
            task.Value = task.MaxValue;
        });
        return result!;
    }

    private void Render(ImportResult result)
    {
        var c = result.Counts;
        var how = result.FormatDetected ? $"{result.Format} (recognised from the header)" : result.Format;
        var outcome = result.DryRun ? "Dry run, nothing written" : result.Committed ? "Imported" : "Rejected, nothing imported";
        Output.Line($"{outcome}: {Path.GetFileName(result.File)} as {how}.");
        // A rejected file added nothing (every figure but the rejected rows is 0); what its good rows would
        // have done is for a dry run to say.
        Output.Line(result.Rejected
            ? FormattableString.Invariant($"  read {c.Read}, added 0, duplicates 0, rejected {c.Rejected}, attributed 0, unattributed 0")
            : FormattableString.Invariant($"  read {c.Read}, {(result.DryRun ? "would add" : "added")} {c.Added}, duplicates {c.Duplicates}, rejected {c.Rejected}, attributed {c.Attributed}, unattributed {c.Unattributed}"));
        if (result.FooterLines > 0)
            Output.Line($"  ({result.FooterLines} report footer line(s) set aside)");
        if (result.Unattributed.Count > 0 && !result.Rejected)
        {
            Output.Line("Unattributed activity, by account, application and source (undocumented integrations show up here):");
            var table = CliOutput.NewTable("Account", "Application or client", "Source IP", "Events");
            foreach (var group in result.Unattributed.Take(20))
                table.AddTextRow(group.Account, group.Application, group.SourceIp, group.Events.ToString(CultureInfo.InvariantCulture));
            Output.Write(table);
            if (result.Unattributed.Count > 20)
                Output.Line($"  ... and {result.Unattributed.Count - 20} more groups (--json lists them all)");
        }
    }

    /// <summary>Every bad row on standard error: file, line, field and reason.</summary>
    private void ReportErrors(string file, IReadOnlyList<Application.Features.Importing.RowError> errors, long errorCount, long rejectedRows)
    {
        var error = Cli.Environment.Error;
        foreach (var row in errors)
            error.WriteLine($"{file}, line {row.Line}, {row.Field}: {row.Reason}.");
        if (errorCount > errors.Count)
            error.WriteLine($"... and {errorCount - errors.Count} more errors (write them all with --errors OUT.csv).");
        if (rejectedRows > 0)
            error.WriteLine($"{file}: {rejectedRows} bad row(s); nothing was imported. Fix them, or import the good rows with --skip-invalid.");
    }

    private static long SizeOf(string path) => File.Exists(path) ? new FileInfo(path).Length : 0;
}
