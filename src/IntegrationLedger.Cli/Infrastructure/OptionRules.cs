using System.CommandLine;
using System.CommandLine.Parsing;

namespace IntegrationLedger.Cli.Infrastructure;

/// <summary>
/// Rules between a command's options, checked while System.CommandLine parses: an option that means
/// something only beside another is refused alone, rather than silently ignored, so a script that typed
/// <c>--within 10</c> without <c>--due</c> learns it listed every token, not the ones due in ten days.
/// </summary>
internal static class OptionRules
{
    /// <summary>Refuses <paramref name="dependent"/> unless <paramref name="required"/> is given too (and, for a flag, set).</summary>
    public static void OnlyWith(this Command command, Option dependent, Option required)
    {
        command.Validators.Add(result =>
        {
            if (IsGiven(result, dependent) && !IsGiven(result, required))
                result.AddError($"{dependent.Name} applies only with {required.Name}; add {required.Name}, or leave {dependent.Name} out.");
        });
    }

    /// <summary>Typed on the command line, not filled in from a default; a flag given as <c>--due false</c> is not set.</summary>
    private static bool IsGiven(CommandResult result, Option option) =>
        result.GetResult(option) is { Implicit: false } && (option is not Option<bool> flag || result.GetValue(flag));
}
