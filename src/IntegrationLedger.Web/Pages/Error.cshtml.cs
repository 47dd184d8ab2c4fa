using IntegrationLedger.Application.Common;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IntegrationLedger.Web.Pages;

/// <summary>
/// What a person sees of a failure: no stack trace, and whether waiting would help. It describes both an
/// exception no page handled and a status answered without a body (a 404, or the 503 of a busy ledger).
/// </summary>
[AllowAnonymous]
[Microsoft.AspNetCore.Mvc.IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public bool Busy { get; private set; }
    public bool Missing { get; private set; }

    /// <summary>The address that found nothing, as it was asked for (a status re-executed here keeps it).</summary>
    public string? MissingAddress { get; private set; }

    public void OnGet() => Describe();

    public void OnPost() => Describe();

    private void Describe()
    {
        if (HttpContext.Features.Get<IExceptionHandlerFeature>()?.Error is { } error)
            Response.StatusCode = LedgerBusy.Is(error) ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status500InternalServerError;
        else if (Response.StatusCode < StatusCodes.Status400BadRequest)
            // Asked for by its address rather than reached through a failure.
            Response.StatusCode = StatusCodes.Status500InternalServerError;
        Busy = Response.StatusCode == StatusCodes.Status503ServiceUnavailable;
        Missing = Response.StatusCode == StatusCodes.Status404NotFound;
        if (Missing && HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is { } original)
            MissingAddress = original.OriginalPathBase + original.OriginalPath + original.OriginalQueryString;
    }
}
