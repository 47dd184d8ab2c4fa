using IntegrationLedger.Application.Features.Audit;
using IntegrationLedger.Application.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Tests.Persistence.Auditing;

/// <summary>Rows changed with raw SQL, behind the application's back, must break the chain where it happened.</summary>
public class AuditTamperingTests
{
    private static async Task<TestLedger> LedgerWithHistoryAsync()
    {
        var test = await TestLedger.CreateAsync();
        foreach (var name in new[] { "ana", "ben", "chen", "dana", "eli" })
        {
            await test.AddPersonAsync($"{name}@example.com", name);
            test.Clock.Advance(TimeSpan.FromMinutes(5));
        }
        // Entry 1 is the key check written by init; entries 2-6 are the five people.
        return test;
    }

    private static Task<Domain.Auditing.AuditChainReport> VerifyAsync(TestLedger test) => new VerifyAuditChainHandler(test.Ledger).HandleAsync();

    [Test]
    public async Task Verify_Untouched_HoldsWithEveryEntry()
    {
        await using var test = await LedgerWithHistoryAsync();

        var report = await VerifyAsync(test);

        Assert.That(report.Holds, Is.True);
        Assert.That(report.EntryCount, Is.EqualTo(6));
        Assert.That(report.HeadHash, Is.EqualTo(test.ScalarRawText("SELECT Hash FROM AuditEntries ORDER BY Sequence DESC LIMIT 1")));
    }

    [Test]
    public async Task Verify_EditedEntry_FailsAtThatEntry()
    {
        await using var test = await LedgerWithHistoryAsync();
        test.ExecuteRaw("UPDATE AuditEntries SET After = replace(After, 'chen@', 'mallory@') WHERE Sequence = 4");

        var report = await VerifyAsync(test);

        Assert.That(report.Holds, Is.False);
        Assert.That(report.FirstBadSequence, Is.EqualTo(4));
        Assert.That(report.Problem, Does.Contain("altered"));
    }

    [Test]
    public async Task Verify_EditedEntryWithRecomputedHash_FailsAtTheNextEntry()
    {
        await using var test = await LedgerWithHistoryAsync();
        var original = await test.Ledger.Db.AuditEntries.AsNoTracking().SingleAsync(e => e.Sequence == 3);
        var forged = new Domain.Auditing.AuditEntry(original.Sequence, original.OccurredAt, "mallory", original.Action,
            original.EntityType, original.EntityId, original.Before, original.After, original.PreviousHash);
        test.ExecuteRaw($"UPDATE AuditEntries SET Actor = 'mallory', Hash = '{forged.Hash}' WHERE Sequence = 3");

        var report = await VerifyAsync(test);

        Assert.That(report.Holds, Is.False);
        Assert.That(report.FirstBadSequence, Is.EqualTo(4), "entry 3 is self-consistent; entry 4 no longer follows it");
        Assert.That(report.Problem, Does.Contain("does not follow entry 3"));
    }

    [Test]
    public async Task Verify_EmptiedLog_Fails()
    {
        await using var test = await LedgerWithHistoryAsync();
        test.ExecuteRaw("DELETE FROM AuditEntries");

        var report = await VerifyAsync(test);

        Assert.That(report.Holds, Is.False);
        Assert.That(report.Problem, Does.Contain("empty"));
    }

    [Test]
    public async Task Verify_DeletedEntry_FailsNamingTheGap()
    {
        await using var test = await LedgerWithHistoryAsync();
        test.ExecuteRaw("DELETE FROM AuditEntries WHERE Sequence = 3");

        var report = await VerifyAsync(test);

        Assert.That(report.Holds, Is.False);
        Assert.That(report.FirstBadSequence, Is.EqualTo(4));
        Assert.That(report.Problem, Does.Contain("entry 3 is missing"));
    }

    [Test]
    public async Task Verify_ReorderedEntries_Fails()
    {
        await using var test = await LedgerWithHistoryAsync();
        // Swap the sequence numbers of entries 3 and 4 so they read in the other order.
        test.ExecuteRaw("UPDATE AuditEntries SET Sequence = -3 WHERE Sequence = 3;" +
                        "UPDATE AuditEntries SET Sequence = 3 WHERE Sequence = 4;" +
                        "UPDATE AuditEntries SET Sequence = 4 WHERE Sequence = -3;");

        var report = await VerifyAsync(test);

        Assert.That(report.Holds, Is.False);
        Assert.That(report.FirstBadSequence, Is.EqualTo(3));
    }

