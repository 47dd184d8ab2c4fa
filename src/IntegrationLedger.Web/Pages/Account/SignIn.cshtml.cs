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
public sealed class SignInModel(LedgerSession session, SignInThrottle throttle, AccessEventLog accessEvents) : PageModel
{
    /// <summary>
    /// The one answer to every failed sign-in (a wrong password, no such account, a disabled one, an attempt
    /// made during a wait), given with the one status, so that no reply tells a stranger which accounts exist.
    /// </summary>
    public const string Failed = "The email or the password is wrong, or there have been too many attempts; wait a minute and try again.";

    public string? Problem { get; private set; }

    [BindProperty]
    public SignInInput Input { get; set; } = new();

    /// <summary>Where the sign-in was asked from (the cookie handler sends it as <c>?ReturnUrl=</c>); only a local address is followed.</summary>
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var ledger = await session.OpenAsync(cancellationToken);
        var result = await new SignInHandler(ledger, throttle, accessEvents).HandleAsync(Input.ToRequest(HttpContext.Connection.RemoteIpAddress?.ToString()), cancellationToken);
        if (result.Outcome == SignInOutcome.SignedIn)
        {
            await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, SessionCookie.Principal(result.User!, result.SessionStamp!, result.SessionId!.Value));
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        }
        Problem = Failed;
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        return Page();
    }
}

/// <summary>The sign-in form. A class, not a record: a record's generated ToString would print the password.</summary>
public sealed class SignInInput
{
    public string? Email { get; set; }
    public string? Password { get; set; }

    public SignIn ToRequest(string? address) => new(Email ?? "", Password ?? "", address);
}
