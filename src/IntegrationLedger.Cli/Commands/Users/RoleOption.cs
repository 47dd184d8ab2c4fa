using System.CommandLine;
using IntegrationLedger.Domain.Users;

namespace IntegrationLedger.Cli.Commands.Users;

/// <summary><c>--role</c>, as <c>user add</c> and <c>user role</c> take it.</summary>
internal static class RoleOption
{
    public static Option<string> Create()
    {
        var option = new Option<string>("--role")
        {
            Description = "admin (accounts and settings), officer (changes the inventory) or auditor (reads and downloads)",
            Required = true,
            HelpName = "ROLE",
        };
        option.AcceptOnlyFromAmong([.. Enum.GetNames<UserRole>().Select(n => n.ToLowerInvariant())]);
        return option;
    }

    /// <summary>Only the names <see cref="Create"/> accepts reach here.</summary>
    public static UserRole Parse(string name) => Enum.Parse<UserRole>(name, ignoreCase: true);
}
