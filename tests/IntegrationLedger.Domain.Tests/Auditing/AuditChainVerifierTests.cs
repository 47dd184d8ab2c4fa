using IntegrationLedger.Domain.Auditing;

namespace IntegrationLedger.Domain.Tests.Auditing;

public class AuditChainVerifierTests
{
    private static List<AuditEntry> Chain(int length)
    {
        var entries = new List<AuditEntry>();
        var previous = AuditEntry.GenesisHash;
        for (var i = 1; i <= length; i++)
        {
            var entry = new AuditEntry(i, TestClock.StartUtc.AddMinutes(i), "gus", "person.add", "Person", $"id-{i}", null, $"{{\"Name\":\"P{i}\"}}", previous);
            entries.Add(entry);
            previous = entry.Hash;
        }
        return entries;
    }

    private static AuditChainReport Verify(IEnumerable<AuditEntry> entries)
    {
        var verifier = new AuditChainVerifier();
        foreach (var entry in entries)
        {
            if (!verifier.Accept(entry))
                break;
        }
        return verifier.Report();
    }

    [Test]
    public void Verify_IntactChain_HoldsWithCountAndHead()
    {
        var chain = Chain(5);

        var report = Verify(chain);

        Assert.That(report.Holds, Is.True);
        Assert.That(report.EntryCount, Is.EqualTo(5));
        Assert.That(report.HeadHash, Is.EqualTo(chain[^1].Hash));
    }

    [Test]
    public void Verify_EmptyChain_HoldsWithGenesisHead()
    {
        var report = Verify([]);

        Assert.That(report.Holds, Is.True);
        Assert.That(report.EntryCount, Is.Zero);
        Assert.That(report.HeadHash, Is.EqualTo(AuditEntry.GenesisHash));
    }

    [Test]
    public void Verify_MissingEntry_NamesIt()
    {
        var chain = Chain(5);
        chain.RemoveAt(2);

        var report = Verify(chain);

        Assert.That(report.Holds, Is.False);
        Assert.That(report.FirstBadSequence, Is.EqualTo(4));
        Assert.That(report.Problem, Does.Contain("entry 3 is missing"));
        Assert.That(report.EntryCount, Is.EqualTo(2));
    }

    [Test]
    public void Verify_SwappedEntries_Fails()
    {
        var chain = Chain(5);
        (chain[1], chain[2]) = (chain[2], chain[1]);

        var report = Verify(chain);

        Assert.That(report.Holds, Is.False);
        Assert.That(report.FirstBadSequence, Is.EqualTo(3));
    }

    [Test]
    public void Hash_ChangesWithEveryField()
    {
        var baseline = new AuditEntry(1, TestClock.StartUtc, "gus", "a", "T", "1", "b", "c", AuditEntry.GenesisHash).Hash;
        var variants = new[]
        {
            new AuditEntry(2, TestClock.StartUtc, "gus", "a", "T", "1", "b", "c", AuditEntry.GenesisHash),
            new AuditEntry(1, TestClock.StartUtc.AddTicks(1), "gus", "a", "T", "1", "b", "c", AuditEntry.GenesisHash),
            new AuditEntry(1, TestClock.StartUtc, "gut", "a", "T", "1", "b", "c", AuditEntry.GenesisHash),
            new AuditEntry(1, TestClock.StartUtc, "gus", "x", "T", "1", "b", "c", AuditEntry.GenesisHash),
            new AuditEntry(1, TestClock.StartUtc, "gus", "a", "X", "1", "b", "c", AuditEntry.GenesisHash),
            new AuditEntry(1, TestClock.StartUtc, "gus", "a", "T", "2", "b", "c", AuditEntry.GenesisHash),
            new AuditEntry(1, TestClock.StartUtc, "gus", "a", "T", "1", null, "c", AuditEntry.GenesisHash),
            new AuditEntry(1, TestClock.StartUtc, "gus", "a", "T", "1", "b", "d", AuditEntry.GenesisHash),
            new AuditEntry(1, TestClock.StartUtc, "gus", "a", "T", "1", "b", "c", new string('1', 64)),
            // Moving text between fields must not give the same hash.
            new AuditEntry(1, TestClock.StartUtc, "gusa", "", "T", "1", "b", "c", AuditEntry.GenesisHash),
        };

        Assert.That(variants.Select(v => v.Hash), Has.None.EqualTo(baseline));
    }

    [Test]
    public void Hash_IsSha256OfTheDocumentedJsonArray()
    {
        // Expected value computed independently in Python:
        // sha256(json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode()).hexdigest()
        var entry = new AuditEntry(1, TestClock.StartUtc, "gus", "person.add", "Person", "id-1", null,
            "{\"Email\":\"ana@example.com\",\"Name\":\"Ana \\\"AL\\\" Lima — Ops\"}", AuditEntry.GenesisHash);

        Assert.That(entry.Hash, Is.EqualTo("4919eebb7a5313bb4ca287f9365d1d6a79fe763dda0d87248d1a6095d09fcddb"));
    }

    [Test]
    public void Verify_WithRequiredFirstAction_RejectsAnEmptyLogAndAWrongFirstEntry()
    {
        var empty = new AuditChainVerifier(firstAction: "ledger.init");
        Assert.That(empty.Report().Holds, Is.False);

        var wrongStart = new AuditChainVerifier(firstAction: "ledger.init");
        wrongStart.Accept(Chain(1)[0]);
        Assert.That(wrongStart.Report().Holds, Is.False);
        Assert.That(wrongStart.Report().Problem, Does.Contain("not the ledger's creation"));
    }
}
