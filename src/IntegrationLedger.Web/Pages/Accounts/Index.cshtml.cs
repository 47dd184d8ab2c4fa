using System.Globalization;
using IntegrationLedger.Application.Common.Lists;
using IntegrationLedger.Application.Features.Access;
using IntegrationLedger.Web.Hosting;
using IntegrationLedger.Web.Lists;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc;

namespace IntegrationLedger.Web.Pages.Accounts;

/// <summary>
/// The Salesforce accounts with their access level, for an auditor to narrow down: integration accounts, powerful
/// permissions, no strong MFA, old passwords, as of a past date. <see cref="ListAccountsHandler"/> gives every
/// matching account from one load of the ledger's access; the page shows one page of them, and the CSV all.
/// </summary>
public sealed class IndexModel(LedgerSession session) : LedgerPageModel(session)
{
    public AccountListState List { get; private set; } = new();

    public ListPage<AccountSummary> Accounts { get; private set; } = null!;

    /// <summary>The moment the access shown is of; null for now.</summary>
    public DateTime? AsOf { get; private set; }

    public async Task OnGetAsync([FromQuery] AccountListState list, CancellationToken cancellationToken)
    {
        List = list;
        Accounts = AccountOrder.Page(await SortedAsync(list, cancellationToken), list.ToQuery());
    }

    public async Task<IActionResult> OnGetCsvAsync([FromQuery] AccountListState list, CancellationToken cancellationToken) =>
        new CsvDownload(AccountListExport.Of(await SortedAsync(list, cancellationToken)));

    private async Task<IReadOnlyList<AccountSummary>> SortedAsync(AccountListState list, CancellationToken cancellationToken)
    {
        var ledger = await LedgerAsync(cancellationToken);
        AsOf = AsOfDate.Moment(list.AsOf, ledger.Now);
        IgnoreOutOfRange(list);
        var accounts = await new ListAccountsHandler(ledger).HandleAsync(list.ToRequest(AsOf), cancellationToken);
        return AccountOrder.Apply(accounts, list.ToQuery());
    }

    /// <summary>
    /// A number of days the handler would refuse came from an address anyone can type: the list is shown without
    /// that filter, and the summary above it says so (as for a value that could not be read at all).
    /// </summary>
    private void IgnoreOutOfRange(AccountListState list)
    {
        if (list.PasswordOlderThan is not { } days || new ListAccountsValidator().Validate(list.ToRequest(null)).IsValid)
            return;
        var key = nameof(AccountListState.PasswordOlderThan);
        var text = days.ToString(CultureInfo.InvariantCulture);
        ModelState.SetModelValue(key, text, text);
        ModelState.AddModelError(key, "not a number of days from 0 to 36500");
        list.PasswordOlderThan = null;
    }
}

/// <summary>
/// The accounts list's filters, from the address: <c>/accounts?integration=true&amp;powerful=true&amp;nomfa=true&amp;passwordolderthan=90&amp;asof=2026-11-01</c>.
/// Shown 100 to a page unless asked otherwise: an auditor reads down a long list.
/// </summary>
public sealed class AccountListState : ListState
{
    public AccountListState() => Size = 100;

    /// <summary>Only accounts kept for software or used by an integration.</summary>
    public bool Integration { get; set; }

    /// <summary>Only accounts that hold a powerful permission.</summary>
    public bool Powerful { get; set; }

    /// <summary>Only browser sign-ins without a strong verification method, or with the MFA waiver.</summary>
    public bool NoMfa { get; set; }

    public int? PasswordOlderThan { get; set; }

    /// <summary>The day whose end the access is shown as of; none for now.</summary>
    public DateOnly? AsOf { get; set; }

    public string AsOfText => AsOf?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    public ListAccounts ToRequest(DateTime? moment) => new(Integration, Powerful, NoMfa, PasswordOlderThan, moment, Q);

    /// <summary>The address of the list a request asks for: where the dashboard's figures lead.</summary>
    public static string Address(ListAccounts request)
    {
        var query = new QueryBuilder();
        if (request.IntegrationUsersOnly)
            query.Add("integration", "true");
        if (request.PowerfulOnly)
            query.Add("powerful", "true");
        if (request.WithoutMfaOnly)
            query.Add("nomfa", "true");
        if (request.PasswordOlderThanDays is { } days)
            query.Add("passwordolderthan", days.ToString(CultureInfo.InvariantCulture));
        if (!string.IsNullOrEmpty(request.Search))
            query.Add("q", request.Search);
        return "/accounts" + query.ToQueryString();
    }
}
