using System.CommandLine;
using System.Globalization;
using IntegrationLedger.Application;
using IntegrationLedger.Application.Features.Activity;
using IntegrationLedger.Cli.Infrastructure;

namespace IntegrationLedger.Cli.Commands.Activity;

/// <summary>
/// <c>ledger activity INTEGRATION [--days N] [--measure rows|bytes|calls]</c>: the integration's daily activity
/// drawn with its baseline and anomalies; <c>--rebuild</c> first recomputes every baseline from the events.
/// </summary>
internal sealed class ActivityCommand : LedgerCommand
{
    private readonly Argument<string?> _integration = new("INTEGRATION") { Description = "The integration's name", Arity = ArgumentArity.ZeroOrOne };
    private readonly Option<int?> _days = CliOptions.Count("--days", "How many days, up to the end of the imported data (default 90)", "DAYS");
    private readonly Option<ActivityMeasure> _measure = new("--measure") { Description = "What to draw: rows (default), bytes or calls", DefaultValueFactory = _ => ActivityMeasure.Rows };
    private readonly Option<bool> _rebuild = new("--rebuild") { Description = "Recompute every integration's and account's baselines from the events first (after the counting changed, or to repair them)" };

    public ActivityCommand(CliServices cli)
        : base(cli, "activity", "Draw an integration's daily activity with its baseline and anomalies (volume spikes, objects touched for the first time)")
    {
        Arguments.Add(_integration);
        Options.Add(_days);
        Options.Add(_measure);
        Options.Add(_rebuild);
    }

    protected override async Task<int> RunAsync(Ledger ledger, ParseResult parse, CancellationToken cancellationToken)
    {
        var name = parse.GetValue(_integration);
        if (parse.GetValue(_rebuild))
        {
            var rebuilt = await new RebuildActivityHandler(ledger).HandleAsync(cancellationToken);
            if (name is null)
                return Show(parse, rebuilt, r => Output.Line($"Rebuilt the activity baselines from {Number(r.Events)} events: {Number(r.Days)} integration and account days, {Number(r.BulkJobs)} Bulk API 2.0 jobs."));
            if (!WantsJson(parse))
                Output.Line($"Rebuilt the activity baselines from {Number(rebuilt.Events)} events.");
        }
        if (name is null)
            throw new UsageException("Name the integration to draw (ledger activity INTEGRATION), or give --rebuild.");
        var days = parse.GetValue(_days) ?? 90;
        if (days is < 1 or > ShowActivity.MaxDays)
            throw new UsageException($"--days must be between 1 and {ShowActivity.MaxDays}.");
        var view = await new ShowActivityHandler(ledger).HandleAsync(new ShowActivity(name, days), cancellationToken);
        return Show(parse, view, v => Render(Output, v, parse.GetValue(_measure)));
    }

    /// <summary>The chart, its legend, and a table of the anomalous days (also the end of <c>ledger demo</c>).</summary>
    internal static void Render(CliOutput output, ActivityView view, ActivityMeasure measure)
    {
        if (view.Days.Count == 0)
        {
            output.Line($"{view.Integration} has no imported activity (ledger import auto FILE brings Event Monitoring files in).");
            return;
        }
        var anomalies = view.Anomalies.ToList();
        output.Line($"{view.Integration}: {MeasureWords(measure)} per day (UTC), {view.From:yyyy-MM-dd} to {view.Through:yyyy-MM-dd}; " +
            $"{anomalies.Count} anomalous day{(anomalies.Count == 1 ? "" : "s")}");
        foreach (var line in TerminalActivityChart.Draw(view.Days, measure, Math.Clamp(output.Console.Profile.Width, 40, 200)))
            output.UnwrappedLine(line);
        var s = view.Settings;
        output.Line($"{TerminalActivityChart.SpikeMark} spike (modified z-score above {s.Threshold.ToString("0.0", CultureInfo.InvariantCulture)} against the median of the {s.Window} days before, " +
            $"once {s.MinimumHistory} days are known, and above the floor); {TerminalActivityChart.NewObjectMark} an object touched for the first time " +
            $"after the first {view.LearningDays} days; · the rows' median.");
        if (anomalies.Count == 0)
            return;
        var table = CliOutput.NewTable("Day", "Rows", "Median rows", "Spike from", "Bytes", "Requests", "Unusual");
        foreach (var d in anomalies)
        {
            var unusual = new List<string>();
            if (d.Spikes.Count > 0)
                unusual.Add("spike in " + string.Join(", ", d.Spikes.Select(m => MeasureWords(m))));
            if (d.NewObjects.Count > 0)
                unusual.Add("first touched " + string.Join(", ", d.NewObjects));
            table.AddTextRow(d.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Number(d.Rows), Number(d.RowsMedian), Number(d.RowsSpikeFrom),
                SpikeJudge.Size(d.Bytes), Number(d.Calls), string.Join("; ", unusual));
        }
        output.Write(table);
        output.Line("The findings say more: ledger findings --rule volume-spike; ledger findings --rule new-data-accessed");
    }

    private static string MeasureWords(ActivityMeasure measure) => measure switch
    {
        ActivityMeasure.Rows => "rows",
        ActivityMeasure.Bytes => "bytes returned",
        _ => "requests",
    };

    private static string Number(double? value) => value is { } number ? Math.Round(number).ToString("N0", CultureInfo.InvariantCulture) : "";
}
