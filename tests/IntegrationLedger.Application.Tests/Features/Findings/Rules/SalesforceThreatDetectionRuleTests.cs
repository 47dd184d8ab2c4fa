using IntegrationLedger.Application.Features.Findings.Rules;
using IntegrationLedger.Application.Features.Importing;
using IntegrationLedger.Application.Features.Integrations;
using IntegrationLedger.Application.Features.Settings;
using IntegrationLedger.Application.Tests.Support;
using IntegrationLedger.Domain.Findings;
using IntegrationLedger.Domain.Integrations;
using IntegrationLedger.Domain.Usage;
using static IntegrationLedger.Application.Tests.Features.Findings.RuleScenario;
using static IntegrationLedger.Application.Tests.Support.ThreatFixtures;

namespace IntegrationLedger.Application.Tests.Features.Findings.Rules;

/// <summary>
/// SalesforceThreatDetectionRule over the Threat Detection samples: a finding per event of an account the ledger knows,
/// its severity from the score, a summary that explains itself; nothing for users it does not know.
/// </summary>
public class SalesforceThreatDetectionRuleTests
{
    private const string Rule = SalesforceThreatDetectionRule.RuleId;

    /// <summary>etl.bot (used by "Orbit BI Extract") and d.novak are known; the samples' other users are not.</summary>
    private static async Task<TestLedger> OrbitLedgerAsync()
    {
        var test = await LedgerAsync();
        await test.AddPersonAsync("ana@example.com", "Ana Lima");
        await new AddIntegrationHandler(test.Ledger).HandleAsync(new AddIntegration("Orbit BI Extract", "Orbit", "ana@example.com", "BI extracts", null,
            NetworkTrust.Untrusted, ["198.51.100.0/24"], [new AttributionRuleSpec(AttributionRuleKind.Account, "etl.bot@example.com")]));
        await KnowAccountsAsync(test, "etl.bot@example.com", "d.novak@example.com");
        await ImportSampleAsync(test, ApiAnomaly);
        await ImportSampleAsync(test, CredentialStuffing);
        return test;
    }

    [Test]
    public async Task Findings_OnePerEventOfAKnownAccount_NoneForUnknownUsers()
    {
        await using var test = await OrbitLedgerAsync();

        var findings = await FindingsOfAsync(test, Rule);

        Assert.That(findings.Select(f => f.Subject), Is.EquivalentTo(new[]
        {
            "ApiAnomaly:1b89c1e4-0f08-4b92-826b-618fa39df359", "ApiAnomaly:b48fa787-b73c-4031-ac96-72d7bba5a9f5", "ApiAnomaly:67b4e832-dc7f-4721-87ce-3146bf4bb806",
            "ApiAnomaly:6aa1a66c-5fcc-4cc8-b941-3c494e3a9bf3", "ApiAnomaly:f5fae645-8afa-49a8-8c5f-43ed3c3b51e3",
            "CredentialStuffing:240892b7-ee72-47d7-94b3-5c2c4e7151e3", "CredentialStuffing:4aa87b29-38e8-471d-b9ea-2e826d75c2c5",
        }), "etl.bot's four anomalies, d.novak's anomaly and two stuffed logins; j.rivera, k.patel and the others are unknown");
        Assert.That(findings.Select(f => f.SubjectType), Is.All.EqualTo("ThreatEvent"));
    }

    [Test]
    public async Task Severity_FollowsTheScore_AndCredentialStuffingIsHighAtLeast()
    {
        await using var test = await OrbitLedgerAsync();

        var severity = (await FindingsOfAsync(test, Rule)).ToDictionary(f => f.Subject, f => f.Severity);

        Assert.That(severity["ApiAnomaly:67b4e832-dc7f-4721-87ce-3146bf4bb806"], Is.EqualTo(Severity.Critical), "0.97");
        Assert.That(severity["ApiAnomaly:f5fae645-8afa-49a8-8c5f-43ed3c3b51e3"], Is.EqualTo(Severity.Critical), "0.88");
        Assert.That(severity["ApiAnomaly:6aa1a66c-5fcc-4cc8-b941-3c494e3a9bf3"], Is.EqualTo(Severity.High), "0.72");
        Assert.That(severity["ApiAnomaly:1b89c1e4-0f08-4b92-826b-618fa39df359"], Is.EqualTo(Severity.Medium), "0.41");
        Assert.That(severity["CredentialStuffing:4aa87b29-38e8-471d-b9ea-2e826d75c2c5"], Is.EqualTo(Severity.Critical), "score 1");
    }

