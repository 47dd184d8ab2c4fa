using IntegrationLedger.Application.Common.Lists;
using IntegrationLedger.Domain.Integrations;
using IntegrationLedger.Domain.People;
using IntegrationLedger.Domain.Tokens;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Features.Integrations;

/// <summary>Where an integration's vendor review stands, by its latest vetting record.</summary>
public enum VettingState
{
    Any,
    Never,

    /// <summary>Approved (with or without conditions) and not yet due for its next review.</summary>
    Current,

    /// <summary>The next review date has passed.</summary>
    Expired,
    Rejected,
}

/// <summary>
/// A page of the integration list: searched by name, vendor or owner; filtered by vendor, owner (an email),
/// network and vetting state; sorted by any column.
/// </summary>
public sealed record ListIntegrationPage(
    ListQuery List,
    string? Vendor = null,
    string? Owner = null,
    NetworkTrust? Network = null,
    VettingState Vetting = VettingState.Any);

public sealed record IntegrationListRow
{
    public required string Name { get; init; }
    public string? Vendor { get; init; }
    public string? OwnerEmail { get; init; }
    public NetworkTrust Network { get; init; }
    public int TokensInUse { get; init; }
    public int PendingUpdates { get; init; }
    public DateOnly? LastVetted { get; init; }
    public VettingOutcome? LastOutcome { get; init; }
    public DateOnly? NextReviewOn { get; init; }
}

public sealed class ListIntegrationPageHandler(Ledger ledger)
{
    public static SortColumns<IntegrationListRow> Columns { get; } = new SortColumns<IntegrationListRow>()
        .Add("name", i => i.Name)
        .Add("vendor", i => i.Vendor)
        .Add("owner", i => i.OwnerEmail)
        .Add("network", i => i.Network)
        .Add("tokens", i => i.TokensInUse, descendingByDefault: true)
        .Add("vetted", i => i.LastVetted)
        .Add("review", i => i.NextReviewOn)
        .TieBrokenBy(i => i.Name);

    private static readonly ExportColumns<IntegrationListRow> Csv = new()
    {
        { "name", i => i.Name }, { "vendor", i => i.Vendor }, { "owner", i => i.OwnerEmail }, { "network", i => i.Network },
        { "tokensInUse", i => i.TokensInUse }, { "pendingUpdates", i => i.PendingUpdates }, { "lastVettedOn", i => i.LastVetted },
        { "vettingOutcome", i => i.LastOutcome }, { "nextReviewOn", i => i.NextReviewOn },
    };

    public Task<ListPage<IntegrationListRow>> PageAsync(ListIntegrationPage request, CancellationToken cancellationToken = default) =>
        Filtered(request).PageAsync(Columns, request.List, cancellationToken);

    public ListExport Export(ListIntegrationPage request) => Csv.Export("integrations", Columns.Apply(Filtered(request), request.List));

    private IQueryable<IntegrationListRow> Filtered(ListIntegrationPage request)
    {
        var rows = Rows();
        if (request.List.Search is { } search)
        {
            var pattern = ListQueries.Containing(search);
            rows = rows.Where(i => EF.Functions.Like(i.Name, pattern, ListQueries.LikeEscape)
                || EF.Functions.Like(i.Vendor!, pattern, ListQueries.LikeEscape)
                || EF.Functions.Like(i.OwnerEmail!, pattern, ListQueries.LikeEscape));
        }
        if (!string.IsNullOrWhiteSpace(request.Vendor))
        {
            // A vendor is picked from the names the list offers, but typed ones match whatever their case.
            var vendor = request.Vendor.Trim();
            rows = rows.Where(i => EF.Functions.Like(i.Vendor!, ListQueries.Exactly(vendor), ListQueries.LikeEscape));
        }
        if (!string.IsNullOrWhiteSpace(request.Owner))
        {
            var owner = Person.NormalizeEmail(request.Owner.Trim());
            rows = rows.Where(i => i.OwnerEmail == owner);
        }
        if (request.Network is { } network)
            rows = rows.Where(i => i.Network == network);
        var today = DateOnly.FromDateTime(ledger.Now);
        rows = request.Vetting switch
        {
            VettingState.Never => rows.Where(i => i.LastVetted == null),
            VettingState.Rejected => rows.Where(i => i.LastOutcome == VettingOutcome.Rejected),
            VettingState.Expired => rows.Where(i => i.NextReviewOn < today),
            VettingState.Current => rows.Where(i => i.LastVetted != null && i.LastOutcome != VettingOutcome.Rejected && !(i.NextReviewOn < today)),
            _ => rows,
        };
        return rows;
    }

    private IQueryable<IntegrationListRow> Rows()
    {
        var db = ledger.Db;
        return
            from i in db.Integrations.AsNoTracking()
            from owner in db.People.Where(p => p.Id == i.OwnerId).DefaultIfEmpty()
            let latest = i.VettingRecords.OrderByDescending(v => v.ReviewedOn).FirstOrDefault()
            select new IntegrationListRow
            {
                Name = i.Name,
                Vendor = i.Vendor,
                OwnerEmail = owner == null ? null : owner.Email,
                Network = i.Network,
                TokensInUse = db.TokenUsages.Count(u => u.IntegrationId == i.Id && u.Status != TokenUsageStatus.Ended),
                PendingUpdates = db.TokenUsages.Count(u => u.IntegrationId == i.Id && u.Status == TokenUsageStatus.PendingUpdate),
                LastVetted = latest == null ? null : latest.ReviewedOn,
                LastOutcome = latest == null ? null : latest.Outcome,
                NextReviewOn = latest == null ? null : latest.NextReviewOn,
            };
    }

    /// <summary>The vendors the ledger knows, for the filter's choices: few, however many integrations there are.</summary>
    public async Task<IReadOnlyList<string>> VendorsAsync(CancellationToken cancellationToken = default) =>
        await ledger.Db.Integrations.AsNoTracking().Where(i => i.Vendor != null).Select(i => i.Vendor!).Distinct().OrderBy(v => v).Take(500).ToListAsync(cancellationToken);
}
