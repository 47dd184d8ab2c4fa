using IntegrationLedger.Domain.Users;

namespace IntegrationLedger.Application.Features.Users;

/// <summary>
/// Writes refused requests and failed sign-ins to the audit log at a pace no stranger can set. The first from
/// a source (the same kind, account, network address and what was attempted) in a <see cref="Window"/> is
/// written at once; the rest are only counted, and written as one entry ("37 more ...") when the window
/// closes or the server stops.
/// So a flood of refusals leaves its evidence, with the right count, without taking the write lock once per
/// request away from the people doing real work.
/// </summary>
/// <param name="openAs">Opens the ledger acting as the given actor, for summaries written outside any request.</param>
public sealed class AccessEventLog(TimeProvider clock, Func<string, CancellationToken, Task<Ledger>> openAs)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    /// <summary>Sources told apart at once; past this (thousands of addresses at once) the rest are counted together.</summary>
    private const int MostSources = 10_000;

    /// <summary>The account recorded for repeats counted together once <see cref="MostSources"/> are open.</summary>
    public const string ManySources = "(many accounts or addresses)";

    private readonly Lock _gate = new();
    private readonly Dictionary<Source, Repeats> _open = [];

    /// <summary>Records <paramref name="request"/> through <paramref name="ledger"/> (the request's own), or counts it if its source was recorded in this window.</summary>
    /// <param name="countAs">
    /// What the attempt is counted as, where its detail varies at the sender's will (the page's route, not the
    /// path typed): otherwise every new detail would be written at once. Also the summary's detail.
    /// </param>
    public async Task RecordAsync(Ledger ledger, RecordAccess request, string? countAs = null, CancellationToken cancellationToken = default)
    {
        var now = ledger.Now;
        var source = new Source(request.Kind, request.Email, AddressNetwork.Of(request.RemoteAddress), countAs ?? request.Detail);
        Repeats? closed = null;
        lock (_gate)
        {
            if (_open.Count >= MostSources && !_open.ContainsKey(source))
                source = new Source(request.Kind, ManySources, AddressNetwork.Unknown, null);
            if (_open.TryGetValue(source, out var window) && now < window.OpenedAt + Window)
            {
                window.Add(now);
                return;
            }
            closed = window;
            _open[source] = new Repeats(ledger.Actor, now);
        }
        if (closed is { Count: > 0 })
            await WriteSummaryAsync(source, closed, cancellationToken);
        try
        {
            await new RecordAccessHandler(ledger).HandleAsync(source.Email == request.Email ? request : request with { Email = source.Email, RemoteAddress = null }, cancellationToken);
        }
        catch
        {
            // Not written: the next one from this source must be written in its place, not counted.
            lock (_gate)
                _open.Remove(source);
            throw;
        }
    }

    /// <summary>Writes the summary of every window that has closed (<paramref name="everything"/>: of every window, at shutdown).</summary>
    public async Task FlushAsync(bool everything, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        List<KeyValuePair<Source, Repeats>> due;
        lock (_gate)
        {
            due = _open.Where(w => everything || now >= w.Value.OpenedAt + Window).ToList();
            foreach (var (source, _) in due)
                _open.Remove(source);
        }
        foreach (var (source, repeats) in due.Where(w => w.Value.Count > 0))
        {
            try
            {
                await WriteSummaryAsync(source, repeats, cancellationToken);
            }
            catch
            {
                // Kept for the next round (a busy ledger, say): counted evidence is not dropped.
                lock (_gate)
                    _open.TryAdd(source, repeats);
                throw;
            }
        }
    }

    private async Task WriteSummaryAsync(Source source, Repeats repeats, CancellationToken cancellationToken)
    {
        await using var ledger = await openAs(repeats.Actor, cancellationToken);
        // The count leads, so the sentence stays whole where a long detail is clipped.
        var detail = $"{repeats.Count} more between {repeats.FirstAt:yyyy-MM-dd HH:mm:ss} and {repeats.LastAt:yyyy-MM-dd HH:mm:ss} UTC"
            + (source.Detail is null ? "" : $": {source.Detail}");
        await new RecordAccessHandler(ledger).HandleAsync(new RecordAccess(source.Kind, source.Email, detail, source.Network), cancellationToken);
    }

    /// <param name="Network">The address, or for IPv6 its /64 (<see cref="AddressNetwork"/>); a summary names it.</param>
    private readonly record struct Source(AccessEventKind Kind, string Email, string Network, string? Detail);

    /// <summary>A window opened by a written event, and the repeats counted in it since.</summary>
    private sealed class Repeats(string actor, DateTime openedAt)
    {
        public string Actor { get; } = actor;
        public DateTime OpenedAt { get; } = openedAt;
        public int Count { get; private set; }
        public DateTime FirstAt { get; private set; }
        public DateTime LastAt { get; private set; }

        public void Add(DateTime at)
        {
            if (Count++ == 0)
                FirstAt = at;
            LastAt = at;
        }
    }
}
