using System.Globalization;
using IntegrationLedger.Application.Common.Lists;
using IntegrationLedger.Application.Features.Usage;
using IntegrationLedger.Web.Hosting;
using IntegrationLedger.Web.Lists;
using Microsoft.AspNetCore.Mvc;

namespace IntegrationLedger.Web.Pages.Events;

/// <summary>The imported usage events, filtered and paged by the database: readable at millions of events.</summary>
public sealed class IndexModel(LedgerSession session) : LedgerPageModel(session)
{
    public EventListState List { get; private set; } = new();

    public ListPage<EventListRow> Events { get; private set; } = null!;

    public async Task OnGetAsync([FromQuery] EventListState list, CancellationToken cancellationToken)
    {
        List = list;
        Events = await new ListEventPageHandler(await LedgerAsync(cancellationToken)).PageAsync(list.ToRequest(), cancellationToken);
    }

    public async Task<IActionResult> OnGetCsvAsync([FromQuery] EventListState list, CancellationToken cancellationToken) =>
        new CsvDownload(await new ListEventPageHandler(await LedgerAsync(cancellationToken)).ExportAsync(list.ToRequest(), cancellationToken));
}

/// <summary>
/// The events list's filters, from the address: <c>/events?integration=Nightly%20ETL&amp;outcome=Failed&amp;from=2026-11-01T00:00</c>.
/// Times are UTC, as everywhere in the ledger.
/// </summary>
public sealed class EventListState : ListState
{
    public DateTime? From { get; set; }
    public DateTime? To { get; set; }
    public string? Integration { get; set; }
    public string? Account { get; set; }
    public string? Type { get; set; }
    public string? Address { get; set; }
    public EventOutcome Outcome { get; set; }

    /// <summary>A time as a datetime-local field shows it.</summary>
    public string FromText => Field(From);

    public string ToText => Field(To);

    public ListEventPage ToRequest() => new(ToQuery(), From, To, Integration, Account, Type, Address, Outcome);

    private static string Field(DateTime? time) => time?.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture) ?? "";
}
