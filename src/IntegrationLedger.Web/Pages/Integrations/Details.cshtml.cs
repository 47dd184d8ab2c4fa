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

    [BindProperty]
    public ChangeIntegrationInput Change { get; set; } = new();

    [BindProperty]
    public VetIntegrationInput Vet { get; set; } = new();

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Details = await new ShowIntegrationHandler(await LedgerAsync(cancellationToken)).HandleAsync(Name, cancellationToken);

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
}

/// <summary>The "Change" form: what is filled in is added; <see cref="ChangeIntegrationValidator"/> judges it.</summary>
public sealed class ChangeIntegrationInput
{
    public string? NewOwner { get; set; }
    public string? AllowCidrs { get; set; }
    public AttributionRuleKind RuleKind { get; set; }
    public string? RuleValues { get; set; }

    public ChangeIntegration ToRequest(string integration) =>
        new(integration, NewOwner, FormValues.Split(AllowCidrs), AttributionRuleSpec.Each(RuleKind, FormValues.Split(RuleValues)).ToList());
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
