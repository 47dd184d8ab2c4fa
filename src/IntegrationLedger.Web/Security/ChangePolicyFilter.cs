using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace IntegrationLedger.Web.Security;

/// <summary>
/// Enforces <see cref="ChangedByAttribute"/> on the server for every request that is not a read, whatever
/// the page shows or hides: a crafted POST from an auditor is refused (403) and recorded like any other.
/// </summary>
internal sealed class ChangePolicyFilter(IAuthorizationService authorization) : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var request = context.HttpContext.Request;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || IsAnonymousPage(context))
        {
            await next();
            return;
        }
        var changedBy = context.HandlerInstance.GetType().GetCustomAttributes(typeof(ChangedByAttribute), inherit: false).OfType<ChangedByAttribute>().SingleOrDefault();
        if (changedBy is null || !(await authorization.AuthorizeAsync(context.HttpContext.User, changedBy.Policy)).Succeeded)
        {
            context.Result = new ForbidResult();
            return;
        }
        await next();
    }

    /// <summary>Signing in is the one change made before there is anyone to authorize.</summary>
    private static bool IsAnonymousPage(PageHandlerExecutingContext context) =>
        context.ActionDescriptor.EndpointMetadata.OfType<IAllowAnonymous>().Any();
}
