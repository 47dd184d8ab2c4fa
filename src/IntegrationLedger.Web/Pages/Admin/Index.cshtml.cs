using IntegrationLedger.Application.Features.Settings;
using IntegrationLedger.Application.Features.Users;
using IntegrationLedger.Domain.Common;
using IntegrationLedger.Domain.Users;
using IntegrationLedger.Web.Hosting;
using IntegrationLedger.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace IntegrationLedger.Web.Pages.Admin;

/// <summary>Accounts and the rules' settings: the admin's duties, and only theirs.</summary>
[Authorize(Policy = Policies.ManageAccounts)]
[ChangedBy(Policies.ManageAccounts)]
public sealed class IndexModel(LedgerSession session, SignInThrottle throttle) : LedgerPageModel(session)
{
    public IReadOnlyList<UserSummary> Users { get; private set; } = [];
    public IReadOnlyList<SettingView> Settings { get; private set; } = [];

    /// <summary>Accounts whose sign-ins are being slowed by failed attempts now: someone is guessing their passwords.</summary>
    public IReadOnlyList<AccountUnderAttack> UnderAttack { get; private set; } = [];

    [BindProperty]
    public AddUserInput Add { get; set; } = new();

    [BindProperty]
    public ChangeRoleInput Role { get; set; } = new();

    [BindProperty]
    public SetPasswordInput Password { get; set; } = new();

    [BindProperty]
    public SetEnabledInput Access { get; set; } = new();

    [BindProperty]
    public SetSettingInput Setting { get; set; } = new();

    [BindProperty]
    public SetOrganisationInput Organisation { get; set; } = new();

    /// <summary>The organisation's name as the ledger keeps it; null when none was given.</summary>
    public string? CurrentOrganisation { get; private set; }

    /// <summary>The account whose disabling waits for confirmation, when the page is that step.</summary>
    public string? ConfirmingDisable { get; private set; }

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var ledger = await LedgerAsync(cancellationToken);
        Users = await new ListUsersHandler(ledger).HandleAsync(cancellationToken);
        Settings = await new ListSettingsHandler(ledger).HandleAsync(cancellationToken);
        CurrentOrganisation = await OrganisationName.ReadAsync(ledger.Db, cancellationToken);
        UnderAttack = throttle.AccountsUnderAttack(ledger.Now);
    }

    public async Task<IActionResult> OnPostAddAsync(CancellationToken cancellationToken)
    {
        var user = await new AddUserHandler(await LedgerAsync(cancellationToken)).HandleAsync(Add.ToRequest(), cancellationToken);
        return Done($"Added the {KebabCase.Of(user.Role)} account {user.Email}.");
    }

    public async Task<IActionResult> OnPostRoleAsync(CancellationToken cancellationToken)
    {
        var user = await new ChangeUserRoleHandler(await LedgerAsync(cancellationToken)).HandleAsync(Role.ToRequest(), cancellationToken);
        return Done($"{user.Email} is now {KebabCase.Of(user.Role)}; their open sessions have ended.");
    }

    public async Task<IActionResult> OnPostPasswordAsync(CancellationToken cancellationToken)
    {
        var user = await new SetUserPasswordHandler(await LedgerAsync(cancellationToken)).HandleAsync(Password.ToRequest(), cancellationToken);
        throttle.ForgetAccount(user.Email);
        return Done($"{user.Email} has a new password; their sessions have ended, and any wait after failed sign-ins is lifted.");
    }

    /// <summary>Disabling signs a person out at once, so it is asked for on a confirmation step first; enabling is not.</summary>
    public async Task<IActionResult> OnPostEnabledAsync(CancellationToken cancellationToken)
    {
        if (!Access.Enabled && !Access.Confirmed)
        {
            await LoadAsync(cancellationToken);
            ConfirmingDisable = Users.FirstOrDefault(u => string.Equals(u.Email, Access.Email.Trim(), StringComparison.OrdinalIgnoreCase))?.Email;
            return ConfirmingDisable is null ? Refused($"No account '{Access.Email}' exists.") : Page();
        }
        var user = await new SetUserEnabledHandler(await LedgerAsync(cancellationToken)).HandleAsync(Access.ToRequest(), cancellationToken);
        return Done(Access.Enabled ? $"{user.Email} can sign in again." : $"{user.Email} is disabled; their sessions have ended.");
    }

    public async Task<IActionResult> OnPostSettingAsync(CancellationToken cancellationToken)
    {
        var setting = await new SetSettingHandler(await LedgerAsync(cancellationToken)).HandleAsync(Setting.ToRequest(), cancellationToken);
        return Done($"{setting.Name} is now {setting.Value}.");
    }

    public async Task<IActionResult> OnPostOrganisationAsync(CancellationToken cancellationToken)
    {
        var name = await new SetOrganisationNameHandler(await LedgerAsync(cancellationToken)).HandleAsync(Organisation.ToRequest(), cancellationToken);
        return Done($"The organisation is now called {name}; the next workbook's cover says so.");
    }
}

// Classes rather than records where a password is held: a record's generated ToString would print it.

/// <summary>The "Add an account" form; <see cref="AddUserValidator"/> judges it.</summary>
public sealed class AddUserInput
{
    public string Email { get; set; } = "";
    public UserRole Role { get; set; } = UserRole.Auditor;
    public string Password { get; set; } = "";

    public AddUser ToRequest() => new(Email, Role, Password);
}

/// <summary>An account's "Change role" form; <see cref="ChangeUserRoleValidator"/> judges it.</summary>
public sealed class ChangeRoleInput
{
    public string Email { get; set; } = "";
    public UserRole Role { get; set; }

    public ChangeUserRole ToRequest() => new(Email, Role);
}

/// <summary>The "Give an account a new password" form; <see cref="SetUserPasswordValidator"/> judges it.</summary>
public sealed class SetPasswordInput
{
    public string Email { get; set; } = "";
    public string Password { get; set; } = "";

    public SetUserPassword ToRequest() => new(Email, Password);
}

/// <summary>An account's enable or disable button.</summary>
public sealed class SetEnabledInput
{
    public string Email { get; set; } = "";
    public bool Enabled { get; set; }

    /// <summary>Sent by the confirmation step's button: a disable without it shows that step rather than acting.</summary>
    public bool Confirmed { get; set; }

    public SetUserEnabled ToRequest() => new(Email, Enabled);
}

/// <summary>A rule setting's form; the use case checks the name and the range.</summary>
public sealed class SetSettingInput
{
    public string Name { get; set; } = "";
    public string Value { get; set; } = "";

    public SetSetting ToRequest() => new(Name, Value);
}

/// <summary>The "Organisation" form; the use case checks the name.</summary>
public sealed class SetOrganisationInput
{
    public string Name { get; set; } = "";

    public SetOrganisationName ToRequest() => new(Name);
}
