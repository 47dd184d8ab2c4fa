using System.Globalization;
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
/// The accounts and their access at the end of the period, replayed from the audit log like the tokens
/// (docs/decisions/0004) rather than read from the tables, so an export imported later cannot leak in. A snapshot's
/// insert entry holds all its values; its later moves (<c>ConfirmedAt</c>, the last login) are bookkeeping the log
/// leaves out, so a replayed snapshot has the values it was recorded with, which are the access of its moment.
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
    public static ReplayedAccess From(AuditReplay replay, DateTime end, ReportNames names)
    {
        var files = replay.Rows("ImportBatch").ToDictionary(b => b.Id, b => b.Text("FileName"), StringComparer.OrdinalIgnoreCase);
        var snapshots = replay.Rows(nameof(AccessSnapshot)).Select(s => Snapshot(s, files)).OfType<ReplayedSnapshot>()
            .Where(s => s.AsOf < end)
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

    /// <summary>The snapshot rebuilt through the domain's own factories, from the values its insert entry recorded.</summary>
    private static ReplayedSnapshot? Snapshot(ReplayedRow row, IReadOnlyDictionary<string, string?> files)
    {
        if (!Guid.TryParse(row.Text("AccountId"), out var accountId) || !Guid.TryParse(row.Text("BatchId"), out var batchId)
            || !Enum.TryParse<AccessFacet>(row.Text("Facet"), out var facet) || row.Time("AsOf") is not { } asOf)
            return null;
        var snapshot = facet switch
        {
            AccessFacet.User => AccessSnapshot.OfUser(accountId, batchId, asOf, asOf, new UserFacts(
                row.Flag("IsActive"), row.Text("UserType"), row.Text("Licence"), row.Text("Profile"), row.Text("Role"), row.Text("Email"),
                row.Text("FederationId"), row.Time("LastLoginAt"), row.Time("LastPasswordChangeAt"))),
            AccessFacet.PermissionSets => AccessSnapshot.OfPermissionSets(accountId, batchId, asOf, asOf, PermissionSetGrants.Read(row.Text("PermissionSets"))),
            AccessFacet.Mfa => AccessSnapshot.OfMfa(accountId, batchId, asOf, asOf,
                Enum.TryParse<MfaMethods>(row.Text("MfaMethods"), out var methods) ? methods : MfaMethods.None),
            _ => AccessSnapshot.OfLogin(accountId, batchId, asOf, asOf, row.Flag("IsFrozen"), row.Flag("IsPasswordLocked")),
        };
        return new ReplayedSnapshot(snapshot, row.Text("Changes"), files.GetValueOrDefault(batchId.ToString("D", CultureInfo.InvariantCulture)));
    }
}
