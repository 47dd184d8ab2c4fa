using System.CommandLine;
using IntegrationLedger.Cli.Infrastructure;
using IntegrationLedger.Domain.Users;

namespace IntegrationLedger.Cli.Commands.Users;

/// <summary><c>--role</c>, as <c>user add</c> and <c>user role</c> take it.</summary>
internal static class RoleOption
{
    public static Option<UserRole> Create() => CliOptions.Choice<UserRole>(
        "--role", "admin (accounts and settings), officer (changes the inventory) or auditor (reads and downloads)");
}
