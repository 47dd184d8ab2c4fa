using IntegrationLedger.Application.Common;
using IntegrationLedger.Application.Features.ConnectedApps;
using IntegrationLedger.Domain.Integrations;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Features.Vendors;

/// <summary>One of a vendor's integrations, with its owner and latest vetting.</summary>
public sealed record VendorIntegration(string Name, string? OwnerEmail, DateOnly? VettedOn, VettingOutcome? Outcome, DateOnly? NextReviewOn);

/// <summary>A user holding OAuth tokens of a vendor's apps: how many, of which apps, and when last used.</summary>
public sealed record VendorHolder(string? UserId, string? Username, int Tokens, DateTime? LastUsedAt, IReadOnlyList<string> Apps);

/// <summary>A vendor: its integrations and its connected apps with their users and last use.</summary>
public sealed record VendorDetails(string Name, IReadOnlyList<VendorIntegration> Integrations, IReadOnlyList<AppSummary> Apps, IReadOnlyList<VendorHolder> Holders);

/// <summary>
/// What the ledger knows of one vendor (named on integrations, or by hand on connected apps), in any letter
/// case: the first question on the day it is breached. A name no integration or app carries is refused
/// naming the close ones.
/// </summary>
public sealed class ShowVendorHandler(Ledger ledger)
{
    public async Task<VendorDetails> HandleAsync(string vendor, CancellationToken cancellationToken = default)
    {
        var db = ledger.Db;
        var wanted = vendor.Trim();
        var register = await ConnectedAppRegister.LoadAsync(db, cancellationToken);
        var integrations = await db.Integrations.AsNoTracking().Include(i => i.VettingRecords).Where(i => i.Vendor != null).ToListAsync(cancellationToken);
        var known = integrations.Select(i => i.Vendor!).Concat(register.Select(e => e.Vendor).OfType<string>()).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var name = known.FirstOrDefault(v => string.Equals(v, wanted, StringComparison.OrdinalIgnoreCase))
            ?? throw new NotFoundException($"No integration or connected app has the vendor '{vendor}'.{CloseMatches.Suggestion(wanted, known)}");

        var owners = await db.People.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.Email, cancellationToken);
        var theirs = integrations.Where(i => string.Equals(i.Vendor, name, StringComparison.OrdinalIgnoreCase))
            .OrderBy(i => i.Name, StringComparer.Ordinal)
            .Select(i => (Integration: i, Latest: i.LatestVetting))
            .Select(x => new VendorIntegration(x.Integration.Name, x.Integration.OwnerId is { } owner ? owners.GetValueOrDefault(owner) : null,
                x.Latest?.ReviewedOn, x.Latest?.Outcome, x.Latest?.NextReviewOn))
            .ToList();
        var apps = register.Where(e => string.Equals(e.Vendor, name, StringComparison.OrdinalIgnoreCase)).ToList();
        var holders = apps.SelectMany(a => a.Holders.Select(h => (App: a.Name, Holder: h)))
            .GroupBy(x => x.Holder.UserId ?? x.Holder.Username)
            .Select(g => new VendorHolder(g.First().Holder.UserId, g.Select(x => x.Holder.Username).FirstOrDefault(u => u is not null), g.Sum(x => x.Holder.Tokens),
                g.Max(x => x.Holder.LastUsedAt), g.Select(x => x.App).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList()))
            .OrderByDescending(h => h.LastUsedAt).ThenBy(h => h.Username ?? h.UserId, StringComparer.Ordinal)
            .ToList();
        return new VendorDetails(name, theirs, apps.Select(AppSummary.From).ToList(), holders);
    }
}
