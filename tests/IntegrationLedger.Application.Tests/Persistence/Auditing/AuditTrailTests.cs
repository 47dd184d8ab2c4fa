using System.Text.Json;
using FluentValidation;
using IntegrationLedger.Application.Features.Audit;
using IntegrationLedger.Application.Features.Tokens;
using IntegrationLedger.Application.Tests.Support;
using IntegrationLedger.Domain.Common;
using IntegrationLedger.Domain.People;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Tests.Persistence.Auditing;

public class AuditTrailTests
{
    [Test]
    public async Task Change_WritesOneEntryPerChangedRowWithActorTimeAndValues()
    {
        await using var test = await TestLedger.CreateAsync();

        await test.AddPersonAsync("ana@example.com", "Ana Lima");

        var entries = await new ListAuditLogHandler(test.Ledger).HandleAsync(new ListAuditLog());
        var entry = entries.Single(e => e.Action == "person.add");
        Assert.That(entry.Actor, Is.EqualTo("tester"));
        Assert.That(entry.OccurredAt, Is.EqualTo(TestLedger.Start.UtcDateTime));
        Assert.That(entry.EntityType, Is.EqualTo(nameof(Person)));
        Assert.That(entry.Before, Is.Null);
        using var after = JsonDocument.Parse(entry.After!);
        Assert.That(after.RootElement.GetProperty("Email").GetString(), Is.EqualTo("ana@example.com"));
        Assert.That(after.RootElement.GetProperty("Status").GetString(), Is.EqualTo("Active"));
    }

    [Test]
    public async Task Modification_RecordsOnlyChangedValuesBeforeAndAfter()
    {
        await using var test = await TestLedger.CreateAsync();
        await test.AddPersonAsync("ana@example.com");
        await test.AddIntegrationAsync("Nightly ETL", "ana@example.com");
        await test.AddTokenAsync("etl-token", "ana@example.com");
        await test.UseTokenAsync("etl-token", "Nightly ETL");
        test.Clock.Advance(TimeSpan.FromDays(1));

        await new ResetTokenHandler(test.Ledger).HandleAsync(new ResetToken("etl-token"));

        var reset = (await new ListAuditLogHandler(test.Ledger).HandleAsync(new ListAuditLog(TestLedger.Start.UtcDateTime.AddHours(1))))
            .Where(e => e.Action == "token.reset").ToList();
        Assert.That(reset.Select(e => e.EntityType), Is.EquivalentTo(new[] { "Token", "TokenUsage" }));
        var usage = reset.Single(e => e.EntityType == "TokenUsage");
        Assert.That(usage.Before, Does.Contain("\"Status\":\"Current\""));
        Assert.That(usage.After, Does.Contain("\"Status\":\"PendingUpdate\""));
        Assert.That(usage.After, Does.Not.Contain("Purpose"), "unchanged values are not repeated");
    }

    [Test]
    public async Task Fingerprint_IsRedactedInTheLog()
    {
        await using var test = await TestLedger.CreateAsync();
        await test.AddPersonAsync("ana@example.com");

        await test.AddTokenAsync("etl-token", "ana@example.com", secret: "S3cretTokenValue42");

        var fingerprint = await test.Ledger.Db.Tokens.Select(t => t.Fingerprint).SingleAsync();
        var log = await new ListAuditLogHandler(test.Ledger).HandleAsync(new ListAuditLog());
        Assert.That(fingerprint, Is.Not.Null);
        Assert.That(log.Select(e => e.After ?? ""), Has.None.Contains(fingerprint!));
        Assert.That(log.Single(e => e.EntityType == "Token").After, Does.Contain("\"Fingerprint\":\"(changed)\""));
    }

    [Test]
    public async Task KeyCheck_IsRedactedInTheLog()
    {
        await using var test = await TestLedger.CreateAsync();

        var init = await test.Ledger.Db.AuditEntries.AsNoTracking().SingleAsync(e => e.Action == "ledger.init");

        Assert.That(init.After, Does.Contain("\"Value\":\"(changed)\""));
        Assert.That(init.After, Does.Not.Contain(test.Ledger.Key.Check));
    }

    [Test]
    public async Task FailedChange_LeavesNeitherDataNorAuditEntries()
    {
        await using var test = await TestLedger.CreateAsync();
        await test.AddPersonAsync("ana@example.com");
        var entriesBefore = test.ScalarRaw("SELECT count(*) FROM AuditEntries");

        Assert.That(async () => await test.AddPersonAsync("ANA@example.com"), Throws.TypeOf<DomainException>());
        Assert.That(async () => await test.AddPersonAsync("not-an-email"), Throws.TypeOf<ValidationException>());
        Assert.That(async () => await test.AddTokenAsync("t", "nobody@example.com"), Throws.TypeOf<Application.Common.NotFoundException>());

        Assert.That(test.ScalarRaw("SELECT count(*) FROM AuditEntries"), Is.EqualTo(entriesBefore));
        Assert.That(test.ScalarRaw("SELECT count(*) FROM People"), Is.EqualTo(1));
        Assert.That(test.ScalarRaw("SELECT count(*) FROM Tokens"), Is.Zero);
    }

    [Test]
    public async Task SaveChanges_OutsideALedgerChange_IsRefused()
    {
        await using var test = await TestLedger.CreateAsync();
        test.Ledger.Db.People.Add(new Person("eve@example.com", "Eve", null, TestLedger.Start.UtcDateTime));

        Assert.That(async () => await test.Ledger.Db.SaveChangesAsync(), Throws.InvalidOperationException.With.Message.Contains("audited"));
    }

    [Test]
    public async Task Since_FiltersByTime()
    {
        await using var test = await TestLedger.CreateAsync();
        await test.AddPersonAsync("ana@example.com");
        test.Clock.Advance(TimeSpan.FromDays(2));
        await test.AddPersonAsync("ben@example.com");

        var recent = await new ListAuditLogHandler(test.Ledger).HandleAsync(new ListAuditLog(TestLedger.Start.UtcDateTime.AddDays(1)));

        Assert.That(recent.Select(e => e.After), Has.Exactly(1).Items);
        Assert.That(recent.Single().After, Does.Contain("ben@example.com"));
    }
}
