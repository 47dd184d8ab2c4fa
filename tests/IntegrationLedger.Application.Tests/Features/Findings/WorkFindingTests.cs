using IntegrationLedger.Application.Features.Findings;
using IntegrationLedger.Application.Tests.Support;
using IntegrationLedger.Domain.Findings;
using Microsoft.EntityFrameworkCore;
using static IntegrationLedger.Application.Tests.Features.Findings.RuleScenario;

namespace IntegrationLedger.Application.Tests.Features.Findings;

/// <summary>Acknowledging and resolving a finding.</summary>
public class WorkFindingTests
{
    [Test]
    public async Task AckAndResolve_AreAuditedWithTheirNotes()
    {
        await using var test = await TestLedger.CreateAsync();
        await test.AddPersonAsync("ana@example.com");
        await test.AddTokenAsync("old", "ana@example.com", rotateEvery: 90, lastRotated: Now.AddDays(-100));
        var id = (await RunAsync(test)).Single(f => f.Rule == "rotation-overdue").Id;

        await new WorkFindingHandler(test.Ledger).HandleAsync(new WorkFinding(id, FindingAction.Acknowledge, "Reset planned for Friday"));
        var resolved = await new WorkFindingHandler(test.Ledger).HandleAsync(new WorkFinding(id, FindingAction.Resolve, "Token retired"));

        Assert.That((resolved.Status, resolved.Note, resolved.ActedBy), Is.EqualTo((FindingStatus.Resolved, "Token retired", "tester")));
        var actions = await test.Ledger.Db.AuditEntries.Where(e => e.EntityType == "Finding").Select(e => e.Action).ToListAsync();
        Assert.That(actions, Is.EqualTo(new[] { "findings.run", "finding.ack", "finding.resolve" }));
        Assert.That(async () => await new WorkFindingHandler(test.Ledger).HandleAsync(new WorkFinding("nope", FindingAction.Resolve, "x")),
            Throws.TypeOf<Application.Common.NotFoundException>());
    }
}
