using System.Globalization;
using FluentValidation;
using IntegrationLedger.Application;
using IntegrationLedger.Application.Common;
using IntegrationLedger.Domain.Common;
using IntegrationLedger.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IntegrationLedger.Web.Pages;

/// <summary>
/// A page over the ledger. Its handlers run use cases and leave every expected failure to this class, which
/// answers them all one way: a form refused is shown again as it was typed (secrets aside), each reason beside
/// the field it is about, on pages that can show themselves again (<see cref="ShowAgainAsync"/>); elsewhere a
/// change (or a download) refused comes back to the page by a redirect with the use case's own message. A
/// change made always comes back by a redirect, so a reload does not repeat it. A page whose address names
/// nothing in the ledger is a 404; a ledger kept busy by another process is a 503 whose page says so.
/// </summary>
public abstract class LedgerPageModel(LedgerSession session) : PageModel
{
    /// <summary>What the last change did, shown once on the page it came back to.</summary>
    [TempData]
    public string? Message { get; set; }

    /// <summary>Why the last change or download was refused, shown once on the page it came back to.</summary>
    [TempData]
    public string? Error { get; set; }

    /// <summary>Whether to offer the forms that change the inventory; the server checks the role again on every change.</summary>
    public bool CanChange => User.IsInRole(Security.Policies.OfficerRole);

    protected Task<Ledger> LedgerAsync(CancellationToken cancellationToken) => session.OpenAsync(cancellationToken);

    /// <summary>Back to the page after a change, saying what was done.</summary>
    protected IActionResult Done(string message)
    {
        Message = message;
        return BackToPage();
    }

    /// <summary>Back to the page after a change or download that could not be made, saying why.</summary>
    protected IActionResult Refused(string problem)
    {
        Error = problem;
        return BackToPage();
    }

    /// <summary>Where a change comes back to: the page itself, at the address it was posted to.</summary>
    protected virtual IActionResult BackToPage() => RedirectToPage();

    /// <summary>
    /// Loads what the page shows after the form posted to <paramref name="handler"/> was refused, so that the
    /// form can be shown again with what was typed and its errors; false (the default) to come back by a redirect.
    /// </summary>
    protected virtual Task<bool> ShowAgainAsync(string handler, CancellationToken cancellationToken) => Task.FromResult(false);

    /// <summary>
    /// A list's state as the address carries it, for a page shown again after a refused POST (a GET takes it as
    /// a handler parameter): the form posts to the list's own address, so the list comes back as it was.
    /// </summary>
    protected async Task<TState> ListStateAsync<TState>()
        where TState : Lists.ListState, new()
    {
        var state = new TState();
        await TryUpdateModelAsync(state, "", new QueryStringValueProvider(BindingSource.Query, Request.Query, CultureInfo.InvariantCulture));
        return state;
    }

    /// <summary>Whether <paramref name="key"/> (<c>Revoke.Reason</c>) names a field of one of the page's bound forms.</summary>
    private bool IsField(string key) =>
        key.Split('.') is [var form, var field]
        && GetType().GetProperty(form) is { } property && property.IsDefined(typeof(BindPropertyAttribute), inherit: true)
        && property.PropertyType.GetProperty(field) is not null;

    /// <summary>A refused form: shown again with each problem beside its field where the page can, else back by a redirect.</summary>
    private async Task<IActionResult> RefusedFormAsync(string handler, IEnumerable<(string? Property, string Message)> problems, CancellationToken cancellationToken)
    {
        var list = problems.ToList();
        foreach (var (property, message) in list)
            ModelState.AddModelError(FormFields.KeyFor(Request.Form, property, message, IsField), message);
        return await PageAgainAsync(handler, cancellationToken) ?? Refused(string.Join(" ", list.Select(p => p.Message).Distinct()));
    }

    /// <summary>The page shown again with its refused form, or null when the page comes back by a redirect instead.</summary>
    private async Task<IActionResult?> PageAgainAsync(string handler, CancellationToken cancellationToken)
    {
        try
        {
            return await ShowAgainAsync(handler, cancellationToken) ? Page() : null;
        }
        catch (Exception exception) when (exception is NotFoundException or DomainException)
        {
            // The form was posted to the page of something that is not (or no longer) in the ledger.
            return NotFound();
        }
    }

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var isRead = HttpMethods.IsGet(context.HttpContext.Request.Method);
        var handler = context.HandlerMethod?.Name ?? "";
        if (!isRead && !ModelState.IsValid)
        {
            // A value that did not bind would reach the use case as its type's default (the first role, say).
            if (await PageAgainAsync(handler, context.HttpContext.RequestAborted) is { } again)
            {
                context.Result = again;
                return;
            }
            var fields = ModelState.Where(e => e.Value?.Errors.Count > 0).Select(e => e.Key);
            context.Result = Refused($"The form was incomplete or had a value that is not allowed ({string.Join(", ", fields)}); nothing was changed.");
            // Cut short here, the request never reaches the filter that saves [TempData] properties (it runs
            // inside this one), so the message is put in TempData by hand.
            TempData[nameof(Error)] = Error;
            return;
        }
        var executed = await next();
        if (executed.Exception is not { } exception || executed.ExceptionHandled)
            return;
        var showsThePageItself = isRead && (handler.Length == 0
            || context.HandlerMethod?.MethodInfo.IsDefined(typeof(ConfirmationStepAttribute), inherit: false) == true);
        var cancellationToken = context.HttpContext.RequestAborted;
        IActionResult? answer = exception switch
        {
            _ when LedgerBusy.Is(exception) => StatusCode(StatusCodes.Status503ServiceUnavailable),
            // The token, person or integration in the address is not in the ledger (or is no name at all).
            NotFoundException or DomainException or ValidationException when showsThePageItself => NotFound(),
            ValidationException invalid when !isRead => await RefusedFormAsync(handler, invalid.Errors.Select(e => ((string?)e.PropertyName, e.ErrorMessage)), cancellationToken),
            NotFoundException or DomainException when !isRead => await RefusedFormAsync(handler, [(null, exception.Message)], cancellationToken),
            ValidationException invalid => Refused(string.Join(" ", invalid.Errors.Select(e => e.ErrorMessage))),
            NotFoundException or DomainException => Refused(exception.Message),
            _ => null,
        };
        if (answer is not null)
        {
            executed.Result = answer;
            executed.ExceptionHandled = true;
        }
    }
}
