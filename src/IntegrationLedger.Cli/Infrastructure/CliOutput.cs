using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace IntegrationLedger.Cli.Infrastructure;

/// <summary>
/// Writes results for people (Spectre.Console tables) or for scripts (<c>--json</c>). What people read is
/// made of ledger values, so every control character in it is shown, not obeyed (<see cref="VisibleText"/>);
/// JSON escapes those characters itself.
/// </summary>
internal sealed class CliOutput
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    private readonly TextWriter _out;

    public CliOutput(CliEnvironment environment)
    {
        _out = environment.Out;
        Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(environment.Out),
            Ansi = environment.OutputIsTerminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = environment.OutputIsTerminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        Console.Pipeline.Attach(new VisibleSegments());
        // Redirected output has no width; wrap tables at a width that keeps lines whole in a file or a pipe.
        // COLUMNS, where set, is the width people asked for (as for ls and most other tools).
        if (ColumnsVariable(environment) is { } columns)
            Console.Profile.Width = columns;
        else if (!environment.OutputIsTerminal)
            Console.Profile.Width = 160;
    }

    public IAnsiConsole Console { get; }

    /// <summary><c>$COLUMNS</c> when it is a sensible width (20 to 1000 characters); anything else is ignored.</summary>
    private static int? ColumnsVariable(CliEnvironment environment) =>
        int.TryParse(environment.GetVariable("COLUMNS"), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var columns)
            && columns is >= 20 and <= 1000 ? columns : null;

    /// <summary>
    /// JSON for scripts. The encoder escapes C0 controls but writes DEL, C1 controls and bidirectional
    /// overrides raw; outside string literals JSON is plain ASCII, so escaping those wherever they occur
    /// gives the same values, and JSON read in a terminal is as safe as a table.
    /// </summary>
    public void WriteJson<T>(T value) => _out.WriteLine(VisibleText.Of(JsonSerializer.Serialize(value, Json), keepLineBreaks: true));

    /// <summary>One line of plain text: nothing in it is read as Spectre markup or obeyed by the terminal.</summary>
    public void Line(string text = "")
    {
        Console.Write(Text(text));
        Console.WriteLine();
    }

    /// <summary>
    /// One line that is never wrapped, whatever the width: a line that begins FILE:LINE:COLUMN is read by
    /// editors and scripts, and must stay one line. Its control characters are shown, as everywhere.
    /// </summary>
    public void UnwrappedLine(string text) => _out.WriteLine(VisibleText.Of(text));

    /// <summary>A table drawn to fit the screen without splitting a word (<see cref="TableLayout"/>).</summary>
    public void Write(Table table) =>
        Console.Write(TableLayout.Fit(table, RenderOptions.Create(Console, Console.Profile.Capabilities), Console.Profile.Width));

    /// <summary>
    /// A cell or line of ledger text. Control characters become visible here, before Spectre measures the
    /// text, so a table keeps its columns straight around them.
    /// </summary>
    public static Text Text(string? value, Style? style = null) => new(VisibleText.Of(value), style);

    public static Table NewTable(params string[] headers)
    {
        var table = new Table().RoundedBorder();
        foreach (var header in headers)
            table.AddColumn(new TableColumn(Text(header)));
        return table;
    }

    /// <summary>
    /// The guarantee behind <see cref="Text"/>: whatever a command writes to the console, however it was
    /// built, reaches the terminal with its control characters shown. Spectre's own control codes (cursor
    /// moves of a progress bar) and line breaks are left alone; styling is added after this, by Spectre.
    /// </summary>
    private sealed class VisibleSegments : IRenderHook
    {
        public IEnumerable<IRenderable> Process(RenderOptions options, IEnumerable<IRenderable> renderables) =>
            renderables.Select(r => (IRenderable)new Shown(r));

        private sealed class Shown(IRenderable inner) : IRenderable
        {
            public Measurement Measure(RenderOptions options, int maxWidth) => inner.Measure(options, maxWidth);

            public IEnumerable<Segment> Render(RenderOptions options, int maxWidth) =>
                inner.Render(options, maxWidth).Select(s => s.IsControlCode || s.IsLineBreak
                    ? s
                    : new Segment(VisibleText.Of(s.Text), s.Style, s.Link));
        }
    }
}

internal static class TableExtensions
{
    /// <summary>Adds a row of plain text cells; nothing in them is read as Spectre markup or obeyed by the terminal.</summary>
    public static Table AddTextRow(this Table table, params string?[] cells) =>
        table.AddRow(cells.Select(c => (IRenderable)CliOutput.Text(c)).ToArray());
}
