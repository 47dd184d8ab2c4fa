using IntegrationLedger.Application.Features.Importing;
using IntegrationLedger.Application.Features.Integrations;
using IntegrationLedger.Application.Features.Tokens;
using IntegrationLedger.Application.Tests.Support;
using IntegrationLedger.Domain.Integrations;
using IntegrationLedger.Domain.Tokens;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Tests.Features.Importing;

public class AttributionTests
{
    private static async Task<TestLedger> LedgerWithEtlAndConnectorAsync()
    {
        var test = await TestLedger.CreateAsync();
        await test.AddPersonAsync("ana@example.com");
        await new AddIntegrationHandler(test.Ledger).HandleAsync(new AddIntegration("Nightly ETL", "Acme Sync", "ana@example.com", "ETL", null, NetworkTrust.Untrusted,
            ["192.0.2.0/24"], [new(AttributionRuleKind.Account, "integration.sync@example.com"), new(AttributionRuleKind.ClientName, "AcmeSync")]));
        await new AddIntegrationHandler(test.Ledger).HandleAsync(new AddIntegration("Warehouse Backfill", "In-house", "ana@example.com", "Backfill", null, NetworkTrust.Untrusted,
            [], [new(AttributionRuleKind.Account, "integration.sync@example.com"), new(AttributionRuleKind.ClientName, "backfill-job")]));
        await new AddIntegrationHandler(test.Ledger).HandleAsync(new AddIntegration("Acme Sync Connector", "Acme Sync", "ana@example.com", "Cases", null, NetworkTrust.Untrusted,
            [], [new(AttributionRuleKind.ConnectedAppId, "0H4xx0000004Cmd"), new(AttributionRuleKind.Application, "Acme Sync Connector")]));
        await new AddTokenHandler(test.Ledger).HandleAsync(new AddToken("etl-token", TokenKind.SalesforceSecurityToken, "ana@example.com",
            Account: "integration.sync@example.com", AccountUserId: "005xx000001Sv7A", IssuedAt: new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc)));
        await new AddTokenHandler(test.Ledger).HandleAsync(new AddToken("etl-password", TokenKind.IntegrationPassword, "ana@example.com",
            Account: "integration.sync@example.com", IssuedAt: new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc)));
        await test.UseTokenAsync("etl-token", "Nightly ETL");
        return test;
    }

    [Test]
    public async Task Import_AttributesEventsToTheBestMatchingIntegrationAndTheTokenHeldThen()
    {
        await using var test = await LedgerWithEtlAndConnectorAsync();
        test.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 29, 0, 0, 0, TimeSpan.Zero));

        var result = await test.Ledger.ImportUsageAsync(new ImportFile("auto", Samples.Salesforce("elf-api.csv")));

        var etl = await test.Ledger.Db.Integrations.SingleAsync(i => i.Name == "Nightly ETL");
        var token = await test.Ledger.Db.Tokens.SingleAsync(t => t.Label == "etl-token");
        var syncEvents = await test.Ledger.Db.UsageEvents.Where(e => e.UserId == "005xx000001Sv7AAAS").ToListAsync();
        Assert.That(syncEvents, Is.Not.Empty);
        Assert.That(syncEvents.Select(e => e.IntegrationId), Is.All.EqualTo(etl.Id), "account and client name beat account alone");
        Assert.That(syncEvents.Select(e => e.TokenId), Is.All.EqualTo(token.Id), "the security token the integration uses");
        Assert.That(result.Counts.Attributed + result.Counts.Unattributed, Is.EqualTo(result.Counts.Read));
    }

    [Test]
    public async Task Import_ConnectedAppId_AttributesRestCalls()
    {
        await using var test = await LedgerWithEtlAndConnectorAsync();

        await test.Ledger.ImportUsageAsync(new ImportFile("auto", Samples.Salesforce("elf-restapi-modern-inferred.csv")));

        var connector = await test.Ledger.Db.Integrations.SingleAsync(i => i.Name == "Acme Sync Connector");
        Assert.That(await test.Ledger.Db.UsageEvents.CountAsync(e => e.ConnectedAppId == "0H4xx0000004CmdCAE" && e.IntegrationId == connector.Id), Is.GreaterThan(0));
    }

    [Test]
    public async Task Import_UnmatchedActivity_IsKeptAndGroupedByAccountApplicationAndSource()
    {
        await using var test = await LedgerWithEtlAndConnectorAsync();

        var result = await test.Ledger.ImportUsageAsync(new ImportFile("auto", Samples.Salesforce("elf-login.csv")));

        Assert.That(result.Counts.Unattributed, Is.GreaterThan(0));
        Assert.That(result.Unattributed.Sum(g => g.Events), Is.EqualTo(result.Counts.Unattributed));
        Assert.That(result.Unattributed.Select(g => g.Account), Does.Contain("j.rivera@example.com"));
        Assert.That(await test.Ledger.Db.UsageEvents.CountAsync(e => e.IntegrationId == null), Is.EqualTo(result.Counts.Unattributed));
    }

    [TestCase("AcmeSync/4.2.1 (Windows; .NET 8.0)", "Nightly ETL", Description = "the name, then a version")]
    [TestCase("ACMESYNC (Linux)", "Nightly ETL", Description = "letter case aside, then a platform")]
    [TestCase("AcmeSync", "Nightly ETL")]
    [TestCase("AcmeSyncer/1.0", null, Description = "another name that begins alike")]
    [TestCase("Tools/AcmeSync", null, Description = "the name must begin the value")]
    public async Task Import_ClientName_MatchesTheRuleItBeginsWith(string client, string? expected)
    {
        await using var test = await LedgerWithEtlAndConnectorAsync();
        var path = Path.Combine(test.Folder, "client.csv");
        await File.WriteAllTextAsync(path,
            "EVENT_TYPE,TIMESTAMP,REQUEST_ID,USER_ID,CLIENT_NAME,CLIENT_IP\n" +
            $"RestApi,20261128060000.000,4ZZclient,005xx000009Zz9Z,\"{client}\",203.0.113.9\n");

        await test.Ledger.ImportUsageAsync(new ImportFile("sf-elf", path));

        var attributed = await test.Ledger.Db.UsageEvents.Where(e => e.ClientName == client)
            .Select(e => e.IntegrationId == null ? null : test.Ledger.Db.Integrations.Single(i => i.Id == e.IntegrationId).Name).SingleAsync();
        Assert.That(attributed, Is.EqualTo(expected));
    }

    [Test]
    public async Task Import_ANameRuleMatchedByBothTheAppAndTheClient_CountsOnce()
    {
        // Aardvark Reports' name rule, matched by both CONNECTED_APP_NAME and CLIENT_NAME, weighs 4, not 8: Beta
        // App's connected-app id (8) wins. Counted twice it would tie, and the tie goes to the name sorting first.
        await using var test = await TestLedger.CreateAsync();
        await test.AddPersonAsync("ana@example.com");
        await new AddIntegrationHandler(test.Ledger).HandleAsync(new AddIntegration("Aardvark Reports", "Aardvark", "ana@example.com", "Reports", null, NetworkTrust.Untrusted,
            [], [new(AttributionRuleKind.Application, "ReportBot")]));
        await new AddIntegrationHandler(test.Ledger).HandleAsync(new AddIntegration("Beta App", "Beta", "ana@example.com", "Sync", null, NetworkTrust.Untrusted,
            [], [new(AttributionRuleKind.ConnectedAppId, "0H4xx0000004Zzz")]));
        var path = Path.Combine(test.Folder, "both.csv");
        await File.WriteAllTextAsync(path,
            "EVENT_TYPE,TIMESTAMP,REQUEST_ID,USER_ID,CONNECTED_APP_ID,CONNECTED_APP_NAME,CLIENT_NAME,CLIENT_IP\n" +
            "RestApi,20261128060000.000,4ZZboth,005xx000009Zz9Z,0H4xx0000004Zzz,ReportBot,ReportBot/2.0,203.0.113.9\n");

        await test.Ledger.ImportUsageAsync(new ImportFile("sf-elf", path));

        var beta = await test.Ledger.Db.Integrations.SingleAsync(i => i.Name == "Beta App");
        Assert.That(await test.Ledger.Db.UsageEvents.Select(e => e.IntegrationId).SingleAsync(), Is.EqualTo(beta.Id));
    }
}
