using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Spectre.Console;

namespace IntegrationLedger.Cli.Infrastructure;

/// <summary>Writes results for people (Spectre.Console tables) or for scripts (<c>--json</c>).</summary>
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
        // Redirected output has no width; wrap tables at a width that keeps lines whole in a file or a pipe.
        if (!environment.OutputIsTerminal)
            Console.Profile.Width = 160;
    }

    public IAnsiConsole Console { get; }

    public void WriteJson<T>(T value) => _out.WriteLine(JsonSerializer.Serialize(value, Json));

    /// <summary>Plain text, with markup characters escaped: names in the ledger may contain brackets.</summary>
    public void Line(string text = "") => Console.WriteLine(text);

    public void Write(Table table) => Console.Write(table);

    public static Table NewTable(params string[] headers)
    {
        var table = new Table().RoundedBorder();
        foreach (var header in headers)
            table.AddColumn(new TableColumn(Spectre.Console.Markup.Escape(header)));
        return table;
    }
}

internal static class TableExtensions
{
    /// <summary>Adds a row of plain text cells; nothing in them is read as Spectre markup.</summary>
    public static Table AddTextRow(this Table table, params string?[] cells) =>
        table.AddRow(cells.Select(c => (Spectre.Console.Rendering.IRenderable)new Text(c ?? "")).ToArray());
}
