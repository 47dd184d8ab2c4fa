using IntegrationLedger.Domain.Accounts;
using IntegrationLedger.Domain.Findings;
using IntegrationLedger.Domain.People;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Features.Findings.Rules;

public sealed class DepartedAccountActivityRule : IRule
{
    public string Id => "departed-account-activity";
    public Severity Severity => Severity.Critical;
    public string Title => "Activity by a departed person's account";
    public string Explanation =>
        "A person's own account was used after the day they left. Their access should have ended with them; the account must be " +
        "frozen and the activity explained.";
    public IReadOnlyList<RuleSetting> Settings { get; } = [];

    public async Task<IReadOnlyList<RuleResult>> EvaluateAsync(RuleContext context, CancellationToken cancellationToken)
    {
        var db = context.Db;
        var departed = await db.People.AsNoTracking().Where(p => p.Status == PersonStatus.Departed).ToListAsync(cancellationToken);
        if (departed.Count == 0)
            return [];
        var ids = departed.Select(p => p.Id).ToList();
        var personalAccounts = await db.Accounts.AsNoTracking().Where(a => a.Kind == AccountKind.Personal && a.OwnerId != null && ids.Contains(a.OwnerId.Value)).ToListAsync(cancellationToken);
        // A person's own login is their email unless an account says otherwise.
        var usernames = departed.ToDictionary(p => p.Email, p => p, StringComparer.OrdinalIgnoreCase);
        foreach (var account in personalAccounts)
            usernames[account.Username] = departed.Single(p => p.Id == account.OwnerId);
        var names = usernames.Keys.ToList();
        // The day after the departure, in UTC: a person's last day counts whole wherever they worked.
        var earliest = departed.Min(p => p.DepartedOn!.Value).AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        // Failed attempts are what a properly frozen account shows; only successes mean the access outlived the person.
        var successes = (await Activity.Of(context)
            .Where(e => e.Username != null && names.Contains(e.Username) && e.Succeeded != false && e.OccurredAt >= earliest)
            .Select(e => new { Username = e.Username!, e.OccurredAt })
            .ToListAsync(cancellationToken))
            .ToLookup(e => e.Username, e => e.OccurredAt, StringComparer.OrdinalIgnoreCase);

        var results = new List<RuleResult>();
        foreach (var byPerson in usernames.GroupBy(u => u.Value.Id))
        {
            var person = byPerson.First().Value;
            var leftAt = person.DepartedOn!.Value.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            var after = byPerson.SelectMany(u => successes[u.Key]).Where(at => at >= leftAt).ToList();
            if (after.Count == 0)
                continue;
            results.Add(new RuleResult("Person", person.Email,
                $"The account of {person.Name}, who departed on {person.DepartedOn:yyyy-MM-dd}, was used successfully {after.Count} time(s) since, the last on {after.Max():yyyy-MM-dd HH:mm} UTC."));
        }
        return results;
    }
}
