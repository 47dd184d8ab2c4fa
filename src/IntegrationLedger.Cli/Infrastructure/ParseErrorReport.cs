using System.CommandLine;
using System.CommandLine.Parsing;

namespace IntegrationLedger.Cli.Infrastructure;

/// <summary>
/// What a command line that did not parse gets, in the house's words: one sentence per problem, a
/// misspelt command or option answered with the nearest real one ("'tokn' is not a ledger command. Did
/// you mean 'token'?"), and a last line pointing to the help of the command that was reached
/// (<c>ledger token list --help</c>), not to the top of the tree.
/// </summary>
/// <remarks>
/// System.CommandLine has typo corrections of its own, but they live inside its default error action,
/// which prints "was not matched. Did you mean one of the following?" and a list, then the whole help:
/// not the one sentence DESIGN.md promises. This class says the same thing in that sentence.
/// </remarks>
internal static class ParseErrorReport
{
    public static IEnumerable<string> Lines(ParseResult parse)
    {
        var command = parse.CommandResult.Command;
        var path = PathOf(parse.CommandResult);
        var unknown = parse.UnmatchedTokens.Count > 0 ? parse.UnmatchedTokens[0] : null;

        if (unknown is not null && !unknown.StartsWith('-') && command.Subcommands.Count > 0)
        {
            // The words after an unknown command are its arguments; complaining about each adds nothing.
            yield return $"'{unknown}' is not a {path} command.{DidYouMean(unknown, NamesOf(command.Subcommands))}";
        }
        else
        {
            var afterUnknownOption = false;
            foreach (var error in parse.Errors)
            {
                if (IsUnmatched(error, parse.UnmatchedTokens, out var token))
                {
                    // "--ownr ana@example.com": the value of an unknown option is no argument of its own.
                    var isValue = afterUnknownOption && !token.StartsWith('-');
                    afterUnknownOption = token.StartsWith('-');
                    if (isValue)
                        continue;
                    yield return token.StartsWith('-')
                        ? $"'{token}' is not an option of {path}.{DidYouMean(token, OptionNames(parse.CommandResult))}"
                        : $"'{token}' is not an argument {path} takes.";
                }
                else if (command.Subcommands.Count > 0 && error.SymbolResult is CommandResult && parse.UnmatchedTokens.Count == 0)
                {
                    yield return $"{path} needs one of its commands: {string.Join(", ", NamesOf(command.Subcommands))}.";
                }
                else
                {
                    yield return error.Message;
                }
            }
        }
        yield return command.Subcommands.Count == 0 ? $"Run '{path} --help' for its options."
            : parse.CommandResult.Parent is null ? $"Run '{path} --help' for the commands."
            : $"Run '{path} --help' for its commands.";
    }

    /// <summary>"ledger token list": the command's names from the root down, the root always called ledger.</summary>
    private static string PathOf(CommandResult result)
    {
        var names = new List<string>();
        for (SymbolResult? at = result; at is CommandResult c; at = c.Parent)
            names.Add(c.Parent is null ? "ledger" : c.Command.Name);
        names.Reverse();
        return string.Join(' ', names);
    }

    /// <summary>
    /// Whether <paramref name="error"/> is the parser's complaint about one of the tokens it could not place.
    /// Matched by the token quoted in the message, since the parser gives such errors no type of their own.
    /// </summary>
    private static bool IsUnmatched(ParseError error, IReadOnlyList<string> unmatched, out string token)
    {
        token = unmatched.FirstOrDefault(t => error.Message.Contains($"'{t}'", StringComparison.Ordinal)) ?? "";
        return token.Length > 0;
    }

    private static IEnumerable<string> NamesOf(IEnumerable<Command> commands) =>
        commands.Where(c => !c.Hidden).Select(c => c.Name);

    /// <summary>The options the command takes, its own and those it inherits (--db, --verbose).</summary>
    private static IEnumerable<string> OptionNames(CommandResult result)
    {
        var own = result.Command.Options.Where(o => !o.Hidden).SelectMany(o => o.Aliases.Prepend(o.Name));
        var inherited = new List<string>();
        for (var at = result.Parent as CommandResult; at is not null; at = at.Parent as CommandResult)
            inherited.AddRange(at.Command.Options.Where(o => o.Recursive && !o.Hidden).Select(o => o.Name));
        return own.Concat(inherited).Distinct();
    }

    private static string DidYouMean(string typed, IEnumerable<string> candidates) =>
        NearestNames.To(typed, candidates) switch
        {
            [] => "",
            [var one] => $" Did you mean '{one}'?",
            var several => $" Did you mean {string.Join(" or ", several.Select(s => $"'{s}'"))}?",
        };
}
