using System.CommandLine;
using System.Globalization;
using FluentValidation;
using FluentValidation.Results;
using IntegrationLedger.Application;
using IntegrationLedger.Application.Features.Importing;
using IntegrationLedger.Application.Features.Importing.Inventory;
using IntegrationLedger.Cli.Infrastructure;
using Spectre.Console;

namespace IntegrationLedger.Cli.Commands.Importing;

/// <summary>
/// <c>ledger import FORMAT PATH...</c>: a platform export or an inventory template, all or nothing, idempotent;
/// CSV with any of the usual separators, gzip or zip of one, or (for a template) an Excel workbook. Several
/// files, folders or a zip of a download are a run: each file on its own, summed up in one table
/// (<see cref="ImportSetOutput"/>).
/// </summary>
internal sealed class ImportCommand : LedgerCommand
{
    private const long ProgressBarFromBytes = 8 << 20;
    private const int ShownGroups = 20;

    private readonly Argument<string> _format = Named("FORMAT", $"auto, or one of {string.Join(", ", ImportFormats.AllNames)}");
    private readonly Argument<string[]> _paths = new("PATH")
    {
        Description =
            "The file to import: CSV separated by commas, semicolons or tabs, or that CSV gzipped or alone in a zip; " +
            "an inventory template may also be an Excel workbook (.xlsx). What the file is comes from its content, not its name. " +
            "Several files, folders (read recursively) or a zip of a download import each file on its own, with one summary",
        Arity = ArgumentArity.OneOrMore,
    };
    private readonly Option<bool> _dryRun = new("--dry-run") { Description = "Check every row and report what would change; write nothing" };
    private readonly Option<bool> _skipInvalid = new("--skip-invalid") { Description = "Import the good rows of a file that has bad ones" };
    private readonly Option<string?> _timeZone = Optional("--time-zone", "The zone of times that carry none (Setup downloads), such as America/New_York", "ZONE");
    private readonly Option<bool> _dayFirst = new("--day-first") { Description = "Dates with slashes put the day first (28/11/2026), as a non-US locale exports them" };
    private readonly Option<DateTime?> _asOf = CliOptions.UtcTime("--as-of", "The moment an access export (sf-users, sf-permission-sets, sf-mfa, sf-user-logins) describes, when it is not the file's own time: YYYY-MM-DD (midnight UTC) or an ISO time with its zone");
    private readonly Option<string?> _errors = Optional("--errors", "Write every rejected row with its line, field and reason to this CSV file", "OUT.csv");

    public ImportCommand(CliServices cli)
        : base(cli, "import", "Import a usage export or an inventory template: CSV (plain, .gz or .zip) or, for a template, .xlsx (validated, all or nothing, idempotent); several files, folders or a zip of a download each on its own, with one summary")
    {
        Arguments.Add(_format);
        Arguments.Add(_paths);
        foreach (var option in new Option[] { _dryRun, _skipInvalid, _timeZone, _dayFirst, _asOf, _errors })
            Options.Add(option);
        Validators.Add(RefuseExportOptionsForTemplates);
    }

    /// <summary>
    /// An inventory template writes its dates as YYYY-MM-DD and times with their zone, so --time-zone and
    /// --day-first would change nothing: refused when the format named is a template. (With auto the kind
    /// of file is known only once it is read; there they are simply not needed.)
    /// </summary>
    private void RefuseExportOptionsForTemplates(System.CommandLine.Parsing.CommandResult result)
    {
        if (result.GetValue(_format) is not { } name || InventoryTemplates.Find(name) is null)
            return;
        foreach (var option in new Option[] { _timeZone, _dayFirst })
        {
            if (result.GetResult(option) is { Implicit: false })
                result.AddError($"{option.Name} applies only to platform exports; the {name} template writes dates as YYYY-MM-DD and times with their zone.");
        }
    }

    protected override async Task<int> RunAsync(Ledger ledger, ParseResult parse, CancellationToken cancellationToken)
    {
        var paths = parse.GetValue(_paths)!;
        if (!ImportSet.IsSingleFile(paths))
            return await new ImportSetOutput(Cli, WantsJson(parse)).RunAsync(ledger, SetOf(paths, parse), cancellationToken);

        var request = new ImportFile(
            parse.GetValue(_format)!,
            paths[0],
            parse.GetValue(_timeZone),
            parse.GetValue(_dryRun),
            parse.GetValue(_skipInvalid),
            parse.GetValue(_errors),
            parse.GetValue(_dayFirst),
            CommandLineWording.Import,
            AsOf: parse.GetValue(_asOf));
        var handler = new ImportFileHandler(ledger);
        var outcome = Cli.Environment.OutputIsTerminal && !WantsJson(parse) && SizeOf(request.Path) >= ProgressBarFromBytes
            ? await WithProgressBarAsync(request, handler, cancellationToken)
            : await handler.HandleAsync(request, null, cancellationToken);

        // Scripts read the details of the file's kind, as they always have.
        if (WantsJson(parse))
            Output.WriteJson(outcome.Details);
        else
            Render(outcome);
        ReportErrors(outcome);
        return outcome.HasUncommittedBadRows ? ExitCodes.BadInput : ExitCodes.Success;
    }