    [Test]
    public async Task Severity_ThresholdsAreSettings()
    {
        await using var test = await OrbitLedgerAsync();
        await new SetSettingHandler(test.Ledger).HandleAsync(new SetSetting($"{Rule}.critical-from", "98"));
        await new SetSettingHandler(test.Ledger).HandleAsync(new SetSetting($"{Rule}.high-from", "40"));

        var severity = (await FindingsOfAsync(test, Rule)).ToDictionary(f => f.Subject, f => f.Severity);

        Assert.That(severity["ApiAnomaly:67b4e832-dc7f-4721-87ce-3146bf4bb806"], Is.EqualTo(Severity.High), "0.97 is below 98 %");
        Assert.That(severity["ApiAnomaly:1b89c1e4-0f08-4b92-826b-618fa39df359"], Is.EqualTo(Severity.High), "0.41 is from 40 %");
        Assert.That(severity["ApiAnomaly:b48fa787-b73c-4031-ac96-72d7bba5a9f5"], Is.EqualTo(Severity.Medium), "0.39");
        Assert.That(severity["CredentialStuffing:4aa87b29-38e8-471d-b9ea-2e826d75c2c5"], Is.EqualTo(Severity.Critical), "1 is from 98 %");
    }

    [TestCase(UsageEventTypes.ApiAnomaly, 0.8, Severity.Critical)]
    [TestCase(UsageEventTypes.ApiAnomaly, 0.7999, Severity.High)]
    [TestCase(UsageEventTypes.ApiAnomaly, 0.5, Severity.High)]
    [TestCase(UsageEventTypes.ApiAnomaly, 0.49, Severity.Medium)]
    [TestCase(UsageEventTypes.ApiAnomaly, 0.0, Severity.Medium)]
    [TestCase(UsageEventTypes.ApiAnomaly, null, Severity.Medium)]
    [TestCase(UsageEventTypes.SessionHijacking, 0.58, Severity.High)]
    [TestCase(UsageEventTypes.CredentialStuffing, 0.1, Severity.High)]
    [TestCase(UsageEventTypes.CredentialStuffing, null, Severity.High)]
    [TestCase(UsageEventTypes.CredentialStuffing, 0.9, Severity.Critical)]
    public void SeverityOf_DefaultThresholds(string eventType, double? score, Severity expected) =>
        Assert.That(SalesforceThreatDetectionRule.SeverityOf(eventType, score, 50, 80), Is.EqualTo(expected));

    [Test]
    public async Task Summary_ExplainsWhatSalesforceSawAndWhereTheEvidenceIs()
    {
        await using var test = await OrbitLedgerAsync();

        var summary = (await FindingsOfAsync(test, Rule)).Single(f => f.Subject == "ApiAnomaly:67b4e832-dc7f-4721-87ce-3146bf4bb806").Summary;

        Assert.That(summary, Is.EqualTo(
            "Salesforce Threat Detection reported an API anomaly for account etl.bot@example.com (integration 'Orbit BI Extract') at 2026-11-28 03:15:30 UTC, " +
            "score 0.97: \"API call came from an infrequent network (Example Hosting AS64511) and returned an unusually high number of rows (1204332)\". " +
            "From 203.0.113.150 as Salesforce-Multi-Org-Fetcher/1.0; Query of Contact, 1,204,332 rows (/services/data/v62.0/jobs/query). " +
            "Top features: rowCount=1204332 (91.40 %), autonomousSystem=Example Hosting AS64511 (6.10 %), userAgent=Salesforce-Multi-Org-Fetcher/1.0 (2.50 %). " +
            "Evidence: event 67b4e832-dc7f-4721-87ce-3146bf4bb806, threat-apianomaly.csv line 11."));
    }

    [Test]
    public async Task Summary_OfAStuffedLogin_NamesTheLoginAndNoIntegration()
    {
        await using var test = await OrbitLedgerAsync();

        var summary = (await FindingsOfAsync(test, Rule)).Single(f => f.Subject == "CredentialStuffing:4aa87b29-38e8-471d-b9ea-2e826d75c2c5").Summary;

        Assert.That(summary, Does.StartWith("Salesforce Threat Detection reported a successful login during a credential-stuffing attack for account d.novak@example.com " +
            "(no integration claims it) at 2026-11-27 22:14:09 UTC, score 1: \"Successful login from Credential Stuffing attack.\" From 203.0.113.77 as Mozilla/5.0"));
        Assert.That(summary, Does.Contain("login type Application at example-corp.my.salesforce.com.")
            .And.EndsWith("Evidence: event 4aa87b29-38e8-471d-b9ea-2e826d75c2c5, threat-credentialstuffing.csv line 9."));
        Assert.That(summary, Does.Not.Contain("Top features"), "the store has no SecurityEventData");
    }

