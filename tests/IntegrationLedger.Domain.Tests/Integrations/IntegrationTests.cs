using System.Net;
using IntegrationLedger.Domain.Common;
using IntegrationLedger.Domain.Integrations;
using IntegrationLedger.Domain.People;

namespace IntegrationLedger.Domain.Tests.Integrations;

public class IntegrationTests
{
    private static Integration NewIntegration() =>
        new("Nightly ETL", "Acme Sync", "Sync accounts", new Person("ana@example.com", "Ana", null, TestClock.StartUtc), null, NetworkTrust.Untrusted, TestClock.StartUtc);

    [TestCase("192.0.2.0/24", "192.0.2.0/24")]
    [TestCase("192.0.2.10", "192.0.2.10/32")]
    [TestCase("2001:db8::/32", "2001:db8::/32")]
    public void AllowNetwork_AcceptsCidrAndSingleHosts(string input, string stored)
    {
        var integration = NewIntegration();

        integration.AllowNetwork(input, TestClock.StartUtc);

        Assert.That(integration.AllowedNetworks.Single().Cidr, Is.EqualTo(stored));
    }

    [TestCase("192.0.2.7/24", Description = "host bits set")]
    [TestCase("192.0.2.0/33")]
    [TestCase("not-a-network")]
    public void AllowNetwork_Invalid_ThrowsNamingTheValue(string input)
    {
        Assert.That(() => NewIntegration().AllowNetwork(input, TestClock.StartUtc),
            Throws.TypeOf<DomainException>().With.Message.Contains(input));
    }

    [Test]
    public void AllowedNetwork_Contains_MatchesAddressesInside()
    {
        var integration = NewIntegration();
        integration.AllowNetwork("192.0.2.0/24", TestClock.StartUtc);
        var network = integration.AllowedNetworks.Single();

        Assert.That(network.Contains(IPAddress.Parse("192.0.2.10")), Is.True);
        Assert.That(network.Contains(IPAddress.Parse("198.51.100.7")), Is.False);
    }

    [Test]
    public void AddAttributionRule_DuplicateIgnoringCase_Throws()
    {
        var integration = NewIntegration();
        integration.AddAttributionRule(AttributionRuleKind.Account, "integration.sync@example.com", TestClock.StartUtc);

        Assert.That(() => integration.AddAttributionRule(AttributionRuleKind.Account, "Integration.Sync@example.com", TestClock.StartUtc),
            Throws.TypeOf<DomainException>());
    }

    [Test]
    public void RecordVetting_NextReviewNotAfterReview_Throws()
    {
        Assert.That(() => NewIntegration().RecordVetting(new DateOnly(2026, 7, 1), "Gus", VettingOutcome.Approved, null, new DateOnly(2026, 7, 1), TestClock.StartUtc),
            Throws.TypeOf<DomainException>());
    }

    [Test]
    public void LatestVetting_IsTheMostRecentReview()
    {
        var integration = NewIntegration();
        integration.RecordVetting(new DateOnly(2026, 3, 1), "Gus", VettingOutcome.Approved, null, null, TestClock.StartUtc);
        integration.RecordVetting(new DateOnly(2025, 3, 1), "Hana", VettingOutcome.Rejected, null, null, TestClock.StartUtc);

        Assert.That(integration.LatestVetting!.Reviewer, Is.EqualTo("Gus"));
    }

    [Test]
    public void Constructor_DepartedOwner_Throws()
    {
        var owner = new Person("dana@example.com", "Dana", null, TestClock.StartUtc);
        owner.Offboard(new DateOnly(2026, 6, 30));

        Assert.That(() => new Integration("Loader", null, null, owner, null, NetworkTrust.Untrusted, TestClock.StartUtc),
            Throws.TypeOf<DomainException>().With.Message.Contains("departed"));
    }
}
