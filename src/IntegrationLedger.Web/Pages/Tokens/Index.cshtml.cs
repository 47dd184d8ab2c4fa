using IntegrationLedger.Application.Common;
using IntegrationLedger.Application.Features.Tokens;
using IntegrationLedger.Domain.Tokens;
using IntegrationLedger.Application.Common.Lists;
using IntegrationLedger.Web.Hosting;
using IntegrationLedger.Web.Lists;
using IntegrationLedger.Web.Security;
using Microsoft.AspNetCore.Mvc;
using SecretValue = IntegrationLedger.Application.Common.Security.Secret;

namespace IntegrationLedger.Web.Pages.Tokens;

[ChangedBy(Policies.ChangeInventory)]
public sealed class IndexModel(LedgerSession session) : LedgerPageModel(session)
{
    public TokenListState List { get; private set; } = new();

    public ListPage<TokenListRow> Tokens { get; private set; } = null!;

    /// <summary>The ledger's now, against which a row is overdue.</summary>
    public DateTime Now { get; private set; }

    [BindProperty]
    public AddTokenInput Add { get; set; } = new();

    public Task OnGetAsync([FromQuery] TokenListState list, CancellationToken cancellationToken) => LoadAsync(list, cancellationToken);

    public async Task<IActionResult> OnGetCsvAsync([FromQuery] TokenListState list, CancellationToken cancellationToken) =>
        new CsvDownload(new ListTokenPageHandler(await LedgerAsync(cancellationToken)).Export(list.ToRequest()));

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var token = await new AddTokenHandler(await LedgerAsync(cancellationToken)).HandleAsync(Add.ToRequest(), cancellationToken);
        return Done($"Registered {token.Label}, {DisplayText.Fingerprint(token.LastFour)}.");
    }

    protected override async Task<bool> ShowAgainAsync(string handler, CancellationToken cancellationToken)
    {
        await LoadAsync(await ListStateAsync<TokenListState>(), cancellationToken);
        return true;
    }

    private async Task LoadAsync(TokenListState list, CancellationToken cancellationToken)
    {
        var ledger = await LedgerAsync(cancellationToken);
        List = list;
        Now = ledger.Now;
        Tokens = await new ListTokenPageHandler(ledger).PageAsync(list.ToRequest(), cancellationToken);
    }
}

/// <summary>The token list's filters, from the address: <c>/tokens?status=Active&amp;owner=ana@example.com&amp;due=Within&amp;within=10</c>.</summary>
public sealed class TokenListState : ListState
{
    public TokenStatus? Status { get; set; }
    public TokenKind? Kind { get; set; }
    public string? Owner { get; set; }
    public TokenDue Due { get; set; }
    public int? Within { get; set; }
    public bool Waiting { get; set; }

    public ListTokenPage ToRequest() => new(ToQuery(), Status, Kind, Owner, Due, Within, Waiting);
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
