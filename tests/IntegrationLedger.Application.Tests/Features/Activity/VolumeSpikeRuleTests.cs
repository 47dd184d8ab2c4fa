using IntegrationLedger.Application.Tests.Features.Findings;

namespace IntegrationLedger.Application.Tests.Features.Activity;

public sealed class VolumeSpikeRuleTests
{
    private static readonly DateTime Today = RuleScenario.Now.Date;

    [Test]
    public async Task AnExportFarAboveTheHabit_IsASpikeThatStatesItsNumbers()
    {
        await using var test = await ActivityScenario.LedgerAsync();
        await ActivityScenario.ImportAsync(test, [.. ActivityScenario.Habit(Today, 30), new ApiCall(Today.AddHours(3), "Account", 250_000, 60_000_000)]);

        var findings = await RuleScenario.FindingsOfAsync(test, "volume-spike");

        var spike = findings.Single();
        Assert.That(spike.Subject, Is.EqualTo($"Nightly ETL on {Today:yyyy-MM-dd}"));
        Assert.That(spike.Summary, Does.Contain("250,000 rows where the 28 days before had a median of 2,000 rows a day"));
        Assert.That(spike.Summary, Does.Contain("modified z-score of"));
        Assert.That(spike.Summary, Does.Contain("above the threshold of 3.5 (floor 10,000 rows)"));
        Assert.That(spike.Summary, Does.Contain("RestApi GET of Account, 250,000 rows, 57.2 MB"));
        Assert.That(spike.Summary, Does.Contain("line 32"));
    }
}
