using IntegrationLedger.Application.Features.Access;
using IntegrationLedger.Application.Features.Findings;

namespace IntegrationLedger.Application.Features.Dashboard;

/// <summary>
/// The dashboard's access figures: integration accounts holding a powerful permission, browser sign-ins without
/// strong MFA, and passwords older than the password-age rule's days. Each counts the rows of the accounts list
/// that <see cref="GetAccessDashboardHandler"/>'s requests ask for, so a figure and the list it links to agree.
/// <see cref="AccessKnown"/> is false while no access export has been imported: then zeros would say "all well"
/// of what nobody has looked at.
/// </summary>
public sealed record AccessDashboard(bool AccessKnown, int PowerfulIntegrationAccounts, int WithoutStrongMfa, int PasswordsOlderThanLimit, int PasswordAgeDays);

public sealed class GetAccessDashboardHandler(Ledger ledger)
{
    /// <summary>The password-age rule's setting, whose days the dashboard's figure uses.</summary>
    public const string PasswordAgeSetting = "password-age.days";

    public static ListAccounts PowerfulIntegrationAccounts { get; } = new(IntegrationUsersOnly: true, PowerfulOnly: true);

    public static ListAccounts WithoutStrongMfa { get; } = new(WithoutMfaOnly: true);

    public static ListAccounts PasswordsOlderThan(int days) => new(PasswordOlderThanDays: days);

    /// <summary>One load of every account's access, counted three ways.</summary>
    public async Task<AccessDashboard> HandleAsync(CancellationToken cancellationToken = default)
    {
        var now = ledger.Now;
        var days = (await RuleBook.CurrentSettingsAsync(ledger.Db, cancellationToken))[PasswordAgeSetting];
        var facts = await AccessFacts.LoadAsync(ledger.Db, now, cancellationToken);
        int Count(ListAccounts request) => ListAccountsHandler.Matching(request, facts, now).Count();
        return new AccessDashboard(
            facts.Accounts.Any(a => a.Access.IsKnown),
            Count(PowerfulIntegrationAccounts),
            Count(WithoutStrongMfa),
            Count(PasswordsOlderThan(days)),
            days);
    }
}
