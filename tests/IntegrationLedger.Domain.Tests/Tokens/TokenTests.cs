using IntegrationLedger.Domain.Common;
using IntegrationLedger.Domain.People;
using IntegrationLedger.Domain.Tokens;

namespace IntegrationLedger.Domain.Tests.Tokens;

public class TokenTests
{
    private static readonly Guid Etl = Guid.NewGuid();
    private static readonly Guid Backfill = Guid.NewGuid();

    private static Person Owner() => new("ana@example.com", "Ana Lima", null, TestClock.StartUtc);

    private static Token NewToken(int? rotateEvery = 90, TokenKind kind = TokenKind.SalesforceSecurityToken, DateTime? lastRotated = null) =>
        new("etl-token", kind, Owner(), null, new SecretFingerprint("ab12", "wxyz", 24),
            TestClock.StartUtc.AddDays(-400), lastRotated ?? TestClock.StartUtc, rotateEvery, TestClock.StartUtc);

    [Test]
    public void Use_ActiveToken_AddsCurrentUsage()
    {
        var token = NewToken();

        var usage = token.Use(Etl, "Nightly ETL", "API login", TestClock.StartUtc, null, TestClock.StartUtc);

        Assert.That(usage.Status, Is.EqualTo(TokenUsageStatus.Current));
        Assert.That(token.UsagesInEffect, Is.EquivalentTo(new[] { usage }));
    }

    [Test]
    public void Use_RevokedToken_Throws()
    {
        var token = NewToken();
        token.Revoke(RevocationReason.Compromised, null, TestClock.StartUtc);

        Assert.That(() => token.Use(Etl, "Nightly ETL", "API login", TestClock.StartUtc, null, TestClock.StartUtc),
            Throws.TypeOf<DomainException>().With.Message.Contains("revoked and cannot be used"));
    }

    [TestCase("")]
    [TestCase("   ")]
    public void Use_WithoutPurpose_Throws(string purpose)
    {
        var token = NewToken();

        Assert.That(() => token.Use(Etl, "Nightly ETL", purpose, TestClock.StartUtc, null, TestClock.StartUtc),
            Throws.TypeOf<DomainException>().With.Message.Contains("purpose"));
        Assert.That(token.Usages, Is.Empty);
    }

    [Test]
    public void Use_SameIntegrationTwice_Throws()
    {
        var token = NewToken();
        token.Use(Etl, "Nightly ETL", "API login", TestClock.StartUtc, null, TestClock.StartUtc);

        Assert.That(() => token.Use(Etl, "Nightly ETL", "again", TestClock.StartUtc, null, TestClock.StartUtc), Throws.TypeOf<DomainException>());
    }

    [Test]
    public void Reset_MarksEveryUsagePendingAndRestartsTheRotationClock()
    {
        var token = NewToken(lastRotated: TestClock.StartUtc.AddDays(-100));
        token.Use(Etl, "Nightly ETL", "API login", TestClock.StartUtc.AddDays(-100), null, TestClock.StartUtc);
        token.Use(Backfill, "Backfill", "API login", TestClock.StartUtc.AddDays(-100), null, TestClock.StartUtc);
        Assert.That(token.IsRotationOverdue(TestClock.StartUtc), Is.True);

        token.Reset(TestClock.StartUtc, new SecretFingerprint("cd34", "abcd", 24));

        Assert.That(token.Usages.Select(u => u.Status), Is.All.EqualTo(TokenUsageStatus.PendingUpdate));
        Assert.That(token.LastRotatedAt, Is.EqualTo(TestClock.StartUtc));
        Assert.That(token.RotationDueAt, Is.EqualTo(TestClock.StartUtc.AddDays(90)));
        Assert.That(token.IsRotationOverdue(TestClock.StartUtc), Is.False);
        Assert.That(token.Fingerprint, Is.EqualTo("cd34"));
    }

    [Test]
    public void ConfirmUpdated_OneOfTwo_LeavesTheOtherPending()
    {
        var token = NewToken();
        token.Use(Etl, "Nightly ETL", "API login", TestClock.StartUtc, null, TestClock.StartUtc);
        token.Use(Backfill, "Backfill", "API login", TestClock.StartUtc, null, TestClock.StartUtc);
        token.Reset(TestClock.StartUtc.AddHours(1), null);

        token.ConfirmUpdated(Etl, "Nightly ETL", TestClock.StartUtc.AddHours(2));

        var byIntegration = token.Usages.ToDictionary(u => u.IntegrationId);
        Assert.That(byIntegration[Etl].Status, Is.EqualTo(TokenUsageStatus.Current));
        Assert.That(byIntegration[Etl].ConfirmedAt, Is.EqualTo(TestClock.StartUtc.AddHours(2)));
        Assert.That(byIntegration[Backfill].Status, Is.EqualTo(TokenUsageStatus.PendingUpdate));
    }

