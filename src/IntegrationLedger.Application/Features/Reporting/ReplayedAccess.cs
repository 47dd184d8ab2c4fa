using IntegrationLedger.Application.Features.Access;
using IntegrationLedger.Application.Persistence.Auditing;
using IntegrationLedger.Domain.Access;
using IntegrationLedger.Domain.Accounts;

namespace IntegrationLedger.Application.Features.Reporting;

/// <summary>A snapshot as the log recorded it, with what it said had changed and the file it came from.</summary>
internal sealed record ReplayedSnapshot(AccessSnapshot Snapshot, string? Changes, string? File)
{
    public Guid AccountId => Snapshot.AccountId;
    public AccessFacet Facet => Snapshot.Facet;
    public DateTime AsOf => Snapshot.AsOf;
}

/// <summary>An account as it stood at the end of the period: its access then, read as people read it, and every snapshot it had by then.</summary>
internal sealed record ReplayedAccount(AccountFacts Facts, AccountSummary Summary, IReadOnlyList<ReplayedSnapshot> Snapshots)
{
    public AccountAccess Access => Facts.Access;
}

/// <summary>
/// The accounts and their access at the end of the period. The accounts are replayed from the audit log like the
/// tokens (docs/decisions/0004); the snapshots are written in bulk and covered by their batch's digest (decision
/// 0021), so they are read from the table and kept only when their batch is in the replay: an export imported
/// after the end cannot leak in, and one changed behind the ledger's back fails <c>audit verify</c>.
/// Access at the end is the latest snapshot of each facet as of a moment before the end, merged by
/// <see cref="AccountAccess"/> and worded by <see cref="AccountSummary"/> exactly as the command line and the web word it.
/// </summary>
internal sealed class ReplayedAccess
{
    private ReplayedAccess(IReadOnlyList<ReplayedAccount> accounts, bool anyExport)
    {
        Accounts = accounts;
        AnyExport = anyExport;
    }

    /// <summary>Every account the ledger held at the end, by username.</summary>
    public IReadOnlyList<ReplayedAccount> Accounts { get; }

    /// <summary>Whether any access export described a moment before the end; without one, no access figure means anything.</summary>
    public bool AnyExport { get; }

    /// <param name="end">The end of the period (exclusive): snapshots of that moment or later belong to the next period.</param>
    public static ReplayedAccess From(AuditReplay replay, DateTime end, ReportNames names, IEnumerable<AccessSnapshot> stored)
    {
        var files = replay.Rows("ImportBatch").ToDictionary(b => Guid.Parse(b.Id), b => b.Text("FileName"));
        var snapshots = stored.Where(s => s.AsOf < end && files.ContainsKey(s.BatchId))
            .Select(s => new ReplayedSnapshot(s, s.Changes, files[s.BatchId]))
            .ToLookup(s => s.AccountId);
        var accounts = replay.Rows(nameof(Account)).Select(AccountOf).OfType<(Guid Id, Account Account)>().ToList();
        var users = ReplayedAccountUsers.Of(replay, accounts, names);

        var replayed = accounts.Select(a =>
            {
                var own = snapshots[a.Id].OrderBy(s => s.AsOf).ThenBy(s => s.Facet).ToList();
                var access = AccountAccess.Of(own.GroupBy(s => s.Facet).Select(g => g.Last().Snapshot));
                var facts = new AccountFacts(a.Account, access, users.GetValueOrDefault(a.Id) ?? [], Owner: null);
                // The owner as the replay knows them: the person row then, not the one now.
                var summary = AccountSummary.Of(facts, end) with { OwnerEmail = names.Email(a.Account.OwnerId?.ToString()) };
                return new ReplayedAccount(facts, summary, own);
            })
            .OrderBy(a => a.Summary.Username, StringComparer.Ordinal)
            .ToList();
        return new ReplayedAccess(replayed, replayed.Any(a => a.Snapshots.Count > 0));
    }

    /// <summary>
    /// The account row rebuilt through the domain's constructor, which keeps only what a summary reads (the id
    /// it makes is its own: the replay's id is returned beside it and is the one snapshots name).
    /// </summary>
    private static (Guid, Account)? AccountOf(ReplayedRow row) =>
        Guid.TryParse(row.Id, out var id) && row.Text("Username") is { } username && row.Time("CreatedAt") is { } created
            ? (id, new Account(username, Enum.TryParse<AccountKind>(row.Text("Kind"), out var kind) ? kind : AccountKind.Personal,
                Guid.TryParse(row.Text("OwnerId"), out var owner) ? owner : null, row.Text("PlatformUserId"), created))
            : null;
}
