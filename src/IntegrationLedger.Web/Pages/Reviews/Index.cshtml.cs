using System.Security.Claims;
using IntegrationLedger.Application.Common;
using IntegrationLedger.Application.Features.Reviews;
using IntegrationLedger.Domain.Common;
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

    /// <summary>The "Start a review" form, which <see cref="StartModel"/> receives: only officers start reviews.</summary>
    public StartReviewInput Start { get; } = new();

    [BindProperty]
    public AttestInput Attest { get; set; } = new();

    /// <summary>The item whose "revoke" waits for confirmation, when the page is that step.</summary>
    public ReviewItemView? ConfirmingRevoke { get; private set; }

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var ledger = await LedgerAsync(cancellationToken);
        Quarters = [Quarter.Of(ledger.Now).ToString(), Quarter.Of(ledger.Now.AddMonths(-3)).ToString()];
        try
        {
            Status = await new GetReviewStatusHandler(ledger).LatestAsync(cancellationToken);
            Mine = Status.ItemList.Where(i => string.Equals(i.Owner, Me, StringComparison.OrdinalIgnoreCase)).ToList();
        }
        catch (NotFoundException)
        {
            // No review started yet: the page says so, and offers to start one.
            Status = null;
        }
    }

    /// <summary>
    /// A "revoke" revokes tokens at once, so it is asked for on a confirmation step first; keep and change are not, nor is
    /// revoking an access level, which revokes nothing (the ledger records it and says what to do in Salesforce).
    /// </summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (Attest.Decision == ReviewDecision.Revoke && !Attest.Confirmed)
        {
            await LoadAsync(cancellationToken);
            ConfirmingRevoke = Mine.FirstOrDefault(i => i.Id == Attest.Item && i.Decision is null && i.SubjectType != ReviewSubjects.AccountAccess);
            // Not an open item of this owner's: the use case refuses it, in its own words.
            if (ConfirmingRevoke is not null)
                return Page();
        }
        var result = await new AttestReviewItemHandler(await LedgerAsync(cancellationToken)).HandleAsync(Attest.ToRequest(Me), cancellationToken);
        return Done($"Recorded '{KebabCase.Of(Attest.Decision)}' for {result.Item.Subject}." + (result.TokensRevoked.Count > 0 ? $" Revoked: {string.Join(", ", result.TokensRevoked)}." : "")
            + (result.InSalesforce is { } inSalesforce ? $" {inSalesforce}" : ""));
    }
}

/// <summary>An item's attestation, whose buttons send the decision; <see cref="AttestReviewItemValidator"/> judges it.</summary>
public sealed class AttestInput
{
    public string Item { get; set; } = "";
    public ReviewDecision Decision { get; set; }
    public string Note { get; set; } = "";

    /// <summary>Sent by the confirmation step's button: a "revoke" without it shows that step rather than acting.</summary>
    public bool Confirmed { get; set; }

    /// <summary>Attested as the signed-in owner, so the use case refuses anyone else's item.</summary>
    public AttestReviewItem ToRequest(string owner) => new(Item, Decision, Note, AsOwner: owner);
}
