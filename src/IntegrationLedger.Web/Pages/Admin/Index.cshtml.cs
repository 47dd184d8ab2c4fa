using IntegrationLedger.Domain.Common;
using IntegrationLedger.Application.Features.Settings;
using IntegrationLedger.Application.Features.Users;
using IntegrationLedger.Domain.Users;
using IntegrationLedger.Web.Hosting;
using IntegrationLedger.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace IntegrationLedger.Web.Pages.Admin;

/// <summary>Accounts and the rules' settings: the admin's duties, and only theirs.</summary>
[Authorize(Policy = Policies.ManageAccounts)]
[ChangedBy(Policies.ManageAccounts)]
public sealed class IndexModel(LedgerSession session) : LedgerPageModel(session)
{
    public IReadOnlyList<UserSummary> Users { get; private set; } = [];
    public IReadOnlyList<SettingView> Settings { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var ledger = await LedgerAsync(cancellationToken);
        Users = await new ListUsersHandler(ledger).HandleAsync(cancellationToken);
        Settings = await new ListSettingsHandler(ledger).HandleAsync(cancellationToken);
    }

    public Task<IActionResult> OnPostAddAsync(string email, UserRole role, string password, CancellationToken cancellationToken) =>
        ChangeAsync(async ledger =>
        {
            var user = await new AddUserHandler(ledger).HandleAsync(new AddUser(email, role, password), cancellationToken);
            return $"Added the {KebabCase.Of(user.Role)} account {user.Email}.";
        }, cancellationToken);

    public Task<IActionResult> OnPostRoleAsync(string email, UserRole role, CancellationToken cancellationToken) =>
        ChangeAsync(async ledger =>
        {
            var user = await new ChangeUserRoleHandler(ledger).HandleAsync(new ChangeUserRole(email, role), cancellationToken);
            return $"{user.Email} is now {KebabCase.Of(user.Role)}; their open sessions have ended.";
        }, cancellationToken);

    public Task<IActionResult> OnPostPasswordAsync(string email, string password, CancellationToken cancellationToken) =>
        ChangeAsync(async ledger =>
        {
            var user = await new SetUserPasswordHandler(ledger).HandleAsync(new SetUserPassword(email, password), cancellationToken);
            return $"{user.Email} has a new password; any lockout is lifted and their sessions have ended.";
        }, cancellationToken);

    public Task<IActionResult> OnPostEnabledAsync(string email, bool enabled, CancellationToken cancellationToken) =>
        ChangeAsync(async ledger =>
        {
            var user = await new SetUserEnabledHandler(ledger).HandleAsync(new SetUserEnabled(email, enabled), cancellationToken);
            return enabled ? $"{user.Email} can sign in again." : $"{user.Email} is disabled; their sessions have ended.";
        }, cancellationToken);

    public Task<IActionResult> OnPostSettingAsync(string name, string value, CancellationToken cancellationToken) =>
        ChangeAsync(async ledger =>
        {
            var setting = await new SetSettingHandler(ledger).HandleAsync(new SetSetting(name, value), cancellationToken);
            return $"{setting.Name} is now {setting.Value}.";
        }, cancellationToken);
}
