using IntegrationLedger.Application.Features.Vendors;
using IntegrationLedger.Web.Hosting;
using Microsoft.AspNetCore.Mvc;

namespace IntegrationLedger.Web.Pages.Vendors;

/// <summary>A vendor's integrations, their vetting, and its connected apps with the users who hold their tokens and when they last used them.</summary>
public sealed class DetailsModel(LedgerSession session) : LedgerPageModel(session)
{
    [FromRoute]
    public string Name { get; set; } = "";

    public VendorDetails Details { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Details = await new ShowVendorHandler(await LedgerAsync(cancellationToken)).HandleAsync(Name, cancellationToken);
}
