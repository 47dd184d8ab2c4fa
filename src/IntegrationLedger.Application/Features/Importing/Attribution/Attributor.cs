using System.Net;
using IntegrationLedger.Application.Persistence;
using IntegrationLedger.Domain.Integrations;
using IntegrationLedger.Domain.Tokens;
using IntegrationLedger.Domain.Usage;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Features.Importing.Attribution;

/// <summary>Whose the event was (the account's username, where known), and the integration and token it is attributed to.</summary>
public readonly record struct EventAttribution(string? Username, Guid? IntegrationId, Guid? TokenId);

/// <summary>
/// Decides which registered integration an event belongs to and which token its account held at that
/// moment. Each integration's rules that the event matches add to its score, weighted by how specific
/// the rule is (a connected-app id says more than an account many jobs share, which says more than a
/// network); the highest score wins, ties going to the integration whose name sorts first. Events that
/// match nothing stay unattributed: that is how undocumented integrations are found.
/// </summary>
public sealed class Attributor
{
    private const int CacheLimit = 100_000;

    private readonly List<(Guid Integration, string Name, AttributionRuleKind Kind, string Value, IPNetwork? Network)> _rules;
    private readonly Dictionary<string, string> _usernameByUserId;
    private readonly Dictionary<string, Guid> _accountByUsername;
    private readonly HashSet<string> _accountUserIds;
    private readonly Dictionary<Guid, List<Token>> _tokensByAccount;
    private readonly HashSet<(Guid Token, Guid Integration)> _usages;
    private readonly Dictionary<(string?, string?, string?, string?, string?), Guid?> _integrationCache = [];
    private readonly AttributionRuleIndex _index;

    private Attributor(
        List<(Guid, string, AttributionRuleKind, string, IPNetwork?)> rules,
        Dictionary<string, string> usernameByUserId,
        Dictionary<string, Guid> accountByUsername,
        HashSet<string> accountUserIds,
        Dictionary<Guid, List<Token>> tokensByAccount,
        HashSet<(Guid, Guid)> usages)
    {
        _rules = rules;
        _index = new AttributionRuleIndex(_rules.Select(r => (r.Kind, r.Value)).ToList());
        _usernameByUserId = usernameByUserId;
        _accountByUsername = accountByUsername;
        _accountUserIds = accountUserIds;
        _tokensByAccount = tokensByAccount;
        _usages = usages;
    }

    public static async Task<Attributor> LoadAsync(LedgerDbContext db, CancellationToken cancellationToken)
    {
        var integrations = await db.Integrations.AsNoTracking().Include(i => i.AttributionRules).ToListAsync(cancellationToken);
        var rules = integrations
            .SelectMany(i => i.AttributionRules.Select(r => (i.Id, i.Name, r.Kind, Value: Normalize(r.Kind, r.Value),
                Network: r.Kind == AttributionRuleKind.SourceIp && IPNetwork.TryParse(r.Value, out var network) ? network : (IPNetwork?)null)))
            .OrderBy(r => r.Name, StringComparer.Ordinal)
            .ToList();
        var accounts = await db.Accounts.AsNoTracking().ToListAsync(cancellationToken);
        var usernameByUserId = await db.KnownUsers.AsNoTracking().ToDictionaryAsync(u => u.UserId, u => u.Username, StringComparer.OrdinalIgnoreCase, cancellationToken);
        // What the ledger's own accounts say wins over what an export said.
        foreach (var account in accounts.Where(a => a.PlatformUserId is not null))
            usernameByUserId[account.PlatformUserId!] = account.Username;
        var tokens = await db.Tokens.AsNoTracking().Where(t => t.AccountId != null).ToListAsync(cancellationToken);
        var usages = await db.TokenUsages.AsNoTracking().Select(u => new { u.TokenId, u.IntegrationId }).ToListAsync(cancellationToken);

        return new Attributor(
            rules!,
            usernameByUserId,
            accounts.ToDictionary(a => a.Username, a => a.Id, StringComparer.OrdinalIgnoreCase),
            accounts.Where(a => a.PlatformUserId is not null).Select(a => a.PlatformUserId!).ToHashSet(StringComparer.OrdinalIgnoreCase),
            tokens.GroupBy(t => t.AccountId!.Value).ToDictionary(g => g.Key, g => g.ToList()),
            usages.Select(u => (u.TokenId, u.IntegrationId)).ToHashSet());
    }

