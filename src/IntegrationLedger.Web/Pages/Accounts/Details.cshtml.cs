using System.Globalization;
using IntegrationLedger.Application.Features.Access;
using IntegrationLedger.Web.Hosting;
using Microsoft.AspNetCore.Mvc;

namespace IntegrationLedger.Web.Pages.Accounts;

/// <summary>One account's access level, now or as of a past day; how its snapshots came to be; and its open findings.</summary>
public sealed class DetailsModel(LedgerSession session) : LedgerPageModel(session)
{
    [FromRoute]
    public string Username { get; set; } = "";

    /// <summary>The day whose end the access is shown as of; none for now.</summary>
    [FromQuery(Name = "asof")]
    public DateOnly? AsOfDay { get; set; }

    public string AsOfText => AsOfDay?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    /// <summary>The moment shown; null for now.</summary>
    public DateTime? AsOf { get; private set; }

    public AccountDetails Details { get; private set; } = null!;

    /// <summary>Where the account's open findings are listed, for working them.</summary>
    public string FindingsAddress => $"/findings?status=Unresolved&subject=Account&q={Uri.EscapeDataString(Details.Account.Username)}";

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var ledger = await LedgerAsync(cancellationToken);
        AsOf = AsOfDate.Moment(AsOfDay, ledger.Now);
        Details = await new ShowAccountHandler(ledger).HandleAsync(Username, AsOf, cancellationToken);
    }
}
