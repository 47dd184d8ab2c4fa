using IntegrationLedger.Application.Features.Integrations;
using IntegrationLedger.Domain.Integrations;
using IntegrationLedger.Application.Common.Lists;
using IntegrationLedger.Web.Hosting;
using IntegrationLedger.Web.Lists;
using IntegrationLedger.Web.Security;
using Microsoft.AspNetCore.Mvc;

namespace IntegrationLedger.Web.Pages.Integrations;

[ChangedBy(Policies.ChangeInventory)]
public sealed class IndexModel(LedgerSession session) : LedgerPageModel(session)
{
    public IntegrationListState List { get; private set; } = new();

    public ListPage<IntegrationListRow> Integrations { get; private set; } = null!;

    /// <summary>The vendors the ledger knows, offered as the vendor filter's choices.</summary>
    public IReadOnlyList<string> Vendors { get; private set; } = [];

    [BindProperty]
    public AddIntegrationInput Add { get; set; } = new();

    public Task OnGetAsync([FromQuery] IntegrationListState list, CancellationToken cancellationToken) => LoadAsync(list, cancellationToken);

    public async Task<IActionResult> OnGetCsvAsync([FromQuery] IntegrationListState list, CancellationToken cancellationToken) =>
        new CsvDownload(new ListIntegrationPageHandler(await LedgerAsync(cancellationToken)).Export(list.ToRequest()));

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var added = await new AddIntegrationHandler(await LedgerAsync(cancellationToken)).HandleAsync(Add.ToRequest(), cancellationToken);
        return Done($"Added the integration {added.Name}.");
    }

    protected override async Task<bool> ShowAgainAsync(string handler, CancellationToken cancellationToken)
    {
        await LoadAsync(await ListStateAsync<IntegrationListState>(), cancellationToken);
        return true;
    }

    private async Task LoadAsync(IntegrationListState list, CancellationToken cancellationToken)
    {
        var handler = new ListIntegrationPageHandler(await LedgerAsync(cancellationToken));
        List = list;
        Integrations = await handler.PageAsync(list.ToRequest(), cancellationToken);
        Vendors = await handler.VendorsAsync(cancellationToken);
    }
}

/// <summary>The integration list's filters, from the address: <c>/integrations?vendor=Acme&amp;network=Untrusted&amp;vetting=Expired</c>.</summary>
public sealed class IntegrationListState : ListState
{
    public string? Vendor { get; set; }
    public string? Owner { get; set; }
    public NetworkTrust? Network { get; set; }
    public VettingState Vetting { get; set; }

    public ListIntegrationPage ToRequest() => new(ToQuery(), Vendor, Owner, Network, Vetting);
}

/// <summary>The "Add an integration" form; <see cref="AddIntegrationValidator"/> judges it. Lists are typed as <see cref="FormValues"/>.</summary>
public sealed class AddIntegrationInput
{
    public string Name { get; set; } = "";
    public string? Vendor { get; set; }
    public string? Owner { get; set; }
    public string? Purpose { get; set; }
    public NetworkTrust Network { get; set; }
    public string? AllowedCidrs { get; set; }

    /// <summary>The ways to recognise its activity in imported logs, one field per kind of rule.</summary>
    public string? Accounts { get; set; }
    public string? Applications { get; set; }
    public string? ConnectedAppIds { get; set; }
    public string? Clients { get; set; }
    public string? SourceIps { get; set; }

    public AddIntegration ToRequest()
    {
        var rules = new[]
        {
            (AttributionRuleKind.Account, Accounts), (AttributionRuleKind.Application, Applications), (AttributionRuleKind.ConnectedAppId, ConnectedAppIds),
            (AttributionRuleKind.ClientName, Clients), (AttributionRuleKind.SourceIp, SourceIps),
        }.SelectMany(r => AttributionRuleSpec.Each(r.Item1, FormValues.Split(r.Item2))).ToList();
        return new AddIntegration(Name, Blank(Vendor), Blank(Owner), Blank(Purpose), null, Network, FormValues.Split(AllowedCidrs), rules);
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
