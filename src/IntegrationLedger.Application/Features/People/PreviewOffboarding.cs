using IntegrationLedger.Application.Persistence;
using IntegrationLedger.Domain.Tokens;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Features.People;

/// <summary>What an offboarding would touch, before it is made: the person's active tokens and who uses each.</summary>
public sealed record OffboardingPreview(IReadOnlyList<OffboardingPreviewToken> ActiveTokens);

/// <summary>An active token of the leaver, and the integrations that stop working if it is revoked.</summary>
public sealed record OffboardingPreviewToken(string Label, TokenKind Kind, IReadOnlyList<string> UsedBy);

public sealed class PreviewOffboardingHandler(Ledger ledger)
{
    public async Task<OffboardingPreview> HandleAsync(string email, CancellationToken cancellationToken = default)
    {
        var db = ledger.Db;
        var person = await db.RequirePersonAsync(email, cancellationToken);
        var tokens = await db.Tokens.AsNoTracking()
            .Where(t => t.OwnerId == person.Id && t.Status == TokenStatus.Active)
            .OrderBy(t => t.Label)
            .Select(t => new { t.Label, t.Kind, Users = t.Usages.Where(u => u.Status != TokenUsageStatus.Ended).Select(u => u.IntegrationId).ToList() })
            .ToListAsync(cancellationToken);
        var ids = tokens.SelectMany(t => t.Users).Distinct().ToList();
        var names = await db.Integrations.AsNoTracking().Where(i => ids.Contains(i.Id)).ToDictionaryAsync(i => i.Id, i => i.Name, cancellationToken);
        return new OffboardingPreview(tokens
            .Select(t => new OffboardingPreviewToken(t.Label, t.Kind, t.Users.Select(id => names[id]).Order(StringComparer.Ordinal).ToList()))
            .ToList());
    }
}
