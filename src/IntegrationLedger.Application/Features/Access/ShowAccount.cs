using IntegrationLedger.Application.Common;
using IntegrationLedger.Domain.Access;
using IntegrationLedger.Domain.Findings;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Features.Access;

/// <summary>One snapshot in an account's history: when, which export, and what it changed.</summary>
public sealed record AccessHistoryEntry(DateTime AsOf, AccessFacet Facet, string FileName, string What, DateTime ConfirmedAt);

/// <summary>A permission set held, with the powerful permissions it grants.</summary>
public sealed record HeldPermissionSet(string Name, string? Label, bool IsProfile, string? Profile, IReadOnlyList<string> Grants);

/// <summary>An open finding about the account.</summary>
public sealed record AccountFinding(string Rule, Severity Severity, string Summary);

public sealed record AccountDetails(
    AccountSummary Account,
    DateTime AsOf,
    IReadOnlyList<HeldPermissionSet> PermissionSets,
    IReadOnlyList<AccessHistoryEntry> History,
    IReadOnlyList<AccountFinding> Findings);

/// <summary><c>ledger account show USERNAME [--as-of WHEN]</c>: an account's access then, how it came to be, and its open findings.</summary>
public sealed class ShowAccountHandler(Ledger ledger)
{
    public async Task<AccountDetails> HandleAsync(string username, DateTime? asOf = null, CancellationToken cancellationToken = default)
    {
        var db = ledger.Db;
        var normalized = username.Trim().ToLowerInvariant();
        var account = await db.Accounts.AsNoTracking().FirstOrDefaultAsync(a => a.Username == normalized, cancellationToken)
            ?? throw new NotFoundException($"No account '{username.Trim()}'; ledger account list shows them.");
        var at = asOf ?? ledger.Now;
        // The whole history, whatever the moment asked for: what came before it and what followed. The access then
        // is its latest snapshot of each facet at or before the moment.
        var history = await AccessQueries.HistoryAsync(db, account.Id, cancellationToken);
        var access = AccountAccess.Of(history.Where(s => s.AsOf <= at));
        var users = (await AccessQueries.UsersOfAccountsAsync(db, cancellationToken)).GetValueOrDefault(account.Id) ?? [];
        var owner = account.OwnerId is { } ownerId ? await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Id == ownerId, cancellationToken) : null;
        var summary = AccountSummary.Of(new AccountFacts(account, access, users, owner), at);

        var batchIds = history.Select(s => s.BatchId).Distinct().ToList();
        var files = await db.ImportBatches.AsNoTracking().Where(b => batchIds.Contains(b.Id)).ToDictionaryAsync(b => b.Id, b => b.FileName, cancellationToken);
        var entries = history.Select(s => new AccessHistoryEntry(s.AsOf, s.Facet, files.GetValueOrDefault(s.BatchId) ?? "", s.Changes ?? Describe(s), s.ConfirmedAt)).ToList();

        var findings = await db.Findings.AsNoTracking()
            .Where(f => f.SubjectType == "Account" && f.SubjectKey == account.Username && f.Status != FindingStatus.Resolved)
            .OrderByDescending(f => f.Severity).ToListAsync(cancellationToken);
        var sets = access.PermissionSets?.Grants
            .Select(g => new HeldPermissionSet(g.Name, g.Label, g.IsProfile, g.Profile, PermissionFields.In(g.Granted).Select(p => p.Label).ToList()))
            .ToList() ?? [];
        return new AccountDetails(summary, at, sets, entries, findings.Select(f => new AccountFinding(f.RuleId, f.Severity, f.Summary)).ToList());
    }

    /// <summary>A first snapshot (or history recorded late) has no changes to tell: it says what it found.</summary>
    private static string Describe(AccessSnapshot s) => s.Facet switch
    {
        AccessFacet.User => $"first seen: {(s.IsActive == false ? "inactive" : "active")}, profile {s.Profile ?? "unknown"}, licence {s.Licence ?? "unknown"}"
            + (s.LastPasswordChangeAt is { } changed ? $", password changed {DisplayText.Date(changed)}" : ""),
        AccessFacet.PermissionSets => $"permission sets: {string.Join(", ", s.Grants.Select(g => g.DisplayName))}; powerful: {PermissionFields.Describe(s.Granted & PermissionFields.Powerful)}",
        AccessFacet.Mfa => $"verification methods: {MfaFields.Describe(s.MfaMethods ?? MfaMethods.None)}",
        _ => $"{(s.IsFrozen == true ? "frozen" : "not frozen")}{(s.IsPasswordLocked == true ? ", password locked" : "")}",
    };
}
