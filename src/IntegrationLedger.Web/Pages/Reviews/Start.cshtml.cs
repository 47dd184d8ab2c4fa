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
    public IActionResult OnGet() => RedirectToPage("/Reviews/Index");

    public Task<IActionResult> OnPostAsync(string quarter, DateOnly? dueOn, CancellationToken cancellationToken) =>
        ChangeAsync(async ledger =>
        {
            var status = await new StartReviewHandler(ledger).HandleAsync(new StartReview(Quarter.Parse(quarter), dueOn), cancellationToken);
            return $"Started the review of {status.Quarter}: {status.Items} items for their owners to attest by {status.DueOn:yyyy-MM-dd}.";
        }, cancellationToken, pageName: "/Reviews/Index");
}
