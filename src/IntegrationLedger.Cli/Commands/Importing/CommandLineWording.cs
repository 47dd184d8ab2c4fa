using IntegrationLedger.Application.Features.Importing;

namespace IntegrationLedger.Cli.Commands.Importing;

/// <summary>How import messages tell someone at the command line to fix a file: by the options and commands they would type.</summary>
internal static class CommandLineWording
{
    public static ImportWording Import { get; } = new(
        what => $"give {what} with --time-zone",
        "import it with --day-first",
        template => $" (run 'ledger template {template}' for its header)",
        "register each secret with 'ledger token add --secret-stdin'",
        "record a reset with 'ledger token reset'",
        (templates, file) => $"import them one at a time, in this order: {string.Join(", then ", templates.Select(t => $"'ledger import {t} {ShellWord(file)}'"))}");

    /// <summary>The file name as a shell takes it: in double quotes when it holds anything but letters, digits and . _ -.</summary>
    private static string ShellWord(string name) =>
        name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-') ? name : $"\"{name}\"";
}
