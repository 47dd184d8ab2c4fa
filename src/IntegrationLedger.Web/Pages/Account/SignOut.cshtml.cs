using System.Security.Claims;
using IntegrationLedger.Application.Features.Users;
using IntegrationLedger.Domain.Users;
using IntegrationLedger.Web.Hosting;
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
        if (User.FindFirstValue(ClaimTypes.Email) is { } email)
        {
            var ledger = await session.OpenAsync(cancellationToken);
            await new RecordAccessHandler(ledger).HandleAsync(new RecordAccess(AccessEventKind.SignedOut, email, null, HttpContext.Connection.RemoteIpAddress?.ToString()), cancellationToken);
        }
        await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return Redirect("/signin");
    }
}
