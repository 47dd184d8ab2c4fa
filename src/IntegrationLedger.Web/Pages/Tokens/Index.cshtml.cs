using IntegrationLedger.Application.Features.Tokens;
using IntegrationLedger.Application.Common.Security;
using IntegrationLedger.Domain.Tokens;
using IntegrationLedger.Web.Hosting;
using IntegrationLedger.Web.Security;
using Microsoft.AspNetCore.Mvc;

namespace IntegrationLedger.Web.Pages.Tokens;

[ChangedBy(Policies.ChangeInventory)]
public sealed class IndexModel(LedgerSession session) : LedgerPageModel(session)
{
    public IReadOnlyList<TokenSummary> Tokens { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Tokens = await new ListTokensHandler(await LedgerAsync(cancellationToken)).HandleAsync(new ListTokens(), cancellationToken);

    public Task<IActionResult> OnPostAsync(string label, TokenKind kind, string owner, string? account, string? secret, CancellationToken cancellationToken) =>
        ChangeAsync(async ledger =>
        {
            var token = await new AddTokenHandler(ledger).HandleAsync(new AddToken(
                label, kind, owner, string.IsNullOrWhiteSpace(account) ? null : account,
                Secret: string.IsNullOrEmpty(secret) ? null : Secret.Parse(secret)), cancellationToken);
            return $"Registered {token.Label}" + (token.LastFour is null ? "." : $", fingerprinted (ends …{token.LastFour}).");
        }, cancellationToken);
}
