using IntegrationLedger.Application.Common;
using IntegrationLedger.Application.Features.Tokens;
using IntegrationLedger.Domain.Tokens;
using IntegrationLedger.Web.Hosting;
using IntegrationLedger.Web.Security;
using Microsoft.AspNetCore.Mvc;
using SecretValue = IntegrationLedger.Application.Common.Security.Secret;

namespace IntegrationLedger.Web.Pages.Tokens;

[ChangedBy(Policies.ChangeInventory)]
public sealed class IndexModel(LedgerSession session) : LedgerPageModel(session)
{
    public IReadOnlyList<TokenSummary> Tokens { get; private set; } = [];

    [BindProperty]
    public AddTokenInput Add { get; set; } = new();

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var token = await new AddTokenHandler(await LedgerAsync(cancellationToken)).HandleAsync(Add.ToRequest(), cancellationToken);
        return Done($"Registered {token.Label}, {DisplayText.Fingerprint(token.LastFour)}.");
    }

    protected override async Task<bool> ShowAgainAsync(string handler, CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        return true;
    }

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        Tokens = await new ListTokensHandler(await LedgerAsync(cancellationToken)).HandleAsync(new ListTokens(), cancellationToken);
}

/// <summary>
/// The "Register a token" form; <see cref="AddTokenValidator"/> judges it. A class, not a record: a record's
/// generated ToString would print the secret into any log that printed the input.
/// </summary>
public sealed class AddTokenInput
{
    public string Label { get; set; } = "";
    public TokenKind Kind { get; set; }
    public string Owner { get; set; } = "";
    public string? Account { get; set; }
    public string? Secret { get; set; }

    public AddToken ToRequest() =>
        new(Label, Kind, Owner, string.IsNullOrWhiteSpace(Account) ? null : Account,
            Secret: string.IsNullOrEmpty(Secret) ? null : SecretValue.Parse(Secret));
}
