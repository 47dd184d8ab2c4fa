using IntegrationLedger.Application.Features.Integrations;
using IntegrationLedger.Domain.Integrations;
using IntegrationLedger.Web.Hosting;
using IntegrationLedger.Web.Security;
using Microsoft.AspNetCore.Mvc;

namespace IntegrationLedger.Web.Pages.Integrations;

[ChangedBy(Policies.ChangeInventory)]
public sealed class IndexModel(LedgerSession session) : LedgerPageModel(session)
{
    public IReadOnlyList<IntegrationSummary> Integrations { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Integrations = await new ListIntegrationsHandler(await LedgerAsync(cancellationToken)).HandleAsync(cancellationToken);

    public Task<IActionResult> OnPostAsync(string name, string? vendor, string? owner, string? purpose, NetworkTrust network, string? allowedCidrs,
        string? accounts, string? applications, string? connectedAppIds, string? clients, string? sourceIps, CancellationToken cancellationToken) =>
        ChangeAsync(async ledger =>
        {
            var rules = new[]
            {
                (AttributionRuleKind.Account, accounts), (AttributionRuleKind.Application, applications), (AttributionRuleKind.ConnectedAppId, connectedAppIds),
                (AttributionRuleKind.ClientName, clients), (AttributionRuleKind.SourceIp, sourceIps),
            }.SelectMany(r => FormValues.Split(r.Item2).Select(value => new AttributionRuleSpec(r.Item1, value))).ToList();
            var added = await new AddIntegrationHandler(ledger).HandleAsync(
                new AddIntegration(name, Blank(vendor), Blank(owner), Blank(purpose), null, network, FormValues.Split(allowedCidrs), rules), cancellationToken);
            return $"Added the integration {added.Name}.";
        }, cancellationToken);

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
