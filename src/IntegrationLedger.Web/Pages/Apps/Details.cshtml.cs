using IntegrationLedger.Application.Features.ConnectedApps;
using IntegrationLedger.Web.Hosting;
using IntegrationLedger.Web.Security;
using Microsoft.AspNetCore.Mvc;

namespace IntegrationLedger.Web.Pages.Apps;

/// <summary>One connected app: its policy, who holds its OAuth tokens and when they last used them, the activity that named it, its history; an officer claims it for an integration.</summary>
[ChangedBy(Policies.ChangeInventory)]
public sealed class DetailsModel(LedgerSession session) : LedgerPageModel(session)
{
    /// <summary>The app's name, or its id when several share the name.</summary>
    [FromRoute]
    public string Name { get; set; } = "";

    public AppDetails Details { get; private set; } = null!;

    [BindProperty]
    public ClaimAppInput Claim { get; set; } = new();

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostClaimAsync(CancellationToken cancellationToken)
    {
        var result = await new SetConnectedAppHandler(await LedgerAsync(cancellationToken))
            .HandleAsync(new SetConnectedApp(Name, Claim.Integration, Claim.Vendor), cancellationToken);
        return Done($"{result.App} belongs to {result.Integration ?? "no integration"}" + (result.RuleAdded
            ? "; its events and OAuth tokens imported from now on are attributed to it." : "."));
    }

    protected override async Task<bool> ShowAgainAsync(string handler, CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        return true;
    }

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        Details = await new ShowConnectedAppHandler(await LedgerAsync(cancellationToken)).HandleAsync(Name, cancellationToken);
}

/// <summary>The "Claim for an integration" form: either field may be left empty, not both.</summary>
public sealed class ClaimAppInput
{
    public string? Integration { get; set; }
    public string? Vendor { get; set; }
}
