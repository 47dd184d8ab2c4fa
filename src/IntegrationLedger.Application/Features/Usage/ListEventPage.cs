using IntegrationLedger.Application.Common.Lists;
using IntegrationLedger.Domain.Accounts;
using IntegrationLedger.Domain.Usage;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Features.Usage;

/// <summary>Events by whether the platform says they succeeded.</summary>
public enum EventOutcome
{
    Any,
    Succeeded,
    Failed,
}

/// <summary>
/// A page of the imported usage events, newest first: filtered by a UTC time range (from included, to
/// excluded), the integration they were attributed to, the account, the event type, the source address (or
/// its start, ending in '.' or ':') and the outcome. Each filter has an index beside the time
/// (migration ListIndexes), so a page answers at millions of events.
/// </summary>
public sealed record ListEventPage(
    ListQuery List,
    DateTime? From = null,
    DateTime? To = null,
    string? Integration = null,
    string? Account = null,
    string? EventType = null,
    string? SourceAddress = null,
    EventOutcome Outcome = EventOutcome.Any);

public sealed record EventListRow
{
    public long Id { get; init; }
    public DateTime OccurredAt { get; init; }
    public required string EventType { get; init; }
    public required string Source { get; init; }
    public string? Username { get; init; }
    public string? SourceIp { get; init; }
    public string? Status { get; init; }
    public bool? Succeeded { get; init; }
    public string? Application { get; init; }
    public string? ClientName { get; init; }
    public string? Integration { get; init; }
    public string? Token { get; init; }
}

public sealed class ListEventPageHandler(Ledger ledger)
{
    /// <summary>
    /// Time is the one order offered: sorting millions of events by account or address would read them all,
    /// and the filters answer those questions instead.
    /// </summary>
    public static SortColumns<UsageEvent> Columns { get; } = new SortColumns<UsageEvent>()
        .Add("time", e => e.OccurredAt, descendingByDefault: true)
        .TieBrokenBy(e => e.Id, descending: true);

    private static readonly ExportColumns<EventListRow> Csv = new()
    {
        { "occurredAt", e => e.OccurredAt }, { "eventType", e => e.EventType }, { "source", e => e.Source }, { "username", e => e.Username },
        { "sourceIp", e => e.SourceIp }, { "status", e => e.Status }, { "succeeded", e => e.Succeeded }, { "application", e => e.Application },
        { "clientName", e => e.ClientName }, { "integration", e => e.Integration }, { "token", e => e.Token },
    };

    public async Task<ListPage<EventListRow>> PageAsync(ListEventPage request, CancellationToken cancellationToken = default) =>
        await (await FilteredAsync(request, cancellationToken)).PageAsync(Columns, request.List, Named, cancellationToken);

    public async Task<ListExport> ExportAsync(ListEventPage request, CancellationToken cancellationToken = default) =>
        Csv.Export("events", Named(Columns.Apply(await FilteredAsync(request, cancellationToken), request.List)));

    private async Task<IQueryable<UsageEvent>> FilteredAsync(ListEventPage request, CancellationToken cancellationToken)
    {
        var events = ledger.Db.UsageEvents.AsNoTracking();
        if (request.From is { } from)
        {
            var start = DateTime.SpecifyKind(from, DateTimeKind.Utc);
            events = events.Where(e => e.OccurredAt >= start);
        }
        if (request.To is { } to)
        {
            var end = DateTime.SpecifyKind(to, DateTimeKind.Utc);
            events = events.Where(e => e.OccurredAt < end);
        }
        if (!string.IsNullOrWhiteSpace(request.Integration))
        {
            // By id, so the (IntegrationId, OccurredAt) index answers; a name that is none matches nothing.
            var name = request.Integration.Trim();
            var id = await ledger.Db.Integrations.AsNoTracking().Where(i => EF.Functions.Like(i.Name, ListQueries.Exactly(name), ListQueries.LikeEscape))
                .Select(i => (Guid?)i.Id).FirstOrDefaultAsync(cancellationToken);
            // Compared with null, an unknown name would match every unattributed event.
            events = id is { } known ? events.Where(e => e.IntegrationId == known) : events.Where(e => false);
        }
        if (!string.IsNullOrWhiteSpace(request.Account))
        {
            var username = Account.NormalizeUsername(request.Account.Trim());
            events = events.Where(e => e.Username == username);
        }
        if (!string.IsNullOrWhiteSpace(request.EventType))
            events = events.Where(e => e.EventType == request.EventType.Trim());
        if (!string.IsNullOrWhiteSpace(request.SourceAddress))
        {
            var address = request.SourceAddress.Trim();
            if (address.EndsWith('.') || address.EndsWith(':'))
            {
                // A range rather than LIKE, so the index on the address still answers; SQL compares the text byte by byte.
                var after = address[..^1] + (char)(address[^1] + 1);
                events = events.Where(e => e.SourceIp!.CompareTo(address) >= 0 && e.SourceIp.CompareTo(after) < 0);
            }
            else
            {
                events = events.Where(e => e.SourceIp == address);
            }
        }
        events = request.Outcome switch
        {
            EventOutcome.Succeeded => events.Where(e => e.Succeeded == true),
            EventOutcome.Failed => events.Where(e => e.Succeeded == false),
            _ => events,
        };
        return events;
    }

    private IQueryable<EventListRow> Named(IQueryable<UsageEvent> events)
    {
        var db = ledger.Db;
        return
            from e in events
            from i in db.Integrations.Where(i => i.Id == e.IntegrationId).DefaultIfEmpty()
            from t in db.Tokens.Where(t => t.Id == e.TokenId).DefaultIfEmpty()
            select new EventListRow
            {
                Id = e.Id,
                OccurredAt = e.OccurredAt,
                EventType = e.EventType,
                Source = e.Source,
                Username = e.Username,
                SourceIp = e.SourceIp,
                Status = e.Status,
                Succeeded = e.Succeeded,
                Application = e.Application,
                ClientName = e.ClientName,
                Integration = i == null ? null : i.Name,
                Token = t == null ? null : t.Label,
            };
    }

    /// <summary>The event types a filter offers: those the importers write.</summary>
    public static IReadOnlyList<string> EventTypes { get; } =
        [.. UsageEventTypes.EventMonitoring, UsageEventTypes.LoginHistory, UsageEventTypes.OAuthToken, UsageEventTypes.SetupAuditTrail, .. UsageEventTypes.ThreatDetection];
}
