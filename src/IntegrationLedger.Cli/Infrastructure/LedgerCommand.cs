using System.CommandLine;
using IntegrationLedger.Application;

namespace IntegrationLedger.Cli.Infrastructure;

/// <summary>
/// A command that works on an open ledger. Subclasses declare their options in the constructor and do
/// their work in <see cref="RunAsync"/>; opening, closing and error reporting happen once, here and in
/// <see cref="LedgerCli"/>.
/// </summary>
internal abstract class LedgerCommand : Command
{
    protected LedgerCommand(CliServices cli, string name, string description, bool acceptsJson = true)
        : base(name, description)
    {
        Cli = cli;
        if (acceptsJson)
            Options.Add(JsonOption);
        SetAction(async (parse, cancellationToken) =>
        {
            await using var ledger = await Cli.OpenLedgerAsync(parse, cancellationToken);
            return await RunAsync(ledger, parse, cancellationToken);
        });
    }

    protected CliServices Cli { get; }
    protected CliOutput Output => Cli.Output;

    protected Option<bool> JsonOption { get; } = new("--json") { Description = "Write the result as JSON for scripts" };

    protected bool WantsJson(ParseResult parse) => parse.GetValue(JsonOption);

    protected abstract Task<int> RunAsync(Ledger ledger, ParseResult parse, CancellationToken cancellationToken);

    /// <summary>Writes JSON when asked, otherwise lets the command render for people.</summary>
    protected int Show<T>(ParseResult parse, T result, Action<T> render)
    {
        if (WantsJson(parse))
            Output.WriteJson(result);
        else
            render(result);
        return ExitCodes.Success;
    }

    protected static Option<string> Required(string name, string description, string helpName) =>
        new(name) { Description = description, Required = true, HelpName = helpName };

    protected static Option<string?> Optional(string name, string description, string helpName) =>
        new(name) { Description = description, HelpName = helpName };

    protected static Argument<string> Named(string name, string description) => new(name) { Description = description };
}
