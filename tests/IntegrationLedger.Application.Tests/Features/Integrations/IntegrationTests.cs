using IntegrationLedger.Application.Features.Integrations;
using IntegrationLedger.Application.Tests.Support;
using IntegrationLedger.Domain.Common;
using IntegrationLedger.Domain.Integrations;

namespace IntegrationLedger.Application.Tests.Features.Integrations;

public class IntegrationTests
{
    [Test]
    public async Task Add_StoresRulesNetworksAndOwner()
    {
        await using var test = await TestLedger.CreateAsync();
        await test.AddPersonAsync("ana@example.com");

        await new AddIntegrationHandler(test.Ledger).HandleAsync(new AddIntegration(
            "Nightly ETL", "Acme Sync", "ana@example.com", "Sync accounts", null, NetworkTrust.Untrusted,
            ["192.0.2.0/24", "198.51.100.7"],
            [new(AttributionRuleKind.Account, "integration.sync@example.com"), new(AttributionRuleKind.Application, "Acme Sync Connector")]));
        await test.ReopenAsync();

        var shown = await new ShowIntegrationHandler(test.Ledger).HandleAsync("Nightly ETL");
        Assert.That(shown.OwnerEmail, Is.EqualTo("ana@example.com"));
        Assert.That(shown.AllowedNetworks, Is.EqualTo(new[] { "192.0.2.0/24", "198.51.100.7/32" }));
        Assert.That(shown.Rules, Has.Count.EqualTo(2));
        Assert.That(shown.Environment, Is.EqualTo("production"));
    }

    [Test]
    public async Task Add_DuplicateName_IsRefused()
    {
        await using var test = await TestLedger.CreateAsync();
        await test.AddIntegrationAsync("Nightly ETL");

        Assert.That(async () => await test.AddIntegrationAsync("Nightly ETL"), Throws.TypeOf<DomainException>().With.Message.Contains("already"));
    }

    [Test]
    public async Task Add_BadCidr_IsRefusedAndChangesNothing()
    {
        await using var test = await TestLedger.CreateAsync();

        Assert.That(async () => await new AddIntegrationHandler(test.Ledger).HandleAsync(new AddIntegration(
            "Nightly ETL", null, null, null, null, NetworkTrust.Untrusted, ["192.0.2.0/24", "300.1.1.1/8"], [])),
            Throws.TypeOf<DomainException>().With.Message.Contains("300.1.1.1/8"));
        Assert.That(test.ScalarRaw("SELECT count(*) FROM Integrations"), Is.Zero);
    }

    [Test]
    public async Task Vet_RecordsReviewWithDefaultNextReviewAYearLater()
    {
        await using var test = await TestLedger.CreateAsync();
        await test.AddIntegrationAsync("Nightly ETL");

        await new VetIntegrationHandler(test.Ledger).HandleAsync(new VetIntegration(
            "Nightly ETL", new DateOnly(2026, 6, 15), "Gus Meyer", VettingOutcome.ApprovedWithConditions, "SEC-1", null));

        var list = await new ListIntegrationsHandler(test.Ledger).HandleAsync();
        Assert.That(list.Single().LastVetted, Is.EqualTo(new DateOnly(2026, 6, 15)));
        Assert.That(list.Single().NextReviewOn, Is.EqualTo(new DateOnly(2027, 6, 15)));
    }

    [Test]
    public async Task Vet_FutureDate_IsRefused()
    {
        await using var test = await TestLedger.CreateAsync();
        await test.AddIntegrationAsync("Nightly ETL");

        Assert.That(async () => await new VetIntegrationHandler(test.Ledger).HandleAsync(new VetIntegration(
            "Nightly ETL", new DateOnly(2027, 1, 1), "Gus", VettingOutcome.Approved, null, null)),
            Throws.TypeOf<FluentValidation.ValidationException>());
    }
}
