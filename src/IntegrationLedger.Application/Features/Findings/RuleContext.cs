using IntegrationLedger.Application.Features.Access;
using IntegrationLedger.Application.Persistence;

namespace IntegrationLedger.Application.Features.Findings;

/// <summary>What a rule sees: the ledger as it is now, the time, and its own thresholds.</summary>
/// <param name="access">
/// The access facts shared by the contexts of one run, which evaluates its rules on several connections at
/// once; null for a context of its own, which loads them on first use.
/// </param>
public sealed class RuleContext(LedgerDbContext db, DateTime now, IReadOnlyDictionary<string, int> settings, SharedAccessFacts? access = null)
{
    public LedgerDbContext Db { get; } = db;
    public DateTime Now { get; } = now;

    public int Setting(IRule rule, string name) => settings[$"{rule.Id}.{name}"];

    /// <summary>Every rule's thresholds, by their setting names.</summary>
    public IReadOnlyDictionary<string, int> Settings => settings;

    private readonly SharedAccessFacts _access = access ?? new SharedAccessFacts();

    /// <summary>Every account's access now, read once for all the access rules of the run (on the connection of the first to ask).</summary>
    public Task<AccessFacts> AccessAsync(CancellationToken cancellationToken) => _access.Get(() => AccessFacts.LoadAsync(Db, Now, cancellationToken));
}

/// <summary>The access facts of one run of the rules, loaded once whichever of its contexts asks first.</summary>
public sealed class SharedAccessFacts
{
    private readonly Lock _lock = new();
    private Task<AccessFacts>? _loading;

    internal Task<AccessFacts> Get(Func<Task<AccessFacts>> load)
    {
        lock (_lock)
            return _loading ??= load();
    }
}
