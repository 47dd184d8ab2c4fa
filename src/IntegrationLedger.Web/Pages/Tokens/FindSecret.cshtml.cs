using System.ComponentModel.DataAnnotations;
using IntegrationLedger.Application.Features.Tokens;
using IntegrationLedger.Application.Features.Tokens.Secrets;
using IntegrationLedger.Web.Hosting;
using IntegrationLedger.Web.Security;
using Microsoft.AspNetCore.Mvc;
using SecretValue = IntegrationLedger.Application.Common.Security.Secret;

namespace IntegrationLedger.Web.Pages.Tokens;

/// <summary>
/// "Whose is this, and is it still live?" for a value found in a repository, a ticket or a paste: the officer
/// pastes it, the page names the token (current, superseded or revoked), its owner, the integrations that used
/// it and what to do. The value is fingerprinted and dropped: never logged, kept, or written back into the page.
/// Officers only, since answering is confirming a guess.
/// </summary>
[ChangedBy(Policies.ChangeInventory)]
public sealed class FindSecretModel(LedgerSession session) : LedgerPageModel(session)
{
    [BindProperty]
    public FindSecretInput Find { get; set; } = new();

    /// <summary>Whether a value was looked for, so "not found" is told apart from a page not yet used.</summary>
    public bool Looked { get; private set; }

    public SecretMatch? Match { get; private set; }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var secret = SecretValue.Parse(Find.Secret ?? "");
        // Nothing of the value goes back into the page, not even on a refusal.
        Find = new FindSecretInput();
        ModelState.Clear();
        Match = await new FindTokenHandler(await LedgerAsync(cancellationToken)).HandleAsync(secret, cancellationToken);
        Looked = true;
        return Page();
    }

    /// <summary>A refused value (empty, too short) is shown again with its reason beside the field, never echoed.</summary>
    protected override Task<bool> ShowAgainAsync(string handler, CancellationToken cancellationToken) => Task.FromResult(true);
}

public sealed class FindSecretInput
{
    [Required(ErrorMessage = "Paste the value to look for.")]
    public string? Secret { get; set; }
}
