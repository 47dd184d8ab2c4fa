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
        "record a reset with 'ledger token reset'");
}
