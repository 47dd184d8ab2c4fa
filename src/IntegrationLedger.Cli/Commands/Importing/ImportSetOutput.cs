using System.Globalization;
using IntegrationLedger.Application;
using IntegrationLedger.Application.Common;
using IntegrationLedger.Application.Features.Importing;
using IntegrationLedger.Cli.Infrastructure;
using Spectre.Console;

namespace IntegrationLedger.Cli.Commands.Importing;

/// <summary>
/// A run of several files on the command line: a progress bar over the whole set on a terminal, then one
/// table (a line per file: format, read, added, duplicates, set aside, rejected, and a total), where the
/// activity went, and each refused file's reasons on standard error. Exit 0 when every file was imported
/// or set aside, 2 when any was refused (the others are imported all the same).
/// </summary>
internal sealed class ImportSetOutput(CliServices cli, bool json)
{
    /// <summary>Bad rows shown per refused file; importing that file on its own with --errors writes them all.</summary>
    private const int ErrorsShownPerFile = 10;

    private const int ShownGroups = 20;

    /// <summary>How much of a note the table shows; a refused file's whole reason follows on standard error.</summary>
    private const int NoteShown = 100;

    private CliOutput Output => cli.Output;

    public async Task<int> RunAsync(Ledger ledger, ImportSet request, CancellationToken cancellationToken)
    {
        var handler = new ImportSetHandler(ledger);
        var result = cli.Environment.OutputIsTerminal && !json
            ? await WithProgressBarAsync(handler, request, cancellationToken)
            : await handler.HandleAsync(request, null, cancellationToken);
        if (json)
            Output.WriteJson(Json(result));
        else
            Render(result);
        ReportRefusals(result);
        return result.AllTaken ? ExitCodes.Success : ExitCodes.BadInput;
    }

    private async Task<ImportSetResult> WithProgressBarAsync(ImportSetHandler handler, ImportSet request, CancellationToken cancellationToken)
    {
        ImportSetResult? result = null;
        await Output.Console.Progress().AutoClear(true).StartAsync(async progress =>
        {
            var task = progress.AddTask("Importing", maxValue: 1);
            var reporter = new SynchronousProgress<ImportSetProgress>(p =>
            {
                task.MaxValue = Math.Max(1, p.TotalBytes);
                task.Value = p.BytesDone;
                // A task's description is Spectre markup: the file's name is escaped, and its control characters shown.
                task.Description = Markup.Escape($"{p.File} of {p.Files}: {VisibleText.Of(Path.GetFileName(p.Name))}");
            });
            result = await handler.HandleAsync(request, reporter, cancellationToken);
            task.Value = task.MaxValue;
        });
        return result!;
    }

    private void Render(ImportSetResult result)
    {
        Output.Line(result.DryRun ? "Dry run, nothing written:" : "Imported, each file whole or not at all:");
        var table = CliOutput.NewTable("File", "Format", "Read", "Added", "Duplicates", "Set aside", "Rejected", "Note");
        foreach (var line in result.Lines)
        {
            var f = line.Figures;
            table.AddTextRow(line.Name, line.Outcome is null ? "-" : f.Format, Number(f.Read), Number(f.Added), Number(f.Duplicates), Number(f.SetAside), Number(f.Rejected), Shortened(line.Note));
        }
        var total = result.Total;
        table.AddTextRow($"total ({result.Lines.Count} file{(result.Lines.Count == 1 ? "" : "s")})", "", Number(total.Read), Number(total.Added), Number(total.Duplicates), Number(total.SetAside), Number(total.Rejected), "");
        Output.Write(table);
        if (result.DryRun)
            Output.Line(ImportSetResult.DryRunNote);
        Output.Line(result.Verdict());
        RenderActivity(result);
    }

    /// <summary>Where the run's new events went, over all its files: by integration, and what no integration claims.</summary>
    private void RenderActivity(ImportSetResult result)
    {
        var attributed = result.AttributedTo;
        if (attributed.Count > 0)
        {
            Output.Line("Attributed to:");
            var table = CliOutput.NewTable("Integration", "Events");
            foreach (var a in attributed.Take(ShownGroups))
                table.AddTextRow(a.Integration, Number(a.Events));
            Output.Write(table);
            if (attributed.Count > ShownGroups)
                Output.Line($"  ... and {attributed.Count - ShownGroups} more integrations");
        }
        var unattributed = result.Unattributed;
        if (unattributed.Count > 0)
        {
            Output.Line("Unattributed activity, by account, application and source (undocumented integrations show up here):");
            var table = CliOutput.NewTable("Account", "Application or client", "Source IP", "Events");
            foreach (var g in unattributed.Take(ShownGroups))
                table.AddTextRow(g.Account, g.Application, g.SourceIp, Number(g.Events));
            Output.Write(table);
            if (unattributed.Count > ShownGroups)
                Output.Line($"  ... and {unattributed.Count - ShownGroups} more groups");
        }
        if (ImportSummary.UnknownUsersNote(result.UnknownUsers) is { } unknown)
            Output.Line(unknown);
    }

    /// <summary>Each refused file on standard error: its problem, or its first bad rows with file, line, field and reason.</summary>
    private void ReportRefusals(ImportSetResult result)
    {
        var error = cli.Environment.Error;
        foreach (var line in result.Refused)
        {
            if (line.Outcome is not { } outcome)
            {
                error.WriteLine($"{line.Name}: {line.Problem}");
                continue;
            }
            foreach (var row in outcome.Errors.Take(ErrorsShownPerFile))
                error.WriteLine($"{outcome.Source.At(row.Line, row.Field)}: {row.Reason}.");
            if (outcome.ErrorCount > ErrorsShownPerFile)
                error.WriteLine($"... and {outcome.ErrorCount - ErrorsShownPerFile} more errors in {line.Name} (import it on its own with --errors OUT.csv to write them all).");
            error.WriteLine(outcome.DryRun
                ? $"{line.Name}: {outcome.RejectedRows} bad row(s); it would not be imported."
                : $"{line.Name}: {outcome.RejectedRows} bad row(s); nothing of it was imported. Fix them, or import its good rows with --skip-invalid.");
        }
        if (result.Lines.Count == 0)
            error.WriteLine("Nothing to import: the paths named no file.");
    }

    private static object Json(ImportSetResult result) => new
    {
        result.DryRun,
        Files = result.Lines.Select(l => new
        {
            l.Name,
            Status = l.Status.ToString(),
            l.Figures.Format,
            l.Figures.Read,
            l.Figures.Added,
            l.Figures.Duplicates,
            l.Figures.SetAside,
            SetAsideTypes = l.Outcome?.Usage?.SetAsideTypes,
            l.Figures.Rejected,
            l.Problem,
            SameContentAs = l.Outcome?.Usage?.SameContentAs,
            Errors = l.Outcome?.Errors.Take(ErrorsShownPerFile).Select(e => new { e.Line, e.Field, e.Reason }),
            Attributed = l.Outcome?.Usage?.Counts.Attributed,
            Unattributed = l.Outcome?.Usage?.Counts.Unattributed,
            UnknownUsers = l.Outcome?.Usage?.UnknownUsers,
        }),
        Total = result.Total with { Format = "" },
        Refused = result.Refused.Select(l => l.Name),
    };

    private static string? Shortened(string? note) => note is null || note.Length <= NoteShown ? note : note[..(NoteShown - 1)] + "…";

    private static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