    [Test]
    public async Task Summary_OfAReportAnomaly_NamesTheReport_AndFeaturesComeLargestFirst()
    {
        await using var test = await LedgerAsync();
        await KnowAccountsAsync(test, "d.novak@example.com");
        var path = Samples.Write(test, "ReportAnomalyEventStore.csv", CommonHeader + ",Report\n" +
            "2026-11-27T22:31:00.000+0000,11111111-2222-4333-8444-555555555555,005xx000001Xd4NAAS,d.novak@example.com,203.0.113.77,0.91,Report exported many rows," +
            "\"[{\"\"featureName\"\":\"\"dayOfWeek\"\",\"\"featureValue\"\":\"\"Friday\"\",\"\"featureContribution\"\":\"\"5.00 %\"\"}," +
            "{\"\"featureName\"\":\"\"rowCount\"\",\"\"featureValue\"\":\"\"250000\"\",\"\"featureContribution\"\":\"\"80.00 %\"\"}," +
            "{\"\"featureName\"\":\"\"periodOfDay\"\",\"\"featureValue\"\":\"\"Night\"\",\"\"featureContribution\"\":\"\"10.00 %\"\"}," +
            "{\"\"featureName\"\":\"\"autonomousSystem\"\",\"\"featureValue\"\":\"\"AS64500\"\",\"\"featureContribution\"\":\"\"5.00 %\"\"}]\",00Oxx0000000AbC\n");
        await test.Ledger.ImportUsageAsync(new ImportFile("auto", path));

        var finding = (await FindingsOfAsync(test, Rule)).Single();

        Assert.That(finding.Severity, Is.EqualTo(Severity.Critical));
        Assert.That(finding.Summary, Does.Contain("reported a report anomaly for account d.novak@example.com")
            .And.Contain($"report {Domain.Accounts.SalesforceId.Normalize("00Oxx0000000AbC")}")
            .And.Contain("Top features: rowCount=250000 (80.00 %), periodOfDay=Night (10.00 %), dayOfWeek=Friday (5.00 %)."));
    }

    [Test]
    public async Task Findings_RunTwiceOrImportedTwice_AreNotDuplicated()
    {
        await using var test = await OrbitLedgerAsync();
        await FindingsOfAsync(test, Rule);
        await ImportSampleAsync(test, ApiAnomaly);

        var findings = await FindingsOfAsync(test, Rule);

        Assert.That(findings, Has.Count.EqualTo(7));
        Assert.That(findings.Select(f => f.Occurrences), Is.All.EqualTo(2));
    }

    [Test]
    public async Task Findings_AUserTheLedgerComesToKnowLater_HasThemOnTheNextRun()
    {
        await using var test = await OrbitLedgerAsync();
        Assert.That((await FindingsOfAsync(test, Rule)).Count(f => f.Subject.StartsWith("CredentialStuffing:", StringComparison.Ordinal)), Is.EqualTo(2));

        await KnowAccountsAsync(test, "p.lindqvist@example.com");

        var stuffed = (await FindingsOfAsync(test, Rule)).Where(f => f.Subject.StartsWith("CredentialStuffing:", StringComparison.Ordinal)).ToList();
        Assert.That(stuffed, Has.Count.EqualTo(4));
        Assert.That(stuffed.Count(f => f.Summary.Contains("account p.lindqvist@example.com", StringComparison.Ordinal)), Is.EqualTo(2));
    }

    [Test]
    public async Task Findings_AnAccountKnownByItsUserId_UnderAnotherUsername_HasOne()
    {
        await using var test = await LedgerAsync();
        await KnowAccountsAsync(test, "etl.bot@example.com");
        var path = Samples.Write(test, "ApiAnomalyEventStore.csv", "EventDate,EventIdentifier,UserId,Username,Score\n" +
            "2026-11-28T03:15:40.486+0000,67b4e832-dc7f-4721-87ce-3146bf4bb805,005xx000001Uq9kAAC,etl.bot@orbit.example.com,0.97\n");
        await test.Ledger.ImportUsageAsync(new ImportFile("auto", path));

        var finding = (await FindingsOfAsync(test, Rule)).Single();

        Assert.That(finding.Summary, Does.Contain("for account etl.bot@example.com (no integration claims it)"), "the ledger's name for the account");
    }

    [Test]
    public async Task Findings_WithoutThreatEvents_AreNone()
    {
        await using var test = await LedgerAsync();
        await KnowAccountsAsync(test, "etl.bot@example.com");
        await ImportLoginsAsync(test, (Now, "etl.bot@example.com", "192.0.2.10", Success, "python-requests/2.32.3"));

        Assert.That(await FindingsOfAsync(test, Rule), Is.Empty);
    }

    /// <summary>A verdict is not activity: it shows as no shadow integration, and keeps no integration from being stale.</summary>
    [Test]
    public async Task ThreatEvents_AreNotActivityForTheOtherRules()
    {
        await using var test = await OrbitLedgerAsync();

        var findings = await RunAsync(test);

        Assert.That(findings.Where(f => f.Rule == "shadow-integration"), Is.Empty, "python-requests and AcmeSync anomalies are not integrations of their own");
        Assert.That(findings.Where(f => f.Rule == "outside-allowed-network"), Is.Empty, "203.0.113.150 is the anomaly's address, not activity seen in a log");
    }
}