    /// <summary>User ids seen with a username for the first time in this import, to remember for later ones.</summary>
    public Dictionary<string, string> Learned { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The username behind an event: its own, or the one its user id was seen with.</summary>
    public string? UsernameOf(UsageEvent e)
    {
        if (e.Username is not null)
        {
            if (e.UserId is not null && _usernameByUserId.TryAdd(e.UserId, e.Username))
                Learned[e.UserId] = e.Username;
            return e.Username;
        }
        return e.UserId is not null && _usernameByUserId.TryGetValue(e.UserId, out var username) ? username : null;
    }

    /// <summary>
    /// Whether the ledger has an account for the user: one with this username, or recorded with this Salesforce user id
    /// (a user renamed since keeps the id). A user id seen only in an export names no account.
    /// </summary>
    public bool KnowsAccount(string? username, string? userId) =>
        (username is not null && _accountByUsername.ContainsKey(username)) || (userId is not null && _accountUserIds.Contains(userId));

    public EventAttribution Attribute(UsageEvent e)
    {
        var username = UsernameOf(e);
        var integration = IntegrationOf(username, e);
        return new EventAttribution(username, integration, TokenOf(username, e.OccurredAt, integration, e));
    }

    private Guid? IntegrationOf(string? username, UsageEvent e)
    {
        var key = (username, e.Application, e.ClientName, e.ConnectedAppId, e.SourceIp);
        if (_integrationCache.TryGetValue(key, out var cached))
            return cached;

        var address = e.SourceIp is not null && IPAddress.TryParse(e.SourceIp, out var parsed) ? parsed : null;
        Guid? best = null;
        var bestScore = 0;
        Guid current = default;
        var score = 0;
        foreach (var candidate in _index.CandidatesFor(username, e))
        {
            var rule = _rules[candidate];
            if (rule.Integration != current)
            {
                (best, bestScore) = score > bestScore ? (current, score) : (best, bestScore);
                current = rule.Integration;
                score = 0;
            }
            score += Weight(rule, username, e, address);
        }
        (best, _) = score > bestScore ? (current, score) : (best, bestScore);

        if (_integrationCache.Count >= CacheLimit)
            _integrationCache.Clear();
        _integrationCache[key] = best;
        return best;
    }

    private static int Weight((Guid Integration, string Name, AttributionRuleKind Kind, string Value, IPNetwork? Network) rule, string? username, UsageEvent e, IPAddress? address) => rule.Kind switch
    {
        AttributionRuleKind.ConnectedAppId => e.ConnectedAppId is not null && string.Equals(e.ConnectedAppId, rule.Value, StringComparison.OrdinalIgnoreCase) ? 8 : 0,
        AttributionRuleKind.Application or AttributionRuleKind.ClientName => NamesMatch(e.Application, rule.Value) || NamesMatch(e.ClientName, rule.Value) ? 4 : 0,
        AttributionRuleKind.Account => username is not null && string.Equals(username, rule.Value, StringComparison.OrdinalIgnoreCase) ? 2 : 0,
        AttributionRuleKind.SourceIp => address is not null && rule.Network is { } network && network.Contains(address) ? 1 : 0,
        _ => 0,
    };

    /// <summary>
    /// A rule's name matches the event's value itself or the value with more after it (a version, a
    /// platform), so "AcmeSync" matches "AcmeSync/4.2.1 (Windows; .NET 8.0)" but not "AcmeSyncer".
    /// </summary>
    internal static bool NamesMatch(string? value, string rule)
    {
        if (value is null || !value.StartsWith(rule, StringComparison.OrdinalIgnoreCase))
            return false;
        return value.Length == rule.Length || value[rule.Length] is '/' or ' ' or '(' or ',' or ';';
    }

    /// <summary>
    /// The token the account held when the event happened: issued by then, not yet revoked, and of a kind
    /// that could have made the call (an OAuth token for OAuth activity, a security token or password for
    /// a password login). Among several, the one the attributed integration is recorded as using, then a
    /// security token, then the most recently issued.
    /// </summary>
    private Guid? TokenOf(string? username, DateTime at, Guid? integration, UsageEvent e)
    {
        if (username is null || !_accountByUsername.TryGetValue(username, out var account) || !_tokensByAccount.TryGetValue(account, out var tokens))
            return null;
        var oauth = IsOauth(e);
        Token? best = null;
        var bestRank = int.MinValue;
        foreach (var token in tokens)
        {
            if (token.IssuedAt > at || (token.RevokedAt is { } revoked && revoked <= at) || (token.Kind == TokenKind.OauthRefreshToken) != oauth)
                continue;
            var rank = (integration is { } i && _usages.Contains((token.Id, i)) ? 4 : 0)
                + (token.Kind == TokenKind.SalesforceSecurityToken ? 2 : 0);
            if (rank > bestRank || (rank == bestRank && token.IssuedAt > best!.IssuedAt))
            {
                best = token;
                bestRank = rank;
            }
        }
        return best?.Id;
    }

    /// <summary>Activity that authenticated with an OAuth token rather than a password (and security token).</summary>
    private static bool IsOauth(UsageEvent e) =>
        e.EventType == UsageEventTypes.OAuthToken
        || e.ConnectedAppId is not null
        || (e.LoginType?.Contains("Remote Access", StringComparison.OrdinalIgnoreCase) ?? false)
        || (e.Uri?.Contains("oauth2", StringComparison.OrdinalIgnoreCase) ?? false)
        || (e.Detail?.Contains("OAuth", StringComparison.OrdinalIgnoreCase) ?? false);

    private static string Normalize(AttributionRuleKind kind, string value) =>
        kind == AttributionRuleKind.ConnectedAppId && Domain.Accounts.SalesforceId.TryNormalize(value, out var id) ? id : value.Trim();
}