    [Test]
    public async Task Verify_RenumberedToCloseTheGap_Fails()
    {
        await using var test = await LedgerWithHistoryAsync();
        // Drop the first entry and shift the rest down so the numbers run 1, 2, 3... again.
        test.ExecuteRaw("DELETE FROM AuditEntries WHERE Sequence = 1; UPDATE AuditEntries SET Sequence = Sequence - 1;");

        var report = await VerifyAsync(test);

        Assert.That(report.Holds, Is.False);
        Assert.That(report.FirstBadSequence, Is.EqualTo(1));
        Assert.That(report.Problem, Does.Contain("does not start the chain"));
    }

    [Test]
    public async Task Append_AfterTampering_StillChainsOntoTheStoredHead()
    {
        await using var test = await LedgerWithHistoryAsync();
        test.ExecuteRaw("UPDATE AuditEntries SET Actor = 'mallory' WHERE Sequence = 2");

        await test.AddPersonAsync("fay@example.com");

        var report = await VerifyAsync(test);
        Assert.That(report.Holds, Is.False, "new entries must not launder an earlier edit");
        Assert.That(report.FirstBadSequence, Is.EqualTo(2));
    }

    /// <summary>Rewrites entries from <paramref name="from"/> to the end as someone with the database would: every hash recomputed.</summary>
    private static async Task RewriteChainFromAsync(TestLedger test, long from)
    {
        var entries = await test.Ledger.Db.AuditEntries.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync();
        var previousHash = entries.Single(e => e.Sequence == from).PreviousHash;
        foreach (var original in entries.Where(e => e.Sequence >= from))
        {
            var forged = new Domain.Auditing.AuditEntry(original.Sequence, original.OccurredAt, "mallory", original.Action,
                original.EntityType, original.EntityId, original.Before, original.After, previousHash);
            test.ExecuteRaw($"UPDATE AuditEntries SET Actor = 'mallory', PreviousHash = '{previousHash}', Hash = '{forged.Hash}' WHERE Sequence = {original.Sequence}");
            previousHash = forged.Hash;
        }
    }

    [Test]
    public async Task Verify_WholeChainRewritten_HoldsAloneButNotAgainstTheWorkbooksHeadHash()
    {
        await using var test = await LedgerWithHistoryAsync();
        var before = await VerifyAsync(test);
        await test.AddPersonAsync("fay@example.com", "fay");
        await RewriteChainFromAsync(test, 3);

        var alone = await VerifyAsync(test);
        var anchored = await new VerifyAuditChainHandler(test.Ledger).HandleAsync(new Domain.Auditing.ChainAnchor(before.EntryCount, before.HeadHash));

        Assert.That(alone.Holds, Is.True, "a chain rewritten with every hash recomputed verifies on its own");
        Assert.That(anchored.Holds, Is.False);
        Assert.That(anchored.FirstBadSequence, Is.EqualTo(6));
        Assert.That(anchored.Problem, Does.Contain(before.HeadHash));
    }

    [Test]
    public async Task Verify_Anchored_HoldsAfterLaterChangesAndCatchesEntriesCutFromTheEnd()
    {
        await using var test = await LedgerWithHistoryAsync();
        var before = await VerifyAsync(test);
        var anchor = new Domain.Auditing.ChainAnchor(before.EntryCount, before.HeadHash);
        await test.AddPersonAsync("fay@example.com", "fay");

        var afterMoreWork = await new VerifyAuditChainHandler(test.Ledger).HandleAsync(anchor);
        test.ExecuteRaw("DELETE FROM AuditEntries WHERE Sequence >= 6");
        var cut = await new VerifyAuditChainHandler(test.Ledger).HandleAsync(anchor);

        Assert.That(afterMoreWork.Holds, Is.True);
        Assert.That((cut.Holds, cut.FirstBadSequence), Is.EqualTo((false, (long?)6)));
        Assert.That(cut.Problem, Does.Contain("removed from the end"));
    }

    [TestCase("6:abc", false)]
    [TestCase("six:0000000000000000000000000000000000000000000000000000000000000000", false)]
    [TestCase("6:00000000000000000000000000000000000000000000000000000000000000AB", true)]
    public void ChainAnchor_ParsesOnlyEntriesColonHash(string text, bool valid) =>
        Assert.That(Domain.Auditing.ChainAnchor.TryParse(text) is not null, Is.EqualTo(valid));
}
