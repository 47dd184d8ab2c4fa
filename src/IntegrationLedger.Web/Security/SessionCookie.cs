using System.Security.Claims;
using IntegrationLedger.Application.Features.Users;
using IntegrationLedger.Domain.Users;
using IntegrationLedger.Web.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Routing;

namespace IntegrationLedger.Web.Security;

/// <summary>
/// The session is a cookie (encrypted by ASP.NET Core data protection) naming the account, its security
/// stamp and the <see cref="WebSession"/> its sign-in started. Each request checks both against the ledger,
/// so a sign-out ends that session (a copied cookie included) and a changed role or password, or a disabled
/// account, ends all of the account's sessions, at once rather than when the cookie expires.
/// </summary>
internal static class SessionCookie
{
    public const string StampClaim = "ledger:stamp";
    public const string SessionClaim = "ledger:session";

    public static ClaimsPrincipal Principal(UserSummary user, string stamp, Guid sessionId) =>
        new(new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, user.Id.ToString()),
                new Claim(ClaimTypes.Email, user.Email),
                new Claim(ClaimTypes.Name, user.Email),
                new Claim(ClaimTypes.Role, user.Role.ToString()),
                new Claim(StampClaim, stamp),
                new Claim(SessionClaim, sessionId.ToString()),
            ],
            CookieAuthenticationDefaults.AuthenticationScheme));

    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        if (!Guid.TryParse(principal?.FindFirstValue(ClaimTypes.NameIdentifier), out var id) || principal.FindFirstValue(StampClaim) is not { } stamp
            || SessionOf(principal) is not { } sessionId)
        {
            await Reject(context);
            return;
        }
        // Opened as the account the cookie names: if the check passes, that is who the request acts as.
        var session = context.HttpContext.RequestServices.GetRequiredService<LedgerSession>();
        var ledger = await session.OpenAsAsync(principal.FindFirstValue(ClaimTypes.Email), context.HttpContext.RequestAborted);
        var user = await new FindSessionUserHandler(ledger).HandleAsync(id, stamp, sessionId, context.HttpContext.RequestAborted);
        if (user is null || principal.FindFirstValue(ClaimTypes.Role) != user.Role.ToString())
        {
            await session.CloseAsync();
            await Reject(context);
        }
    }

    /// <summary>The session a signed-in request belongs to; none for a cookie issued before sessions were recorded.</summary>
    public static Guid? SessionOf(ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirstValue(SessionClaim), out var sessionId) ? sessionId : null;

    private static async Task Reject(CookieValidatePrincipalContext context)
    {
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    }

    /// <summary>
    /// A request refused for want of a role is answered 403 and written to the audit log, through the
    /// <see cref="AccessEventLog"/>: the first from an account to a page at once, repeats counted and summed up.
    /// </summary>
    public static async Task DeniedAsync(RedirectContext<CookieAuthenticationOptions> context)
    {
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        var http = context.HttpContext;
        var email = http.User.FindFirstValue(ClaimTypes.Email);
        if (email is not null)
        {
            var ledger = await http.RequestServices.GetRequiredService<LedgerSession>().OpenAsync(http.RequestAborted);
            // Counted by the page's route, not the path: a path can name anything, and each new one would be written at once.
            var page = http.GetEndpoint() is RouteEndpoint { RoutePattern.RawText: { } route } ? "/" + route.TrimStart('/') : "(no page)";
            await http.RequestServices.GetRequiredService<AccessEventLog>().RecordAsync(ledger,
                new RecordAccess(AccessEventKind.Denied, email, $"{http.Request.Method} {http.Request.Path}", http.Connection.RemoteIpAddress?.ToString()),
                countAs: $"requests to {page}", http.RequestAborted);
        }
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync("Your role does not allow this. The attempt has been recorded in the audit log.");
    }
}
