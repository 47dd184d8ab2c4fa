using FluentValidation;
using IntegrationLedger.Application;
using IntegrationLedger.Application.Common;
using IntegrationLedger.Domain.Common;
using IntegrationLedger.Web.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IntegrationLedger.Web.Pages;

/// <summary>
/// A page that changes the ledger: each change runs one use case, and answers with a redirect (so a reload
/// does not repeat it) carrying either what was done or the use case's own message about what was wrong.
/// </summary>
public abstract class LedgerPageModel(LedgerSession session) : PageModel
{
    /// <summary>Whether to offer the forms that change the inventory; the server checks the role again on every change.</summary>
    public bool CanChange => User.IsInRole(Security.Policies.OfficerRole);

    protected Task<Ledger> LedgerAsync(CancellationToken cancellationToken) => session.OpenAsync(cancellationToken);

    /// <summary>A page asked for something the ledger does not hold (an unknown token, a blank name) is a 404, not an error.</summary>
    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        if (HttpMethods.IsGet(context.HttpContext.Request.Method) && executed.Exception is NotFoundException or DomainException)
        {
            executed.Result = NotFound();
            executed.ExceptionHandled = true;
        }
    }

    protected async Task<IActionResult> ChangeAsync(Func<Ledger, Task<string>> change, CancellationToken cancellationToken, object? routeValues = null, string? pageName = null)
    {
        if (!ModelState.IsValid)
        {
            // A value that did not bind would reach the use case as its type's default (the first role, say).
            var fields = ModelState.Where(e => e.Value?.Errors.Count > 0).Select(e => e.Key);
            TempData["Error"] = $"The form was incomplete or had a value that is not allowed ({string.Join(", ", fields)}); nothing was changed.";
            return RedirectToPage(pageName, routeValues);
        }
        try
        {
            TempData["Message"] = await change(await LedgerAsync(cancellationToken));
        }
        catch (ValidationException exception)
        {
            TempData["Error"] = string.Join(" ", exception.Errors.Select(e => e.ErrorMessage));
        }
        catch (Exception exception) when (exception is DomainException or NotFoundException)
        {
            TempData["Error"] = exception.Message;
        }
        return RedirectToPage(pageName, routeValues);
    }
}
