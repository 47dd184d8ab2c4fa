using IntegrationLedger.Application.Features.Access;
using IntegrationLedger.Application.Features.Reviews;
using IntegrationLedger.Domain.Access;
using IntegrationLedger.Domain.Findings;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Features.Findings.Rules;

public sealed class AccessGainedRule : IRule
{
    public string Id => "access-gained";
    public Severity Severity => Severity.High;
    public string Title => "Account gained a powerful permission";
    public string Explanation =>
        "Between its two latest permission-set exports, or since an access review kept its access level, an account gained Modify All Data, " +
        "View All Data, Author Apex, Manage Users, Customize Application or the MFA waiver. Access that grows without a decision is how least " +
        "privilege erodes: confirm who granted it and why, in the access review (attesting the account's access level keep) or by acknowledging " +
        "this finding with the reason.";
    public IReadOnlyList<RuleSetting> Settings { get; } = [];

    private const SalesforcePermissions Watched = PermissionFields.Powerful | SalesforcePermissions.BypassMfaForUiLogins;

    public async Task<IReadOnlyList<RuleResult>> EvaluateAsync(RuleContext context, CancellationToken cancellationToken)
    {
        var facts = await context.AccessAsync(cancellationToken);
        // Only a snapshot that recorded changes can hold a gain: the others were the first, or history recorded late.
        var changed = facts.Accounts.Where(a => a.Access.PermissionSets is { Changes: not null }).ToList();
        var keeps = await AccessLevelKeeps.LoadAsync(context.Db, cancellationToken);
        var keptBatches = changed.Where(a => keeps.ContainsKey(a.Account.Id)).Select(a => a.Access.PermissionSets!.BatchId).Distinct().ToList();
        var importedAt = await context.Db.ImportBatches.AsNoTracking().Where(b => keptBatches.Contains(b.Id)).ToDictionaryAsync(b => b.Id, b => b.ImportedAt, cancellationToken);

        var results = new List<RuleResult>();
        foreach (var a in changed)
        {
            var latest = a.Access.PermissionSets!;
            var keep = keeps.GetValueOrDefault(a.Account.Id);
            // The owner kept the access level after this snapshot was imported: they attested it as it stands, gains included.
            if (keep is not null && importedAt.TryGetValue(latest.BatchId, out var imported) && imported < keep.KeptAt)
                continue;
            if (await AccessHistory.PreviousAsync(context.Db, latest, cancellationToken) is not { } previous)
                continue;
            // Since the review, the access may have grown over several exports: compare with what the owner kept too.
            var kept = keep is null ? null : await AccessLevelKeeps.PermissionSetsKeptAsync(context.Db, a.Account.Id, keep.KeptAt, cancellationToken);
            var sincePrevious = Gains(previous, latest).ToList();
            var sinceKept = kept is null || kept.Id == previous.Id ? [] : Gains(kept, latest).Where(g => sincePrevious.All(p => p.Permission != g.Permission)).ToList();
            var gains = sincePrevious.Concat(sinceKept).ToList();
            if (gains.Count == 0)
                continue;
            var from = sinceKept.Count > 0 && kept!.AsOf < previous.AsOf ? kept : previous;
            var since = keep is null ? "" : $" (its access level was kept in the access review of {keep.Quarter} on {keep.KeptAt:yyyy-MM-dd}, before this was recorded)";
            results.Add(new RuleResult("Account", a.Account.Username,
                $"{a.Named} {string.Join("; ", gains.Select(g => g.Text))}, between the permission-set exports of {from.AsOf:yyyy-MM-dd} and {latest.AsOf:yyyy-MM-dd}; " +
                $"no access review has confirmed it{since}."));
        }
        return results;
    }

    private static IEnumerable<AccessChange> Gains(AccessSnapshot before, AccessSnapshot after) =>
        AccessChanges.Between(before, after).Where(c => c.Kind == AccessChangeKind.PermissionGained && (c.Permission & Watched) != 0);
}
