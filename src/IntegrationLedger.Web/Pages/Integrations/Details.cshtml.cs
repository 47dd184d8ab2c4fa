using IntegrationLedger.Application.Features.Access;
using IntegrationLedger.Application.Features.Activity;
using IntegrationLedger.Application.Features.ConnectedApps;
using IntegrationLedger.Application.Features.Integrations;
using IntegrationLedger.Domain.Integrations;
using IntegrationLedger.Web.Hosting;
using IntegrationLedger.Web.Security;
using Microsoft.AspNetCore.Mvc;

namespace IntegrationLedger.Web.Pages.Integrations;

[ChangedBy(Policies.ChangeInventory)]
public sealed class DetailsModel(LedgerSession session) : LedgerPageModel(session)
{
    [FromRoute]
    public string Name { get; set; } = "";

    public IntegrationDetails Details { get; private set; } = null!;

    /// <summary>The accounts it uses (through a token or an attribution rule), each with its access level now.</summary>
    public IReadOnlyList<AccountSummary> Accounts { get; private set; } = [];

    /// <summary>How many days of activity the page draws, to the last day imported.</summary>
    public const int ActivityDays = 90;

    /// <summary>Its daily activity over the last <see cref="ActivityDays"/> days, judged as the anomaly rules judge it.</summary>
    public ActivityView Activity { get; private set; } = null!;

    /// <summary>The connected apps its attribution rules claim.</summary>
    public IReadOnlyList<AppSummary> Apps { get; private set; } = [];

    [BindProperty]
    public ChangeIntegrationInput Change { get; set; } = new();

    [BindProperty]
    public VetIntegrationInput Vet { get; set; } = new();

    [BindProperty]
    public ChangeIntegrationOwnerInput Owner { get; set; } = new();

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostOwnerAsync(CancellationToken cancellationToken)
    {
        var details = await new ChangeIntegrationOwnerHandler(await LedgerAsync(cancellationToken)).HandleAsync(new ChangeIntegrationOwner(Name, Owner.Email), cancellationToken);
        return Done($"{details.Name} is now owned by {details.OwnerEmail}.");
    }

    public async Task<IActionResult> OnPostChangeAsync(CancellationToken cancellationToken)
    {
        await new ChangeIntegrationHandler(await LedgerAsync(cancellationToken)).HandleAsync(Change.ToRequest(Name), cancellationToken);
        return Done($"Saved the changes to {Name}.");
    }

    public async Task<IActionResult> OnPostVetAsync(CancellationToken cancellationToken)
    {
        await new VetIntegrationHandler(await LedgerAsync(cancellationToken)).HandleAsync(Vet.ToRequest(Name), cancellationToken);
        return Done($"Recorded the vetting of {Name}.");
    }

    protected override async Task<bool> ShowAgainAsync(string handler, CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        return true;
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var ledger = await LedgerAsync(cancellationToken);
        Details = await new ShowIntegrationHandler(ledger).HandleAsync(Name, cancellationToken);
        Accounts = await new ListAccountsOfHandler(ledger).OfIntegrationAsync(Name, cancellationToken);
        Activity = await new ShowActivityHandler(ledger).HandleAsync(new ShowActivity(Details.Name, ActivityDays), cancellationToken);
        Apps = (await new ListConnectedAppsHandler(ledger).HandleAsync(cancellationToken: cancellationToken)).Where(a => a.Integration == Details.Name).ToList();
    }
}

/// <summary>The "Change owner" form; <see cref="ChangeIntegrationOwnerValidator"/> judges it.</summary>
public sealed class ChangeIntegrationOwnerInput
{
    public string Email { get; set; } = "";
}

/// <summary>
/// The "Change" form: what is filled in is added; <see cref="ChangeIntegrationValidator"/> judges it. The owner
/// has a form of its own (<see cref="ChangeIntegrationOwnerInput"/>).
/// </summary>
public sealed class ChangeIntegrationInput
{
    public string? AllowCidrs { get; set; }
    public AttributionRuleKind RuleKind { get; set; }
    public string? RuleValues { get; set; }

    public ChangeIntegration ToRequest(string integration) =>
        new(integration, null, FormValues.Split(AllowCidrs), AttributionRuleSpec.Each(RuleKind, FormValues.Split(RuleValues)).ToList());
}

/// <summary>The "Record a vetting" form; <see cref="VetIntegrationValidator"/> judges it.</summary>
public sealed class VetIntegrationInput
{
    /// <summary>Empty until chosen (the browser insists on one).</summary>
    public DateOnly? ReviewedOn { get; set; }
    public string Reviewer { get; set; } = "";
    public VettingOutcome Outcome { get; set; }
    public string? Evidence { get; set; }

    public VetIntegration ToRequest(string integration) => new(integration, ReviewedOn.GetValueOrDefault(), Reviewer, Outcome, Evidence, null);
}
