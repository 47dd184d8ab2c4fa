using IntegrationLedger.Application.Common;
using IntegrationLedger.Application.Features.People;
using IntegrationLedger.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IntegrationLedger.Web.Pages.People;

public sealed class DetailsModel(LedgerSession session) : PageModel
{
    public PersonDetails Details { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string email, CancellationToken cancellationToken)
    {
        try
        {
            Details = await new ShowPersonHandler(await session.OpenAsync(cancellationToken)).HandleAsync(email, cancellationToken);
            return Page();
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
    }
}
