using IntegrationLedger.Application.Features.Tokens;
using IntegrationLedger.Domain.Findings;
using IntegrationLedger.Domain.Tokens;
using static IntegrationLedger.Application.Tests.Features.Findings.RuleScenario;

namespace IntegrationLedger.Application.Tests.Features.Findings.Rules;

/// <summary>UseAfterRevocationRule: fires when its condition holds and stays quiet when it does not, on a fixed clock.</summary>
public class UseAfterRevocationRuleTests
{
    [Test]
    public async Task UseAfterRevocation_FiresForSuccessAfterTheRevocation_QuietBefore()
    {
        await using var test = await SharedTokenLedgerAsync();
        await ImportLoginsAsync(test, (Now.AddHours(-2), "integration.sync@example.com", "192.0.2.10", Success, "AcmeSync/4.2.1"));
        await new RevokeTokenHandler(test.Ledger).HandleAsync(new RevokeToken("etl-token", RevocationReason.Compromised));
        Assert.That(await FindingsOfAsync(test, "use-after-revocation"), Is.Empty);

        await ImportLoginsAsync(test, (Now.AddHours(1), "integration.sync@example.com", "192.0.2.10", Success, "AcmeSync/4.2.1"));

        var finding = (await FindingsOfAsync(test, "use-after-revocation")).Single();
        Assert.That(finding.Subject, Is.EqualTo("etl-token"));
        Assert.That(finding.Severity, Is.EqualTo(Severity.Critical));
    }

    [Test]
    public async Task UseAfterRevocation_ASuccessBeforeTheReplacementWasIssued_IsStillFound()
    {
        await using var test = await SharedTokenLedgerAsync();
        await new RevokeTokenHandler(test.Ledger).HandleAsync(new RevokeToken("etl-token", RevocationReason.Compromised));
        test.Clock.Advance(TimeSpan.FromHours(2));
        await new AddTokenHandler(test.Ledger).HandleAsync(new AddToken("etl-token-2", TokenKind.SalesforceSecurityToken, "ana@example.com",
            Account: "integration.sync@example.com"));

        await ImportLoginsAsync(test,
            (Now.AddHours(1), "integration.sync@example.com", "192.0.2.10", Success, "AcmeSync/4.2.1"),
            (Now.AddHours(3), "integration.sync@example.com", "192.0.2.10", Success, "AcmeSync/4.2.1"));

        var finding = (await FindingsOfAsync(test, "use-after-revocation")).Single();
        Assert.That(finding.Summary, Does.Contain("1 successful event(s)"), "the later login is explained by the new token");
    }
}
