using IntegrationLedger.Application.Features.Audit;
using IntegrationLedger.Application.Features.People;
using IntegrationLedger.Application.Tests.Support;
using IntegrationLedger.Domain.People;
using IntegrationLedger.Domain.Tokens;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Tests.Features.People;

public class OffboardPersonTests
{
    private static async Task<TestLedger> LedgerWithDanasWorkAsync()
    {
        var test = await TestLedger.CreateAsync();
        await test.AddPersonAsync("dana@example.com", "Dana Kowalski");
        await test.AddPersonAsync("eli@example.com", "Eli Haddad");
        await test.AddIntegrationAsync("Finance Loader", "dana@example.com");
        await test.AddIntegrationAsync("Invoice Sync", "eli@example.com");
        await test.AddTokenAsync("dana-loader", "dana@example.com");
        await test.AddTokenAsync("dana-api", "dana@example.com");
        await test.UseTokenAsync("dana-loader", "Finance Loader");
        await new Application.Features.Tokens.UseTokenHandler(test.Ledger).HandleAsync(new("dana-api", "Invoice Sync", "Invoice push", SetUpBy: "dana@example.com"));
        return test;
    }

    [Test]
    public async Task Offboard_PrintsThePlanWithoutChangingTokens()
    {
        await using var test = await LedgerWithDanasWorkAsync();

        var plan = await new OffboardPersonHandler(test.Ledger).HandleAsync(new OffboardPerson("dana@example.com", new DateOnly(2026, 6, 30)));

        Assert.That(plan.Person.Status, Is.EqualTo(PersonStatus.Departed));
        Assert.That(plan.Tokens.Select(t => (t.Label, t.Action)), Is.EqualTo(new[] { ("dana-api", "revoke or reassign"), ("dana-loader", "revoke or reassign") }));
        Assert.That(plan.Tokens.Single(t => t.Label == "dana-loader").UsedBy, Is.EqualTo(new[] { "Finance Loader" }));
        Assert.That(plan.IntegrationsOwned, Is.EqualTo(new[] { "Finance Loader" }));
        Assert.That(plan.UsagesConfigured, Is.EqualTo(new[] { new ConfiguredUsage("Invoice Sync", "dana-api") }));
        Assert.That(await test.Ledger.Db.Tokens.CountAsync(t => t.Status == TokenStatus.Active), Is.EqualTo(2));
    }

    [Test]
    public async Task Offboard_WithRevokeTokens_LeavesNoActiveTokenAndAnAuditTrailOfEachStep()
    {
        await using var test = await LedgerWithDanasWorkAsync();

        await new OffboardPersonHandler(test.Ledger).HandleAsync(new OffboardPerson("dana@example.com", new DateOnly(2026, 6, 30), RevokeTokens: true));

        var tokens = await test.Ledger.Db.Tokens.AsNoTracking().ToListAsync();
        Assert.That(tokens.Select(t => (t.Status, t.RevocationReason)), Is.All.EqualTo((TokenStatus.Revoked, (RevocationReason?)RevocationReason.Offboarding)));
        var log = await new ListAuditLogHandler(test.Ledger).HandleAsync(new ListAuditLog());
        var offboarding = log.Where(e => e.Action == "person.offboard").ToList();
        Assert.That(offboarding.Count(e => e.EntityType == "Person"), Is.EqualTo(1));
        Assert.That(offboarding.Count(e => e.EntityType == "Token"), Is.EqualTo(2));
        Assert.That(offboarding.Count(e => e.EntityType == "TokenUsage"), Is.EqualTo(2));
    }

    [Test]
    public async Task Offboard_WithReassign_MovesTokensAndIntegrationsToTheSuccessor()
    {
        await using var test = await LedgerWithDanasWorkAsync();

        var plan = await new OffboardPersonHandler(test.Ledger).HandleAsync(new OffboardPerson("dana@example.com", new DateOnly(2026, 6, 30), ReassignTo: "eli@example.com"));

        var eli = await test.Ledger.Db.People.SingleAsync(p => p.Email == "eli@example.com");
        Assert.That(await test.Ledger.Db.Tokens.AllAsync(t => t.OwnerId == eli.Id && t.Status == TokenStatus.Active), Is.True);
        Assert.That(await test.Ledger.Db.Integrations.AllAsync(i => i.OwnerId == eli.Id), Is.True);
        Assert.That(plan.Tokens.Select(t => t.Action), Is.All.EqualTo("reassigned"));
    }

    [Test]
    public async Task Offboard_Twice_IsRefused()
    {
        await using var test = await LedgerWithDanasWorkAsync();
        await new OffboardPersonHandler(test.Ledger).HandleAsync(new OffboardPerson("dana@example.com", new DateOnly(2026, 6, 30)));

        Assert.That(async () => await new OffboardPersonHandler(test.Ledger).HandleAsync(new OffboardPerson("dana@example.com", new DateOnly(2026, 7, 1))),
            Throws.TypeOf<Domain.Common.DomainException>());
    }
}
