using IntegrationLedger.Domain.Common;
using System.Security.Claims;
using IntegrationLedger.Application.Common;
using IntegrationLedger.Application.Features.Reviews;
using IntegrationLedger.Domain.Reviews;
using IntegrationLedger.Web.Hosting;
using IntegrationLedger.Web.Security;
using Microsoft.AspNetCore.Mvc;

namespace IntegrationLedger.Web.Pages.Reviews;

/// <summary>Each owner sees and attests their own items; attesting someone else's is refused on the server.</summary>
[ChangedBy(Policies.AttestOwnItems)]
public sealed class IndexModel(LedgerSession session) : LedgerPageModel(session)
{
    public ReviewStatus? Status { get; private set; }
    public IReadOnlyList<ReviewItemView> Mine { get; private set; } = [];
    public string Me => User.FindFirstValue(ClaimTypes.Email) ?? "";

    /// <summary>The roles of <see cref="Policies.AttestOwnItems"/>, for offering the forms; the server checks it again.</summary>
    public bool CanAttest => User.IsInRole(Policies.OfficerRole) || User.IsInRole(Policies.AdminRole);

    /// <summary>Quarters a review can be started for: this one and the one before.</summary>
    public IReadOnlyList<string> Quarters { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var now = (await LedgerAsync(cancellationToken)).Now;
        Quarters = [Quarter.Of(now).ToString(), Quarter.Of(now.AddMonths(-3)).ToString()];
        try
        {
            Status = await new GetReviewStatusHandler(await LedgerAsync(cancellationToken)).LatestAsync(cancellationToken);
            Mine = Status.ItemList.Where(i => string.Equals(i.Owner, Me, StringComparison.OrdinalIgnoreCase)).ToList();
        }
        catch (NotFoundException)
        {
            Status = null;
        }
    }

    public Task<IActionResult> OnPostAsync(string item, ReviewDecision decision, string note, CancellationToken cancellationToken) =>
        ChangeAsync(async ledger =>
        {
            var result = await new AttestReviewItemHandler(ledger).HandleAsync(new AttestReviewItem(item, decision, note, AsOwner: Me), cancellationToken);
            return $"Recorded '{KebabCase.Of(decision)}' for {result.Item.Subject}." + (result.TokensRevoked.Count > 0 ? $" Revoked: {string.Join(", ", result.TokensRevoked)}." : "");
        }, cancellationToken);
}