    private ImportSet SetOf(string[] paths, ParseResult parse)
    {
        // One file's rejected rows have its own columns; a run's files each have theirs.
        if (parse.GetValue(_errors) is not null)
        {
            throw new ValidationException([new ValidationFailure("errors",
                "--errors writes the rejected rows of one file; the summary of a run names the files refused: import each of them on its own with --errors.")]);
        }
        return new ImportSet(parse.GetValue(_format)!, paths, parse.GetValue(_timeZone), parse.GetValue(_dryRun), parse.GetValue(_skipInvalid), parse.GetValue(_dayFirst), CommandLineWording.Import)
        {
            AsOf = parse.GetValue(_asOf),
        };
    }

    private async Task<ImportOutcome> WithProgressBarAsync(ImportFile request, ImportFileHandler handler, CancellationToken cancellationToken)
    {
        ImportOutcome? outcome = null;
        await Output.Console.Progress().AutoClear(true).StartAsync(async progress =>
        {
            // A task's description is Spectre markup: the file's name is escaped, and its control characters shown.
            var description = Markup.Escape($"Importing {VisibleText.Of(Path.GetFileName(request.Path))}");
            var task = progress.AddTask(description, maxValue: Math.Max(1, SizeOf(request.Path)));
            var reporter = new Progress<ImportProgress>(p => task.Value = p.BytesRead);
            outcome = await handler.HandleAsync(request, reporter, cancellationToken);
            task.Value = task.MaxValue;
        });
        return outcome!;
    }

    private void Render(ImportOutcome outcome)
    {
        var summary = ImportSummary.Of(outcome);
        Output.Line(summary.Heading);
        Output.Line("  " + summary.Figures);
        if (summary.Note is { } note)
            Output.Line(note);
        if (outcome.Access is { Rejected: false, Changes.Count: > 0 } access)
        {
            Output.Line("Changed access (each change is in the audit log):");
            var changes = CliOutput.NewTable("Account", "What changed");
            foreach (var change in access.Changes.Take(ShownGroups))
                changes.AddTextRow(change.Username, change.Changes);
            Output.Write(changes);
            if (access.Changes.Count > ShownGroups)
                Output.Line($"  ... and {access.Changes.Count - ShownGroups} more accounts (--json lists them all)");
        }
        if (outcome.Usage is not { Rejected: false } result)
            return;
        if (result.FooterLines > 0)
            Output.Line($"  ({result.FooterLines} report footer line(s) set aside)");
        if (result.AttributedTo.Count > 0)
        {
            Output.Line("Attributed to:");
            var table = CliOutput.NewTable("Integration", "Events");
            foreach (var integration in result.AttributedTo.Take(ShownGroups))
                table.AddTextRow(integration.Integration, integration.Events.ToString(CultureInfo.InvariantCulture));
            Output.Write(table);
            if (result.AttributedTo.Count > ShownGroups)
                Output.Line($"  ... and {result.AttributedTo.Count - ShownGroups} more integrations (--json lists them all)");
        }
        if (result.Unattributed.Count > 0)
        {
            Output.Line("Unattributed activity, by account, application and source (undocumented integrations show up here):");
            var table = CliOutput.NewTable("Account", "Application or client", "Source IP", "Events");
            foreach (var group in result.Unattributed.Take(ShownGroups))
                table.AddTextRow(group.Account, group.Application, group.SourceIp, group.Events.ToString(CultureInfo.InvariantCulture));
            Output.Write(table);
            if (result.Unattributed.Count > ShownGroups)
                Output.Line($"  ... and {result.Unattributed.Count - ShownGroups} more groups (--json lists them all)");
        }
    }

    /// <summary>Every bad row on standard error: file, line, field and reason.</summary>
    private void ReportErrors(ImportOutcome outcome)
    {
        var error = Cli.Environment.Error;
        foreach (var row in outcome.Errors)
            error.WriteLine($"{outcome.Source.At(row.Line, row.Field)}: {row.Reason}.");
        if (outcome.ErrorCount > outcome.Errors.Count)
            error.WriteLine($"... and {outcome.ErrorCount - outcome.Errors.Count} more errors (write them all with --errors OUT.csv).");
        if (outcome.Rejected)
            error.WriteLine($"{outcome.Source.Name}: {outcome.RejectedRows} bad row(s); nothing was imported. Fix them, or import the good rows with --skip-invalid.");
    }

    private static long SizeOf(string path) => File.Exists(path) ? new FileInfo(path).Length : 0;
}
