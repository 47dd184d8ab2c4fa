using IntegrationLedger.Application.Features.Search;
using IntegrationLedger.Web.Hosting;
using Microsoft.AspNetCore.Mvc;

namespace IntegrationLedger.Web.Pages.Search;

/// <summary>What the header's search box finds: tokens, integrations, people and platform accounts, grouped, a bounded number of each.</summary>
public sealed class IndexModel(LedgerSession session) : LedgerPageModel(session)
{
    public SearchResults Results { get; private set; } = null!;

    public async Task OnGetAsync([FromQuery] string? q, CancellationToken cancellationToken) =>
        Results = await new SearchLedgerHandler(await LedgerAsync(cancellationToken)).HandleAsync(new SearchLedger(q ?? ""), cancellationToken);
}

/// <summary>One kind of result as the page shows it: its heading, where each hit's page is, and the full list it comes from.</summary>
/// <param name="PagePrefix">Where a hit's page is, before its key; null for accounts, which lead to their owner's page.</param>
public sealed record SearchGroupView(string Title, SearchGroup Group, string? PagePrefix, string AllHref, string AllNoun)
{
    public string Id => Title.Replace(' ', '-').ToLowerInvariant();
}
