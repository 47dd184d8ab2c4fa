using IntegrationLedger.Application.Persistence;
using IntegrationLedger.Domain.Integrations;
using IntegrationLedger.Domain.Tokens;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Features.Integrations;

public sealed record IntegrationDetails(
    string Name,
    string? Vendor,
    string? Purpose,
    string? OwnerEmail,
    string Environment,
    NetworkTrust Network,
    IReadOnlyList<string> AllowedNetworks,
    IReadOnlyList<AttributionRuleSpec> Rules,
    IReadOnlyList<IntegrationVetting> Vetting,
    IReadOnlyList<IntegrationTokenUse> Tokens);

public sealed record IntegrationVetting(DateOnly ReviewedOn, string Reviewer, VettingOutcome Outcome, string? Evidence, DateOnly? NextReviewOn);

public sealed record IntegrationTokenUse(string Token, TokenStatus TokenStatus, string Purpose, DateTime Since, TokenUsageStatus Status, DateTime? PendingSince, DateTime? ConfirmedAt);

public sealed class ShowIntegrationHandler(Ledger ledger)
{
    public async Task<IntegrationDetails> HandleAsync(string name, CancellationToken cancellationToken = default)
    {
        var db = ledger.Db;
        var integration = await db.RequireIntegrationAsync(name, cancellationToken);
        var owner = integration.OwnerId is { } ownerId ? await db.People.AsNoTracking().SingleAsync(p => p.Id == ownerId, cancellationToken) : null;
        var uses = await db.TokenUsages.AsNoTracking()
            .Where(u => u.IntegrationId == integration.Id)
            .Join(db.Tokens, u => u.TokenId, t => t.Id, (u, t) => new IntegrationTokenUse(t.Label, t.Status, u.Purpose, u.Since, u.Status, u.PendingSince, u.ConfirmedAt))
            .ToListAsync(cancellationToken);

        return new IntegrationDetails(
            integration.Name,
            integration.Vendor,
            integration.Purpose,
            owner?.Email,
            integration.Environment,
            integration.Network,
            integration.AllowedNetworks.Select(n => n.Cidr).Order(StringComparer.Ordinal).ToList(),
            integration.AttributionRules.OrderBy(r => r.Kind).ThenBy(r => r.Value, StringComparer.Ordinal)
                .Select(r => new AttributionRuleSpec(r.Kind, r.Value)).ToList(),
            integration.VettingRecords.OrderByDescending(v => v.ReviewedOn)
                .Select(v => new IntegrationVetting(v.ReviewedOn, v.Reviewer, v.Outcome, v.EvidenceReference, v.NextReviewOn)).ToList(),
            uses.OrderBy(u => u.Token, StringComparer.Ordinal).ToList());
    }
}
