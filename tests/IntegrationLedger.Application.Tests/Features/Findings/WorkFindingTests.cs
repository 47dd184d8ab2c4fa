using IntegrationLedger.Application.Features.Findings;
using IntegrationLedger.Application.Tests.Support;
using IntegrationLedger.Domain.Findings;
using Microsoft.EntityFrameworkCore;
using static IntegrationLedger.Application.Tests.Features.Findings.RuleScenario;

namespace IntegrationLedger.Application.Tests.Features.Findings;

/// <summary>Acknowledging and resolving findings, one or several at once.</summary>
public class WorkFindingTests
{
    [Test]
    public async Task AckAndResolve_AreAuditedWithTheirNotes()
    {
        await using var test = await TestLedger.CreateAsync();
        await test.AddPersonAsync("ana@example.com");
        await test.AddTokenAsync("old", "ana@example.com", rotateEvery: 90, lastRotated: Now.AddDays(-100));
        var id = (await RunAsync(test)).Single(f => f.Rule == "rotation-overdue").Id;

        await new WorkFindingsHandler(test.Ledger).HandleAsync(new WorkFindings(id, FindingAction.Acknowledge, "Reset planned for Friday"));
        var resolved = (await new WorkFindingsHandler(test.Ledger).HandleAsync(new WorkFindings(id, FindingAction.Resolve, "Token retired"))).Single();

        Assert.That((resolved.Status, resolved.Note, resolved.ActedBy), Is.EqualTo((FindingStatus.Resolved, "Token retired", "tester")));
        var findingId = (await test.Ledger.Db.Findings.SingleAsync(f => f.RuleId == "rotation-overdue")).Id.ToString();
        var actions = await test.Ledger.Db.AuditEntries.Where(e => e.EntityType == "Finding" && e.EntityId == findingId).Select(e => e.Action).ToListAsync();
        Assert.That(actions, Is.EqualTo(new[] { "findings.run", "finding.ack", "finding.resolve" }));
        Assert.That(async () => await new WorkFindingsHandler(test.Ledger).HandleAsync(new WorkFindings("nope", FindingAction.Resolve, "x")),
            Throws.TypeOf<Application.Common.NotFoundException>());
    }

    [Test]
    public async Task SeveralAtOnce_TakeOneNote_AndEachIsAuditedOnItsOwn()
    {
        await using var test = await TestLedger.CreateAsync();
        await test.AddPersonAsync("ana@example.com");
        foreach (var label in new[] { "old-1", "old-2", "old-3" })
            await test.AddTokenAsync(label, "ana@example.com", rotateEvery: 90, lastRotated: Now.AddDays(-100));
        var ids = (await RunAsync(test)).Where(f => f.Rule == "rotation-overdue").Select(f => f.Id).ToList();
        var auditedBefore = await test.Ledger.Db.AuditEntries.CountAsync();

        var acknowledged = await new WorkFindingsHandler(test.Ledger).HandleAsync(new WorkFindings(ids, FindingAction.Acknowledge, "All three reset on Friday"));

        Assert.That(acknowledged.Select(f => (f.Status, f.Note)), Is.All.EqualTo((FindingStatus.Acknowledged, "All three reset on Friday")));
        var entries = await test.Ledger.Db.AuditEntries.Where(e => e.Sequence > auditedBefore).ToListAsync();
        Assert.That(entries.Select(e => (e.Action, e.EntityType)), Is.EqualTo(Enumerable.Repeat(("finding.ack", "Finding"), 3)));
        Assert.That(entries.Select(e => e.After), Is.All.Contains("All three reset on Friday"));
    }

    [Test]
    public async Task SeveralAtOnce_OneUnknownOrResolved_ChangesNone()
    {
        await using var test = await TestLedger.CreateAsync();
        await test.AddPersonAsync("ana@example.com");
        foreach (var label in new[] { "old-1", "old-2" })
            await test.AddTokenAsync(label, "ana@example.com", rotateEvery: 90, lastRotated: Now.AddDays(-100));
        var ids = (await RunAsync(test)).Where(f => f.Rule == "rotation-overdue").Select(f => f.Id).ToList();
        await new WorkFindingsHandler(test.Ledger).HandleAsync(new WorkFindings(ids[0], FindingAction.Resolve, "Retired"));

        Assert.That(async () => await new WorkFindingsHandler(test.Ledger).HandleAsync(new WorkFindings([ids[1], "deadbeef"], FindingAction.Acknowledge, "x")),
            Throws.TypeOf<Application.Common.NotFoundException>().With.Message.Contains("'deadbeef'"));
        Assert.That(async () => await new WorkFindingsHandler(test.Ledger).HandleAsync(new WorkFindings(ids, FindingAction.Acknowledge, "x")),
            Throws.TypeOf<Domain.Common.DomainException>().With.Message.Contains("already resolved"));
        var second = await test.Ledger.Db.Findings.AsNoTracking().ToListAsync();
        Assert.That(second.Count(f => f.RuleId == "rotation-overdue" && f.Status == FindingStatus.Open), Is.EqualTo(1));
    }
}
