using IntegrationLedger.Application.Features.Incidents;
using IntegrationLedger.Application.Features.Vendors;
using IntegrationLedger.Web.Hosting;
using IntegrationLedger.Web.Security;
using Microsoft.AspNetCore.Mvc;

namespace IntegrationLedger.Web.Pages.Vendors;

/// <summary>
/// A vendor's integrations, their vetting, and its connected apps with the users who hold their tokens and when
/// they last used them; an officer opens an incident for the vendor from here.
/// </summary>
[ChangedBy(Policies.ChangeInventory)]
public sealed class DetailsModel(LedgerSession session) : LedgerPageModel(session)
{
    [FromRoute]
    public string Name { get; set; } = "";

    public VendorDetails Details { get; private set; } = null!;

    [BindProperty]
    public StartIncidentInput Start { get; set; } = new();

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostStartAsync(CancellationToken cancellationToken)
    {
        var since = Start.Since?.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var incident = await new StartIncidentHandler(await LedgerAsync(cancellationToken))
            .HandleAsync(new StartIncident(Name, null, Start.Reason ?? "", since), cancellationToken);
        return RedirectToPage("/Incidents/Details", new { id = incident.Id });
    }

    protected override async Task<bool> ShowAgainAsync(string handler, CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        return true;
    }

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        Details = await new ShowVendorHandler(await LedgerAsync(cancellationToken)).HandleAsync(Name, cancellationToken);
}

/// <summary>The "Open an incident" form: why, and since which day (UTC) to review the activity.</summary>
public sealed class StartIncidentInput
{
    public string? Reason { get; set; }
    public DateOnly? Since { get; set; }
}
