using IntegrationLedger.Application.Features.Access;
using IntegrationLedger.Application.Persistence;

namespace IntegrationLedger.Application.Features.Findings;

/// <summary>What a rule sees: the ledger as it is now, the time, and its own thresholds.</summary>
public sealed class RuleContext(LedgerDbContext db, DateTime now, IReadOnlyDictionary<string, int> settings)
{
    public LedgerDbContext Db { get; } = db;
    public DateTime Now { get; } = now;

    public int Setting(IRule rule, string name) => settings[$"{rule.Id}.{name}"];

    /// <summary>Every rule's thresholds, by their setting names.</summary>
    public IReadOnlyDictionary<string, int> Settings => settings;

    private Task<AccessFacts>? _access;

    /// <summary>Every account's access now, read once for all the access rules of the run.</summary>
    public Task<AccessFacts> AccessAsync(CancellationToken cancellationToken) => _access ??= AccessFacts.LoadAsync(Db, Now, cancellationToken);
}
