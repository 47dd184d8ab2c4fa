using IntegrationLedger.Application.Common.Security;
using IntegrationLedger.Application.Features.Tokens;
using IntegrationLedger.Application.Features.Tokens.Secrets;
using IntegrationLedger.Application.Tests.Support;
using IntegrationLedger.Domain.Common;
using IntegrationLedger.Domain.Tokens;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Tests.Features.Tokens;

/// <summary>Every value a token has had is kept as a fingerprint with its period, so an old one is still named.</summary>
public class FingerprintHistoryTests
{
    private const string First = "hX9vQ2LmT7pR4sW8nK3bZ6cY";
    private const string Second = "Pq3rS5tU7vW9xY1zA2bC4dE6";

    private static async Task<TestLedger> LedgerWithUsedTokenAsync()
    {
        var test = await TestLedger.CreateAsync();
        await test.AddPersonAsync("ana@example.com");
        await test.AddIntegrationAsync("Nightly ETL", "ana@example.com");
        await test.AddTokenAsync("etl-token", "ana@example.com", secret: First);
        await test.UseTokenAsync("etl-token", "Nightly ETL");
        return test;
    }

    private static Task<SecretMatch?> FindAsync(TestLedger test, string value) =>
        new FindTokenHandler(test.Ledger).HandleAsync(Secret.Parse(value));

    [Test]
    public async Task Find_AfterReset_NamesTheOldValueSupersededAtTheResetAndTheNewOneCurrent()
    {
        await using var test = await LedgerWithUsedTokenAsync();
        test.Clock.Advance(TimeSpan.FromDays(30));
        var resetAt = test.Clock.GetUtcNow().UtcDateTime;
        await new ResetTokenHandler(test.Ledger).HandleAsync(new ResetToken("etl-token", Secret.Parse(Second)));

        var old = await FindAsync(test, First);
        var current = await FindAsync(test, Second);

        Assert.That(old, Is.Not.Null, "the old value is still recognised after the reset");
        Assert.That(old!.Token.Label, Is.EqualTo("etl-token"));
        Assert.That(old.Token.OwnerEmail, Is.EqualTo("ana@example.com"));
        Assert.That(old.State, Is.EqualTo(SecretState.Superseded));
        Assert.That(old.EndedAt, Is.EqualTo(resetAt));
        Assert.That(old.ValidFrom, Is.EqualTo(TestLedger.Start.UtcDateTime));
        Assert.That(old.Integrations, Is.EqualTo(new[] { "Nightly ETL" }));
        Assert.That(old.Standing, Does.StartWith("superseded by a reset on"));
        Assert.That(current!.State, Is.EqualTo(SecretState.Current));
        Assert.That(current.ValidFrom, Is.EqualTo(resetAt));
        Assert.That(current.Advice, Does.StartWith("It is live").And.Contain("Nightly ETL"));
    }

    [Test]
    public async Task Find_AfterRevoke_SaysRevokedAndWhen()
    {
        await using var test = await LedgerWithUsedTokenAsync();
        test.Clock.Advance(TimeSpan.FromDays(3));
        var revokedAt = test.Clock.GetUtcNow().UtcDateTime;
        await new RevokeTokenHandler(test.Ledger).HandleAsync(new RevokeToken("etl-token", RevocationReason.Compromised, "leaked in a ticket"));

        var match = await FindAsync(test, First);

        Assert.That(match!.State, Is.EqualTo(SecretState.Revoked));
        Assert.That(match.EndedAt, Is.EqualTo(revokedAt));
        Assert.That(match.Integrations, Is.EqualTo(new[] { "Nightly ETL" }), "the integration used it while it was valid");
        Assert.That(match.Advice, Does.Contain("revoked"));
    }

    [Test]
    public async Task Find_OldValueOfARevokedToken_IsSupersededAndSaysTheTokenWasRevoked()
    {
        await using var test = await LedgerWithUsedTokenAsync();
        test.Clock.Advance(TimeSpan.FromDays(1));
        await new ResetTokenHandler(test.Ledger).HandleAsync(new ResetToken("etl-token", Secret.Parse(Second)));
        test.Clock.Advance(TimeSpan.FromDays(1));
        await new RevokeTokenHandler(test.Ledger).HandleAsync(new RevokeToken("etl-token", RevocationReason.Unused));

        var old = await FindAsync(test, First);

        Assert.That(old!.State, Is.EqualTo(SecretState.Superseded));
        Assert.That(old.Advice, Does.Contain("revoked"));
    }

    [Test]
    public async Task ResetWithoutANewValue_StillKeepsTheOldOne()
    {
        await using var test = await LedgerWithUsedTokenAsync();
        await new ResetTokenHandler(test.Ledger).HandleAsync(new ResetToken("etl-token"));

        Assert.That((await FindAsync(test, First))!.State, Is.EqualTo(SecretState.Superseded));
        var token = await test.Ledger.Db.Tokens.AsNoTracking().SingleAsync();
        Assert.That(token.Fingerprint, Is.Null);
    }

    [Test]
    public async Task AValueOnceReplaced_IsNeverRegisteredAgain_ByAResetOrANewToken()
    {
        await using var test = await LedgerWithUsedTokenAsync();
        await new ResetTokenHandler(test.Ledger).HandleAsync(new ResetToken("etl-token", Secret.Parse(Second)));

        Assert.That(async () => await new ResetTokenHandler(test.Ledger).HandleAsync(new ResetToken("etl-token", Secret.Parse(First))),
            Throws.TypeOf<DomainException>().With.Message.Contains("was this token's value until it was reset on"));
        Assert.That(async () => await test.AddTokenAsync("copy", "ana@example.com", secret: First),
            Throws.TypeOf<DomainException>().With.Message.Contains("the value of token 'etl-token' until"));
        Assert.That(await test.Ledger.Db.FormerSecrets.CountAsync(), Is.EqualTo(1), "a refused change keeps nothing");
    }

    [Test]
    public async Task RegisteredSecrets_HoldEveryValueWithItsEndingAndLength()
    {
        await using var test = await LedgerWithUsedTokenAsync();
        await new ResetTokenHandler(test.Ledger).HandleAsync(new ResetToken("etl-token", Secret.Parse(Second)));
        await test.AddTokenAsync("short-token", "ana@example.com", secret: "Zq7mK2pAé");

        var known = await RegisteredSecrets.LoadAsync(test.Ledger);

        Assert.That(known.Select(k => (k.Ending, k.Utf8Length, Current: k.Id.FormerSecretId is null)), Is.EquivalentTo(new[]
        {
            ("4dE6", (int?)24, true),
            ("Z6cY", (int?)24, false),
            ("", (int?)10, true),
        }), "the current values, the former one, and a short value with no ending (10 bytes: 'é' is two)");
        Assert.That(known.Select(k => k.Fingerprint), Is.Unique.And.All.Length.EqualTo(64));
    }
}
