using IntegrationLedger.Application.Features.Importing;
using IntegrationLedger.Application.Features.Tokens;
using IntegrationLedger.Application.Tests.Support;
using IntegrationLedger.Domain.Findings;
using static IntegrationLedger.Application.Tests.Features.Findings.RuleScenario;

namespace IntegrationLedger.Application.Tests.Features.Findings.Rules;

/// <summary>NotUpdatedAfterResetRule: fires when its condition holds and stays quiet when it does not, on a fixed clock.</summary>
public class NotUpdatedAfterResetRuleTests
{
    [Test]
    public async Task ResetScenario_OneConfirmsTheOtherKeepsFailing_FindsExactlyTheOneThatDidNot()
    {
        await using var test = await SharedTokenLedgerAsync();
        test.Clock.Advance(TimeSpan.FromHours(1));
        var resetAt = test.Clock.GetUtcNow().UtcDateTime;
        await new ResetTokenHandler(test.Ledger).HandleAsync(new ResetToken("etl-token"));
        test.Clock.Advance(TimeSpan.FromMinutes(30));
        await new ConfirmTokenUpdateHandler(test.Ledger).HandleAsync(new ConfirmTokenUpdate("etl-token", "Warehouse Backfill"));
        await ImportLoginsAsync(test,
            (resetAt.AddMinutes(-10), "integration.sync@example.com", "192.0.2.10", Success, "AcmeSync/4.2.1"),
            (resetAt.AddMinutes(5), "integration.sync@example.com", "192.0.2.10", NeedsToken, "AcmeSync/4.2.1"),
            (resetAt.AddMinutes(65), "integration.sync@example.com", "192.0.2.10", NeedsToken, "AcmeSync/4.2.1"),
            (resetAt.AddMinutes(40), "integration.sync@example.com", "192.0.2.11", Success, "backfill-job/1.3"));

        var findings = await FindingsOfAsync(test, "not-updated-after-reset");

        Assert.That(findings.Select(f => f.Subject), Is.EqualTo(new[] { "etl-token / Nightly ETL" }));
        Assert.That(findings[0].Summary, Does.Contain("failed 2 time(s)"));
        Assert.That(findings[0].Severity, Is.EqualTo(Severity.High));
    }

    [Test]
    public async Task NotUpdatedAfterReset_QuietWhenEveryIntegrationIsConfirmed_AndFiresWhenConfirmationIsLate()
    {
        await using var test = await SharedTokenLedgerAsync();
        await new ResetTokenHandler(test.Ledger).HandleAsync(new ResetToken("etl-token"));
        await new ConfirmTokenUpdateHandler(test.Ledger).HandleAsync(new ConfirmTokenUpdate("etl-token", "Warehouse Backfill"));
        Assert.That(await FindingsOfAsync(test, "not-updated-after-reset"), Is.Empty, "within the days allowed, without failures");

        test.Clock.Advance(TimeSpan.FromDays(8));
        var late = await FindingsOfAsync(test, "not-updated-after-reset");
        Assert.That(late.Single().Subject, Is.EqualTo("etl-token / Nightly ETL"));
        Assert.That(late.Single().Severity, Is.EqualTo(Severity.Medium));

        await new ConfirmTokenUpdateHandler(test.Ledger).HandleAsync(new ConfirmTokenUpdate("etl-token", "Nightly ETL"));
        Assert.That(await FindingsOfAsync(test, "not-updated-after-reset"), Is.Empty);
    }

    [Test]
    public async Task NotUpdatedAfterReset_AConfirmationTheFailuresContradict_IsStillAFinding()
    {
        await using var test = await SharedTokenLedgerAsync();
        await new ResetTokenHandler(test.Ledger).HandleAsync(new ResetToken("etl-token"));
        test.Clock.Advance(TimeSpan.FromMinutes(10));
        await new ConfirmTokenUpdateHandler(test.Ledger).HandleAsync(new ConfirmTokenUpdate("etl-token", "Nightly ETL"));
        await new ConfirmTokenUpdateHandler(test.Ledger).HandleAsync(new ConfirmTokenUpdate("etl-token", "Warehouse Backfill"));

        await ImportLoginsAsync(test, (Now.AddMinutes(30), "integration.sync@example.com", "192.0.2.10", NeedsToken, "AcmeSync/4.2.1"));

        var finding = (await FindingsOfAsync(test, "not-updated-after-reset")).Single();
        Assert.That(finding.Subject, Is.EqualTo("etl-token / Nightly ETL"));
        Assert.That(finding.Summary, Does.Contain("was confirmed as updated"));
    }

    [Test]
    public async Task NotUpdatedAfterReset_RecognisesFailuresWhateverTheirCase()
    {
        await using var test = await SharedTokenLedgerAsync();
        await new ResetTokenHandler(test.Ledger).HandleAsync(new ResetToken("etl-token"));
        var path = Samples.Write(test, "lh.csv",
            "Login Time,Username,Source IP,Status,Application\n" +
            $"{Now.AddMinutes(30):yyyy-MM-dd HH:mm:ss},integration.sync@example.com,192.0.2.10,Invalid Password,AcmeSync/4.2.1\n");
        await test.Ledger.ImportUsageAsync(new ImportFile("sf-login-history", path, "UTC"));

        var findings = await FindingsOfAsync(test, "not-updated-after-reset");

        Assert.That(findings.Select(f => f.Subject), Is.EqualTo(new[] { "etl-token / Nightly ETL" }));
    }
}
