using System.CommandLine;
using IntegrationLedger.Application;
using IntegrationLedger.Application.Common;
using IntegrationLedger.Application.Features.Access;
using IntegrationLedger.Cli.Infrastructure;
using IntegrationLedger.Domain.Common;

namespace IntegrationLedger.Cli.Commands.Accounts;

/// <summary><c>ledger account show USERNAME [--as-of WHEN]</c>: an account's access then, its history and its open findings.</summary>
internal sealed class AccountShowCommand : LedgerCommand
{
    private readonly Argument<string> _username = Named("USERNAME", "The Salesforce username");
    private readonly Option<DateTime?> _asOf = CliOptions.AsOf("--as-of", "Access as it stood then (a date means the end of that day, UTC)");

    public AccountShowCommand(CliServices cli)
        : base(cli, "show", "Show an account's access level (licence, profile, permission sets, powerful permissions, MFA, password), its history and findings")
    {
        Arguments.Add(_username);
        Options.Add(_asOf);
    }

    protected override async Task<int> RunAsync(Ledger ledger, ParseResult parse, CancellationToken cancellationToken)
    {
        var details = await new ShowAccountHandler(ledger).HandleAsync(parse.GetValue(_username)!, parse.GetValue(_asOf), cancellationToken);
        return Show(parse, details, Render);
    }

    private void Render(AccountDetails details)
    {
        var a = details.Account;
        Output.Line($"{a.Username}  {KebabCase.Of(a.Kind)}{(a.IsIntegrationAccount && a.Kind != Domain.Accounts.AccountKind.Integration ? " (used by an integration)" : "")}, user id {a.PlatformUserId ?? "unknown"}");
        Output.Line($"Owner: {a.OwnerEmail ?? "nobody recorded"}; used by: {(a.UsedBy.Count == 0 ? "no integration" : string.Join(", ", a.UsedBy))}");
        Output.Line($"Access as of {DisplayText.Time(details.AsOf)}{(a.AsOf is { } latest ? $" (latest export {DisplayText.Date(latest)})" : "")}:");
        if (a.AsOf is null)
        {
            Output.Line("  No access export describes this account by then (ledger import sf-users FILE, sf-permission-sets, sf-mfa, sf-user-logins).");
        }
        else
        {
            Output.Line($"  Signs in: {AccountWords.SignsIn(a)}; user type {a.UserType ?? "unknown"}; licence {a.Licence ?? "unknown"}; profile {a.Profile ?? "unknown"}");
            Output.Line($"  Powerful permissions: {(a.Powerful.Count == 0 ? "none" : string.Join(", ", a.Powerful))}");
            Output.Line($"  MFA: {AccountWords.Mfa(a)}");
            Output.Line($"  Password: {(a.PasswordChangedAt is { } changed ? $"changed {DisplayText.Date(changed)} ({a.PasswordAgeDays} days ago)" : "unknown")}{(a.IsPasswordLocked == true ? ", locked" : "")}; last login {DisplayText.Date(a.LastLoginAt)}");
        }
        if (details.PermissionSets.Count > 0)
        {
            var sets = CliOutput.NewTable("Permission set", "Label", "Grants");
            foreach (var set in details.PermissionSets)
                sets.AddTextRow(set.IsProfile ? $"profile {set.Profile ?? set.Label ?? set.Name}" : set.Name, set.Label, set.Grants.Count == 0 ? "" : string.Join(", ", set.Grants));
            Output.Write(sets);
        }
        if (details.History.Count > 0)
        {
            Output.Line("History (each change is in the audit log):");
            var history = CliOutput.NewTable("As of", "Export", "File", "What");
            foreach (var h in details.History)
                history.AddTextRow(DisplayText.Date(h.AsOf), AccessWords.Of(h.Facet), h.FileName, h.What);
            Output.Write(history);
        }
        if (details.Findings.Count > 0)
        {
            Output.Line("Open findings:");
            var findings = CliOutput.NewTable("Rule", "Severity", "Finding");
            foreach (var f in details.Findings)
                findings.AddTextRow(f.Rule, KebabCase.Of(f.Severity), f.Summary);
            Output.Write(findings);
        }
    }
}

/// <summary>The kind of export a facet comes from, as people call it.</summary>
internal static class AccessWords
{
    public static string Of(Domain.Access.AccessFacet facet) => facet switch
    {
        Domain.Access.AccessFacet.User => "User",
        Domain.Access.AccessFacet.PermissionSets => "permission sets",
        Domain.Access.AccessFacet.Mfa => "MFA",
        _ => "UserLogin",
    };
}