    [Test]
    public void ConfirmUpdated_NothingPending_Throws()
    {
        var token = NewToken();
        token.Use(Etl, "Nightly ETL", "API login", TestClock.StartUtc, null, TestClock.StartUtc);

        Assert.That(() => token.ConfirmUpdated(Etl, "Nightly ETL", TestClock.StartUtc), Throws.TypeOf<DomainException>().With.Message.Contains("not waiting"));
    }

    [Test]
    public void Revoke_EndsUsagesAndCannotBeRepeated()
    {
        var token = NewToken();
        token.Use(Etl, "Nightly ETL", "API login", TestClock.StartUtc, null, TestClock.StartUtc);

        token.Revoke(RevocationReason.Unused, "no longer needed", TestClock.StartUtc.AddDays(1));

        Assert.That(token.Status, Is.EqualTo(TokenStatus.Revoked));
        Assert.That(token.Usages.Single().Status, Is.EqualTo(TokenUsageStatus.Ended));
        Assert.That(token.IsRotationOverdue(TestClock.StartUtc.AddYears(5)), Is.False, "a revoked token is never due");
        Assert.That(() => token.Revoke(RevocationReason.Other, null, TestClock.StartUtc), Throws.TypeOf<DomainException>());
    }

    [Test]
    public void RotationDueAt_WithoutPolicy_UsesTheKindsDefault()
    {
        Assert.That(NewToken(rotateEvery: null).RotationDueAt, Is.EqualTo(TestClock.StartUtc.AddDays(90)));
        Assert.That(NewToken(rotateEvery: null, kind: TokenKind.Certificate).RotationDueAt, Is.EqualTo(TestClock.StartUtc.AddDays(365)));
        Assert.That(NewToken(rotateEvery: null, kind: TokenKind.OauthRefreshToken).RotationDueAt, Is.Null);
    }

    [Test]
    public void Constructor_RotatedBeforeIssued_Throws()
    {
        Assert.That(() => new Token("t", TokenKind.ApiKey, Owner(), null, null, TestClock.StartUtc, TestClock.StartUtc.AddDays(-1), null, TestClock.StartUtc),
            Throws.TypeOf<DomainException>());
    }

    [TestCase("salesforce-security-token", TokenKind.SalesforceSecurityToken)]
    [TestCase("OAUTH-REFRESH-TOKEN", TokenKind.OauthRefreshToken)]
    [TestCase("ApiKey", TokenKind.ApiKey)]
    public void TryParse_AcceptsCliNamesInAnyCase(string text, TokenKind expected)
    {
        Assert.That(TokenKinds.TryParse(text, out var kind), Is.True);
        Assert.That(kind, Is.EqualTo(expected));
        Assert.That(TokenKinds.TryParse("password-ish", out _), Is.False);
    }

    [Test]
    public void Constructor_DepartedOwner_Throws()
    {
        var owner = Owner();
        owner.Offboard(new DateOnly(2026, 6, 30));

        Assert.That(() => new Token("t", TokenKind.ApiKey, owner, null, null, TestClock.StartUtc, TestClock.StartUtc, null, TestClock.StartUtc),
            Throws.TypeOf<DomainException>().With.Message.Contains("cannot be given new tokens"));
    }

    [Test]
    public void TransferOwnership_ToDepartedPerson_Throws()
    {
        var token = NewToken();
        var successor = new Person("ben@example.com", "Ben", null, TestClock.StartUtc);
        successor.Offboard(new DateOnly(2026, 6, 30));

        Assert.That(() => token.TransferOwnership(successor), Throws.TypeOf<DomainException>());
    }

    [Test]
    public void Reset_WithTheSameSecret_Throws()
    {
        var token = NewToken();

        Assert.That(() => token.Reset(TestClock.StartUtc.AddDays(1), new SecretFingerprint("ab12", "wxyz", 24)),
            Throws.TypeOf<DomainException>().With.Message.Contains("already had"));
        Assert.That(token.LastRotatedAt, Is.EqualTo(TestClock.StartUtc));
    }
}
