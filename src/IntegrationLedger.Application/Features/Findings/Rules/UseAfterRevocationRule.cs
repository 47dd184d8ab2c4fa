using IntegrationLedger.Domain.Findings;
using IntegrationLedger.Domain.Tokens;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Features.Findings.Rules;

public sealed class UseAfterRevocationRule : IRule
{
    public string Id => "use-after-revocation";
    public Severity Severity => Severity.Critical;
    public string Title => "Activity after revocation";
    public string Explanation =>
        "An account kept working after its token was revoked, with no other active token that could explain it. Either the " +
        "revocation was recorded but never carried out on the platform, or someone holds another credential for the account.";
    public IReadOnlyList<RuleSetting> Settings { get; } = [];

    public async Task<IReadOnlyList<RuleResult>> EvaluateAsync(RuleContext context, CancellationToken cancellationToken)
    {
        var db = context.Db;
        var revoked = await db.Tokens.AsNoTracking().Where(t => t.Status == TokenStatus.Revoked && t.AccountId != null).ToListAsync(cancellationToken);
        if (revoked.Count == 0)
            return [];
        var accountIds = revoked.Select(t => t.AccountId!.Value).Distinct().ToList();
        var accounts = await db.Accounts.AsNoTracking().Where(a => accountIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, cancellationToken);
        var tokensByAccount = (await db.Tokens.AsNoTracking().Where(t => t.AccountId != null && accountIds.Contains(t.AccountId.Value)).ToListAsync(cancellationToken))
            .ToLookup(t => t.AccountId!.Value);
        var usernames = accounts.Values.Select(a => a.Username).ToList();
        var earliest = revoked.Min(t => t.RevokedAt!.Value);
        // Successes after the earliest revocation, fetched once: each is judged against the tokens valid at its moment.
        var successes = (await Activity.Of(context)
            .Where(e => e.Succeeded == true && e.Username != null && usernames.Contains(e.Username) && e.OccurredAt > earliest)
            .Select(e => new { Username = e.Username!, e.OccurredAt })
            .ToListAsync(cancellationToken))
            .ToLookup(e => e.Username, e => e.OccurredAt, StringComparer.OrdinalIgnoreCase);

        var results = new List<RuleResult>();
        foreach (var token in revoked)
        {
            var account = accounts[token.AccountId!.Value];
            // Another token of the account that was valid at that moment explains an event.
            var unexplained = successes[account.Username]
                .Where(at => at > token.RevokedAt && !tokensByAccount[account.Id].Any(t => t.Id != token.Id && t.IssuedAt <= at && (t.RevokedAt is null || t.RevokedAt > at)))
                .ToList();
            if (unexplained.Count == 0)
                continue;
            results.Add(new RuleResult("Token", token.Label,
                $"Account {account.Username} had {unexplained.Count} successful event(s) after token '{token.Label}' was revoked on {token.RevokedAt:yyyy-MM-dd HH:mm} UTC that no other token explains, the last on {unexplained.Max():yyyy-MM-dd HH:mm} UTC."));
        }
        return results;
    }
}
