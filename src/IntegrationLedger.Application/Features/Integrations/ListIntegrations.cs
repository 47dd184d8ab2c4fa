using IntegrationLedger.Application.Persistence;
using IntegrationLedger.Domain.Integrations;
using IntegrationLedger.Domain.Tokens;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Features.Integrations;

public sealed record IntegrationSummary(
    string Name,
    string? Vendor,
    string? OwnerEmail,
    NetworkTrust Network,
    int TokensInUse,
    int PendingUpdates,
    DateOnly? LastVetted,
    DateOnly? NextReviewOn);

public sealed class ListIntegrationsHandler(Ledger ledger)
{
    public async Task<IReadOnlyList<IntegrationSummary>> HandleAsync(CancellationToken cancellationToken = default)
    {
        var db = ledger.Db;
        var integrations = await db.Integrations.AsNoTracking().Include(i => i.VettingRecords).OrderBy(i => i.Name).ToListAsync(cancellationToken);
        var usages = await db.TokenUsages.AsNoTracking().Where(u => u.Status != TokenUsageStatus.Ended)
            .Select(u => new { u.IntegrationId, u.Status }).ToListAsync(cancellationToken);
        var owners = await db.PeopleByIdAsync(integrations.Select(i => i.OwnerId), cancellationToken);

        return integrations.Select(i =>
        {
            var mine = usages.Where(u => u.IntegrationId == i.Id).ToList();
            var vetting = i.LatestVetting;
            return new IntegrationSummary(
                i.Name,
                i.Vendor,
                i.OwnerId is { } ownerId ? owners[ownerId].Email : null,
                i.Network,
                mine.Count,
                mine.Count(u => u.Status == TokenUsageStatus.PendingUpdate),
                vetting?.ReviewedOn,
                vetting?.NextReviewOn);
        }).ToList();
    }
}
