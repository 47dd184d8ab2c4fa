using IntegrationLedger.Application.Features.Access;
using IntegrationLedger.Application.Persistence.Auditing;
using IntegrationLedger.Domain.Accounts;
using IntegrationLedger.Domain.Integrations;
using IntegrationLedger.Domain.Tokens;

namespace IntegrationLedger.Application.Features.Reporting;

/// <summary>
/// Which integrations used which account at the end of the period, by the rules of
/// <see cref="AccessQueries.UsersOfAccountsAsync"/> (a token on the account that an integration uses, not ended and
/// not revoked; or an attribution rule naming the account's username) applied to the replayed tokens, usages,
/// integrations and attribution rules instead of the tables: the Token usage sheet's view of the same moment.
/// </summary>
internal static class ReplayedAccountUsers
{
    public static Dictionary<Guid, List<AccountUser>> Of(AuditReplay replay, IReadOnlyList<(Guid Id, Account Account)> accounts, ReportNames names)
    {
        var users = new Dictionary<Guid, List<AccountUser>>();
        void Add(Guid account, Guid integration, string through)
        {
            if (!users.TryGetValue(account, out var list))
                users[account] = list = [];
            if (!list.Any(u => u.IntegrationId == integration))
                list.Add(new AccountUser(integration, names.KnownIntegration(integration.ToString()), through));
        }

        var tokens = replay.Rows(nameof(Token))
            .Where(t => t.Text("Status") != nameof(TokenStatus.Revoked) && Guid.TryParse(t.Text("AccountId"), out _))
            .ToDictionary(t => t.Id, t => (Account: Guid.Parse(t.Text("AccountId")!), Label: t.Text("Label")), StringComparer.OrdinalIgnoreCase);
        foreach (var usage in replay.Rows(nameof(TokenUsage)).Where(u => u.Text("Status") != nameof(TokenUsageStatus.Ended)))
        {
            if (usage.Text("TokenId") is { } tokenId && tokens.TryGetValue(tokenId, out var token) && Guid.TryParse(usage.Text("IntegrationId"), out var integration))
                Add(token.Account, integration, $"token {token.Label}");
        }

        var byUsername = accounts.ToDictionary(a => a.Account.Username, a => a.Id, StringComparer.Ordinal);
        foreach (var rule in replay.Rows(nameof(AttributionRule)).Where(r => r.Text("Kind") == nameof(AttributionRuleKind.Account)))
        {
            if (rule.Text("Value") is { Length: > 0 } value && byUsername.TryGetValue(Account.NormalizeUsername(value), out var account)
                && Guid.TryParse(rule.Text("IntegrationId"), out var integration))
                Add(account, integration, "attribution rule");
        }
        foreach (var list in users.Values)
            list.Sort((a, b) => string.CompareOrdinal(a.Integration, b.Integration));
        return users;
    }
}
