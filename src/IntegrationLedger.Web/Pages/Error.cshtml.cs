using IntegrationLedger.Application.Common;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IntegrationLedger.Web.Pages;

/// <summary>What a person sees of an unexpected failure: no stack trace, and whether waiting would help.</summary>
[AllowAnonymous]
[Microsoft.AspNetCore.Mvc.IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public bool Busy { get; private set; }

    public void OnGet() => Describe();

    public void OnPost() => Describe();

    private void Describe()
    {
        Busy = HttpContext.Features.Get<IExceptionHandlerFeature>()?.Error is { } error && LedgerBusy.Is(error);
        Response.StatusCode = Busy ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status500InternalServerError;
    }
}
