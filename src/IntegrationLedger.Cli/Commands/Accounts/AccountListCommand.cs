using System.CommandLine;
using System.Globalization;
using IntegrationLedger.Application;
using IntegrationLedger.Application.Common;
using IntegrationLedger.Application.Features.Access;
using IntegrationLedger.Cli.Infrastructure;

namespace IntegrationLedger.Cli.Commands.Accounts;

/// <summary><c>ledger account list</c>: Salesforce accounts with their access level, MFA and password age.</summary>
internal sealed class AccountListCommand : LedgerCommand
{
    private readonly Option<bool> _integrationUsers = new("--integration-users") { Description = "Only accounts kept for software or used by an integration" };
    private readonly Option<bool> _powerful = new("--powerful") { Description = "Only accounts holding Modify All Data, View All Data, Author Apex, Manage Users or Customize Application" };
    private readonly Option<bool> _noMfa = new("--no-mfa") { Description = "Only browser sign-ins without a strong MFA method, or with the MFA waiver" };
    private readonly Option<int?> _passwordOlderThan = CliOptions.Count("--password-older-than", "Only passwords unchanged for more than this many days", "DAYS");
    private readonly Option<DateTime?> _asOf = CliOptions.AsOf("--as-of", "Access as it stood then (a date means the end of that day, UTC)");

    public AccountListCommand(CliServices cli)
        : base(cli, "list", "List Salesforce accounts with their access level, MFA and password age")
    {
        foreach (var option in new Option[] { _integrationUsers, _powerful, _noMfa, _passwordOlderThan, _asOf })
            Options.Add(option);
    }

    protected override async Task<int> RunAsync(Ledger ledger, ParseResult parse, CancellationToken cancellationToken)
    {
        var accounts = await new ListAccountsHandler(ledger).HandleAsync(new ListAccounts(
            parse.GetValue(_integrationUsers), parse.GetValue(_powerful), parse.GetValue(_noMfa), parse.GetValue(_passwordOlderThan), parse.GetValue(_asOf)), cancellationToken);
        return Show(parse, accounts, list =>
        {
            var table = CliOutput.NewTable("Account", "Used by", "Signs in", "Powerful permissions", "MFA", "Password age", "As of");
            foreach (var a in list)
            {
                table.AddTextRow(
                    a.Username,
                    a.UsedBy.Count > 0 ? string.Join(", ", a.UsedBy) : a.IsIntegrationAccount ? "(integration, none known)" : "(person)",
                    AccountWords.SignsIn(a),
                    a.Powerful.Count == 0 ? (a.PermissionSets.Count == 0 ? "unknown" : "none") : string.Join(", ", a.Powerful),
                    AccountWords.Mfa(a),
                    a.PasswordAgeDays is { } days ? $"{days.ToString(CultureInfo.InvariantCulture)} days" : "",
                    DisplayText.Date(a.AsOf));
            }
            Output.Write(table);
            Output.Line($"{list.Count} account(s). Details: ledger account show USERNAME");
        });
    }
}

/// <summary>How the command line words an account's state, in the list and on its own page alike.</summary>
internal static class AccountWords
{
    public static string SignsIn(AccountSummary a) =>
        a.IsActive == false ? "inactive"
        : a.IsFrozen == true ? "frozen"
        : a.ApiOnly == true ? "API only"
        : a.SignsInThroughBrowser == true ? "browser and API"
        : "unknown";

    public static string Mfa(AccountSummary a) =>
        a.StrongMfa is null ? "unknown"
        : (a.MfaMethods.Count == 0 ? "none" : string.Join(", ", a.MfaMethods)) + (a.StrongMfa == true ? "" : " (not strong)") + (a.BypassesMfa ? "; MFA waived" : "");
}
