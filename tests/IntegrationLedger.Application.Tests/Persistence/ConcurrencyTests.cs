using IntegrationLedger.Application.Features.Audit;
using IntegrationLedger.Application.Features.People;
using IntegrationLedger.Application.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Tests.Persistence;

public class ConcurrencyTests
{
    [Test]
    public async Task Writers_OnSeparateConnections_WaitForEachOtherAndLoseNothing()
    {
        await using var test = await TestLedger.CreateAsync();
        const int writers = 4;
        const int peopleEach = 15;

        var work = Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            await using var ledger = await test.OpenAnotherAsync($"writer-{w}");
            for (var i = 0; i < peopleEach; i++)
                await new AddPersonHandler(ledger).HandleAsync(new AddPerson($"p{w}-{i}@example.com", $"Person {w}-{i}", null));
        }));
        await Task.WhenAll(work);

        Assert.That(await test.Ledger.Db.People.CountAsync(), Is.EqualTo(writers * peopleEach));
        var report = await new VerifyAuditChainHandler(test.Ledger).HandleAsync();
        Assert.That(report.Holds, Is.True, report.Problem);
        Assert.That(report.EntryCount, Is.EqualTo(1 + writers * peopleEach));
    }
}
