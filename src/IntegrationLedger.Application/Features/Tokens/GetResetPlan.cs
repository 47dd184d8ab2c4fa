using IntegrationLedger.Application.Persistence;
using IntegrationLedger.Domain.Tokens;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Features.Tokens;

/// <summary>Every integration that stops working when a token is reset, with who must update it.</summary>
public sealed record ResetPlan(string Token, TokenKind Kind, string OwnerEmail, TokenStatus Status, IReadOnlyList<ResetPlanItem> Integrations);

public sealed record ResetPlanItem(
    string Integration,
    string? Vendor,
    string Environment,
    string? OwnerEmail,
    string? OwnerName,
    string Purpose,
    TokenUsageStatus Status,
    DateTime? PendingSince,
    DateTime? ConfirmedAt);

public sealed class GetResetPlanHandler(Ledger ledger)
{
    public async Task<ResetPlan> HandleAsync(string label, CancellationToken cancellationToken = default)
    {
        var db = ledger.Db;
        var token = await db.RequireTokenAsync(label, cancellationToken);
        var usages = token.UsagesInEffect.ToList();
        var integrationIds = usages.Select(u => u.IntegrationId).ToList();
        var integrations = await db.Integrations.AsNoTracking().Where(i => integrationIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, cancellationToken);
        var people = await db.PeopleByIdAsync(integrations.Values.Select(i => i.OwnerId).Append(token.OwnerId), cancellationToken);

        var items = usages.Select(u =>
        {
            var integration = integrations[u.IntegrationId];
            var owner = integration.OwnerId is { } id ? people[id] : null;
            return new ResetPlanItem(integration.Name, integration.Vendor, integration.Environment, owner?.Email, owner?.Name,
                u.Purpose, u.Status, u.PendingSince, u.ConfirmedAt);
        }).OrderBy(i => i.Integration, StringComparer.Ordinal).ToList();
        return new ResetPlan(token.Label, token.Kind, people[token.OwnerId].Email, token.Status, items);
    }
}
