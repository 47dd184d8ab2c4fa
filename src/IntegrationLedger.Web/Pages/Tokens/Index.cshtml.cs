using IntegrationLedger.Application.Features.Tokens;
using IntegrationLedger.Web.Hosting;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IntegrationLedger.Web.Pages.Tokens;

public sealed class IndexModel(LedgerSession session) : PageModel
{
    public IReadOnlyList<TokenSummary> Tokens { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Tokens = await new ListTokensHandler(await session.OpenAsync(cancellationToken)).HandleAsync(new ListTokens(), cancellationToken);
}
