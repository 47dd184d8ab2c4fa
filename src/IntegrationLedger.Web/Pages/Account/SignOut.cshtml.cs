using System.Security.Claims;
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
public sealed class SignOutModel(LedgerSession session) : PageModel
{
    public IActionResult OnGet() => Redirect("/");

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        // Ends this browser's session on the server, so the cookie is refused even if a copy of it survives the
        // browser's deleting it; the account's sessions elsewhere carry on.
        if (User.FindFirstValue(ClaimTypes.Email) is { } email && SessionCookie.SessionOf(User) is { } sessionId)
        {
            var ledger = await session.OpenAsync(cancellationToken);
            await new SignOutHandler(ledger).HandleAsync(new Application.Features.Users.SignOut(email, sessionId, HttpContext.Connection.RemoteIpAddress?.ToString()), cancellationToken);
        }
        await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return Redirect("/signin");
    }
}
