using IntegrationLedger.Application.Features.Audit.Readable;
using IntegrationLedger.Application.Persistence;
using IntegrationLedger.Application.Persistence.Auditing;
using IntegrationLedger.Application.Persistence.Auditing.Verification;
using IntegrationLedger.Domain.Auditing;
using IntegrationLedger.Domain.Reviews;
using IntegrationLedger.Domain.Tokens;
using IntegrationLedger.Domain.Users;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Features.Reporting;

/// <summary>
/// What the workbook needs from the audit log, gathered in one pass over it: whether the whole chain holds
/// and the tables hold what it records,
/// the records as they stood at the end of the period, the chain's last entry by then, how many changes the
/// period saw, and the token lifecycle steps up to its end. (The Change log sheet streams the period's
/// entries again as it writes them, so that no copy of them is held in memory.)
/// </summary>
internal sealed class QuarterAudit
{
    /// <summary>The steps that make the Rotations and revocations sheet.</summary>
    private static readonly HashSet<string> LifecycleActions =
    [
        AuditActions.TokenUse, AuditActions.TokenReset, AuditActions.TokenConfirm, AuditActions.TokenRevoke,
        AuditActions.PersonOffboard, AuditActions.ReviewAttest,
    ];

    private QuarterAudit(AuditChainReport chain, LedgerVerification verification, AuditReplay atEnd, long entriesAtEnd, string hashAtEnd, PeriodCounts counts,
        IReadOnlyList<AuditEntry> lifecycle, IReadOnlyDictionary<string, SettingChange> settingChanges)
    {
        Chain = chain;
        Verification = verification;
        AtEnd = atEnd;
        EntriesAtEnd = entriesAtEnd;
        HashAtEnd = hashAtEnd;
        (ChangesInPeriod, AccessInPeriod, RefusalsInPeriod) = (counts.Changes, counts.Access, counts.Refusals);
        Lifecycle = lifecycle;
        SettingChanges = settingChanges;
    }

    /// <summary>The whole chain's verification, as <c>ledger audit verify</c> reports it.</summary>
    public AuditChainReport Chain { get; }

    /// <summary>The chain and whether the tables hold what it records, as <c>ledger audit verify</c> reports them.</summary>
    public LedgerVerification Verification { get; }

    /// <summary>The ledger's records as they stood at the end of the period.</summary>
    public AuditReplay AtEnd { get; }

    /// <summary>The sequence of the last entry before the end of the period (0 for none).</summary>
    public long EntriesAtEnd { get; }

    /// <summary>The hash of that entry: the chain's head as the period closed.</summary>
    public string HashAtEnd { get; }

    /// <summary>Entries of the period that changed the ledger: every one but the records of access.</summary>
    public long ChangesInPeriod { get; }

    /// <summary>Sign-ins, sign-outs and refused requests in the period (one access event each).</summary>
    public long AccessInPeriod { get; }

    /// <summary>Of them, failed or held-back sign-ins and refused requests.</summary>
    public long RefusalsInPeriod { get; }

    /// <summary>Who last set each setting before the end of the period, and when, by the setting's name.</summary>
    public IReadOnlyDictionary<string, SettingChange> SettingChanges { get; }

    /// <summary>Token and usage entries of the lifecycle actions before the end of the period, in the log's order.</summary>
    public IReadOnlyList<AuditEntry> Lifecycle { get; }

    public static async Task<QuarterAudit> ReadAsync(LedgerDbContext db, Quarter quarter, DateTime end, CancellationToken cancellationToken)
    {
        var verifier = new AuditChainVerifier(firstAction: AuditActions.LedgerInit);
        var verifying = true;
        var replay = new AuditReplay();
        // The whole log, to compare with the tables as they are now; the replay above stops at the period's end.
        var whole = new AuditReplay();
        long entriesAtEnd = 0;
        var hashAtEnd = AuditEntry.GenesisHash;
        long changes = 0, access = 0, refusals = 0;
        var lifecycle = new List<AuditEntry>();
        var settingChanges = new Dictionary<string, SettingChange>(StringComparer.Ordinal);

        await foreach (var entry in db.AuditEntries.AsNoTracking().OrderBy(e => e.Sequence).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            // Verification stops at the first bad entry, as `audit verify` does; the rest still describe the ledger.
            verifying = verifying && verifier.Accept(entry);
            if (verifying)
                whole.Apply(entry.EntityType, entry.EntityId, entry.After);
            if (entry.OccurredAt >= end)
                continue;
            replay.Apply(entry.EntityType, entry.EntityId, entry.After);
            (entriesAtEnd, hashAtEnd) = (entry.Sequence, entry.Hash);
            if (entry.OccurredAt >= quarter.StartUtc && !ActionWords.IsAccess(entry.Action))
                changes++;
            else if (entry.OccurredAt >= quarter.StartUtc && entry.EntityType == nameof(AccessEvent) && entry.After is { } after)
            {
                access++;
                if (!after.Contains($"\"Kind\":\"{AccessEventKind.SignedIn}\"", StringComparison.Ordinal) && !after.Contains($"\"Kind\":\"{AccessEventKind.SignedOut}\"", StringComparison.Ordinal))
                    refusals++;
            }
            if (entry.Action == AuditActions.SettingsSet && entry.EntityType == nameof(LedgerSetting))
                settingChanges[entry.EntityId] = new SettingChange(entry.Actor, entry.OccurredAt);
            if (entry.EntityType is nameof(Token) or nameof(TokenUsage) && LifecycleActions.Contains(entry.Action))
                lifecycle.Add(entry);
        }
        var chain = verifier.Report();
        var verification = await LedgerCheck.CompareAsync(db, chain, whole, cancellationToken);
        return new QuarterAudit(chain, verification, replay, entriesAtEnd, hashAtEnd, new PeriodCounts(changes, access, refusals), lifecycle, settingChanges);
    }

    private readonly record struct PeriodCounts(long Changes, long Access, long Refusals);
}

/// <summary>Who set a setting to the value it had, and when.</summary>
internal sealed record SettingChange(string Actor, DateTime At);
