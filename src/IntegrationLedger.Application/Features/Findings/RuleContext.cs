using IntegrationLedger.Application.Features.Access;
using IntegrationLedger.Application.Features.ConnectedApps;
using IntegrationLedger.Application.Persistence;

namespace IntegrationLedger.Application.Features.Findings;

/// <summary>What a rule sees: the ledger as it is now, the time, and its own thresholds.</summary>
/// <param name="shared">
/// What several rules read, shared by the contexts of one run, which evaluates its rules on several
/// connections at once; null for a context of its own, which loads each on first use.
/// </param>
public sealed class RuleContext(LedgerDbContext db, DateTime now, IReadOnlyDictionary<string, int> settings, SharedFacts? shared = null)
{
    public LedgerDbContext Db { get; } = db;
    public DateTime Now { get; } = now;

    public int Setting(IRule rule, string name) => settings[$"{rule.Id}.{name}"];

    /// <summary>Every rule's thresholds, by their setting names.</summary>
    public IReadOnlyDictionary<string, int> Settings => settings;

    private readonly SharedFacts _shared = shared ?? new SharedFacts();

    /// <summary>Every account's access now, read once for all the access rules of the run (on the connection of the first to ask).</summary>
    public Task<AccessFacts> AccessAsync(CancellationToken cancellationToken) => _shared.Access.Get(() => AccessFacts.LoadAsync(Db, Now, cancellationToken));

    /// <summary>The register of connected apps, read once for all the app rules of the run.</summary>
    public Task<List<AppEntry>> AppsAsync(CancellationToken cancellationToken) => _shared.Apps.Get(() => ConnectedAppRegister.LoadAsync(Db, cancellationToken));
}

/// <summary>What several rules of one run read, each loaded once whichever of the run's contexts asks first.</summary>
public sealed class SharedFacts
{
    internal Once<AccessFacts> Access { get; } = new();
    internal Once<List<AppEntry>> Apps { get; } = new();

    internal sealed class Once<T>
    {
        private readonly Lock _lock = new();
        private Task<T>? _loading;

        public Task<T> Get(Func<Task<T>> load)
        {
            lock (_lock)
                return _loading ??= load();
        }
    }
}
