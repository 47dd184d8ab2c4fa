using IntegrationLedger.Application.Features.Reviews;
using IntegrationLedger.Domain.Reviews;
using IntegrationLedger.Web.Hosting;
using IntegrationLedger.Web.Security;
using Microsoft.AspNetCore.Mvc;

namespace IntegrationLedger.Web.Pages.Reviews;

/// <summary>Starting a quarter's review changes the inventory's records, so it is an officer's, apart from attesting.</summary>
[ChangedBy(Policies.ChangeInventory)]
public sealed class StartModel(LedgerSession session) : LedgerPageModel(session)
{
    [BindProperty]
    public StartReviewInput Start { get; set; } = new();

    public IActionResult OnGet() => BackToPage();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var status = await new StartReviewHandler(await LedgerAsync(cancellationToken)).HandleAsync(Start.ToRequest(), cancellationToken);
        return Done($"Started the review of {status.Quarter}: {status.Items} items for their owners to attest by {status.DueOn:yyyy-MM-dd}.");
    }

    /// <summary>The review's own page, where the form was.</summary>
    protected override IActionResult BackToPage() => RedirectToPage("/Reviews/Index");
}

/// <summary>The "Start a review" form on the review page.</summary>
public sealed class StartReviewInput
{
    public string Quarter { get; set; } = "";
    public DateOnly? DueOn { get; set; }

    public StartReview ToRequest() => new(Domain.Reviews.Quarter.Parse(Quarter), DueOn);
}
