using IntegrationLedger.Application.Features.Users;
using IntegrationLedger.Web.Hosting;
using IntegrationLedger.Web.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IntegrationLedger.Web.Pages.Account;

[AllowAnonymous]
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Hosting.LedgerWebApp.SignInRateLimit)]
public sealed class SignInModel(LedgerSession session) : PageModel
{
    public string? Problem { get; private set; }
    public string? Email { get; private set; }
    public string? ReturnUrl { get; private set; }

    public void OnGet(string? returnUrl) => ReturnUrl = returnUrl;

    public async Task<IActionResult> OnPostAsync(string? email, string? password, string? returnUrl, CancellationToken cancellationToken)
    {
        var ledger = await session.OpenAsync(cancellationToken);
        var result = await new SignInHandler(ledger).HandleAsync(
            new SignIn(email ?? "", password ?? "", HttpContext.Connection.RemoteIpAddress?.ToString()), cancellationToken);
        if (result.Outcome == SignInOutcome.SignedIn)
        {
            await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, SessionCookie.Principal(result.User!, result.SessionStamp!));
            return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
        }
        Email = email;
        ReturnUrl = returnUrl;
        // The same answer whether the account exists or not; a lockout is said outright, as the owner needs to know.
        Problem = result.Outcome == SignInOutcome.LockedOut
            ? $"Too many failed attempts: this account is locked for {LedgerUserLockout.Minutes} minutes."
            : "The email or the password is wrong.";
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        return Page();
    }
}

internal static class LedgerUserLockout
{
    public static readonly int Minutes = (int)Domain.Users.LedgerUser.LockoutDuration.TotalMinutes;
}
