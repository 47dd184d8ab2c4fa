using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;

namespace IntegrationLedger.Web.Security;

/// <summary>
/// Enforces <see cref="ChangedByAttribute"/> on the server for every request that is not a read, whatever
/// the page shows or hides. It runs as middleware, before the antiforgery check and before the body is
/// read, so a crafted POST from an auditor is refused (403, and recorded) whatever it carries, and an
/// upload from someone who may not import is never spooled to disk.
/// </summary>
internal static class ChangePolicy
{
    public static async Task EnforceAsync(HttpContext context, RequestDelegate next)
    {
        var method = context.Request.Method;
        if (HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || context.GetEndpoint() is not { } endpoint
            || endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null)
        {
            await next(context);
            return;
        }
        var changedBy = endpoint.Metadata.GetMetadata<ChangedByAttribute>();
        var authorization = context.RequestServices.GetRequiredService<IAuthorizationService>();
        if (changedBy is null || !(await authorization.AuthorizeAsync(context.User, changedBy.Policy)).Succeeded)
        {
            await context.ForbidAsync();
            return;
        }
        await next(context);
    }
}
