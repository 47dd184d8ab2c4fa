using IntegrationLedger.Application.Features.Tokens;
using IntegrationLedger.Application.Tests.Support;
using IntegrationLedger.Domain.Common;
using IntegrationLedger.Domain.Tokens;

namespace IntegrationLedger.Application.Tests.Features.Tokens;

public class TokenLifecycleTests
{
    private static async Task<TestLedger> LedgerWithSharedTokenAsync()
    {
        var test = await TestLedger.CreateAsync();
        await test.AddPersonAsync("ana@example.com", "Ana Lima");
        await test.AddPersonAsync("ben@example.com", "Ben Okafor");
        await test.AddIntegrationAsync("Nightly ETL", "ana@example.com");
        await test.AddIntegrationAsync("Warehouse Backfill", "ben@example.com");
        await test.AddTokenAsync("etl-token", "ana@example.com");
        await test.UseTokenAsync("etl-token", "Nightly ETL", "API login from the ETL host");
        await test.UseTokenAsync("etl-token", "Warehouse Backfill", "Weekly reconciliation");
        return test;
    }

    [Test]
    public async Task ResetPlan_ListsEveryIntegrationUsingTheTokenWithItsOwner()
    {
        await using var test = await LedgerWithSharedTokenAsync();

        var plan = await new GetResetPlanHandler(test.Ledger).HandleAsync("etl-token");

        Assert.That(plan.Integrations.Select(i => (i.Integration, i.OwnerEmail, i.Status)), Is.EqualTo(new[]
        {
            ("Nightly ETL", (string?)"ana@example.com", TokenUsageStatus.Current),
            ("Warehouse Backfill", (string?)"ben@example.com", TokenUsageStatus.Current),
        }));
        Assert.That(plan.Integrations[0].Purpose, Is.EqualTo("API login from the ETL host"));
    }

    [Test]
    public async Task Reset_ThenConfirmOne_LeavesTheOtherPendingUntilConfirmed()
    {
        await using var test = await LedgerWithSharedTokenAsync();
        test.Clock.Advance(TimeSpan.FromDays(100));

        var afterReset = await new ResetTokenHandler(test.Ledger).HandleAsync(new ResetToken("etl-token"));
        Assert.That(afterReset.Integrations.Select(i => i.Status), Is.All.EqualTo(TokenUsageStatus.PendingUpdate));

        test.Clock.Advance(TimeSpan.FromHours(3));
        var afterConfirm = await new ConfirmTokenUpdateHandler(test.Ledger).HandleAsync(new ConfirmTokenUpdate("etl-token", "Nightly ETL"));

        var etl = afterConfirm.Integrations.Single(i => i.Integration == "Nightly ETL");
        Assert.That(etl.Status, Is.EqualTo(TokenUsageStatus.Current));
        Assert.That(etl.ConfirmedAt, Is.EqualTo(test.Clock.GetUtcNow().UtcDateTime));
        Assert.That(afterConfirm.Integrations.Single(i => i.Integration == "Warehouse Backfill").Status, Is.EqualTo(TokenUsageStatus.PendingUpdate));

        var shown = await new ShowTokenHandler(test.Ledger).HandleAsync("etl-token");
        Assert.That(shown.Token.PendingUpdates, Is.EqualTo(1));
        Assert.That(shown.Token.LastRotatedAt, Is.EqualTo(TestLedger.Start.UtcDateTime.AddDays(100)));
        Assert.That(shown.Token.RotationDueAt, Is.EqualTo(TestLedger.Start.UtcDateTime.AddDays(190)), "due follows the reset");
    }

    [Test]
    public async Task Revoke_EndsUsagesAndRefusesNewOnes()
    {
        await using var test = await LedgerWithSharedTokenAsync();
        await test.AddIntegrationAsync("New Job", "ana@example.com");

        var revoked = await new RevokeTokenHandler(test.Ledger).HandleAsync(new RevokeToken("etl-token", RevocationReason.Compromised, "leaked in a ticket"));

        Assert.That(revoked.Token.Status, Is.EqualTo(TokenStatus.Revoked));
        Assert.That(revoked.Usages.Select(u => u.Status), Is.All.EqualTo(TokenUsageStatus.Ended));
        Assert.That(revoked.RevocationNote, Is.EqualTo("leaked in a ticket"));
        Assert.That(async () => await test.UseTokenAsync("etl-token", "New Job"),
            Throws.TypeOf<DomainException>().With.Message.Contains("revoked"));
        var plan = await new GetResetPlanHandler(test.Ledger).HandleAsync("etl-token");
        Assert.That(plan.Integrations, Is.Empty);
    }

    [Test]
    public async Task Revoke_OtherWithoutNote_IsRefused()
    {
        await using var test = await LedgerWithSharedTokenAsync();

        Assert.That(async () => await new RevokeTokenHandler(test.Ledger).HandleAsync(new RevokeToken("etl-token", RevocationReason.Other)),
            Throws.TypeOf<FluentValidation.ValidationException>());
    }

    [Test]
    public async Task AddToken_ForDepartedPerson_IsRefusedAndChangesNothing()
    {
        await using var test = await TestLedger.CreateAsync();
        await test.AddPersonAsync("dana@example.com");
        await new Application.Features.People.OffboardPersonHandler(test.Ledger).HandleAsync(new("dana@example.com", new DateOnly(2026, 6, 30)));
        var entries = test.ScalarRaw("SELECT count(*) FROM AuditEntries");

        Assert.That(async () => await test.AddTokenAsync("t", "dana@example.com"),
            Throws.TypeOf<DomainException>().With.Message.Contains("cannot be given new tokens"));
        Assert.That(test.ScalarRaw("SELECT count(*) FROM AuditEntries"), Is.EqualTo(entries));
    }

    [Test]
    public async Task AddToken_WithAccount_RecordsTheAccountOnceWithAnEighteenCharacterId()
    {
        await using var test = await TestLedger.CreateAsync();
        await test.AddPersonAsync("ana@example.com");

        await new AddTokenHandler(test.Ledger).HandleAsync(new AddToken("a", TokenKind.SalesforceSecurityToken, "ana@example.com",
            Account: "Integration.Sync@example.com", AccountUserId: "005xx000001Sv7A"));
        await new AddTokenHandler(test.Ledger).HandleAsync(new AddToken("b", TokenKind.IntegrationPassword, "ana@example.com",
            Account: "integration.sync@example.com"));

        Assert.That(test.ScalarRawText("SELECT PlatformUserId FROM Accounts"), Is.EqualTo("005xx000001Sv7AAAS"));
        Assert.That(test.ScalarRawText("SELECT Kind FROM Accounts"), Is.EqualTo("Integration"));
        Assert.That(test.ScalarRaw("SELECT count(*) FROM Accounts"), Is.EqualTo(1));
    }

    [Test]
    public async Task AddToken_WithOnlyLastRotated_TakesItAsTheIssueDateToo()
    {
        await using var test = await TestLedger.CreateAsync();
        await test.AddPersonAsync("ana@example.com");

        var token = await new AddTokenHandler(test.Ledger).HandleAsync(new AddToken("old", TokenKind.SalesforceSecurityToken, "ana@example.com",
            LastRotatedAt: TestLedger.Start.UtcDateTime.AddDays(-100)));

        Assert.That(token.Overdue, Is.True);
        Assert.That(token.RotationDueAt, Is.EqualTo(TestLedger.Start.UtcDateTime.AddDays(-10)));
    }

    [Test]
    public async Task AddToken_ForAKnownAccountWithoutUserId_RecordsTheUserId()
    {
        await using var test = await TestLedger.CreateAsync();
        await test.AddPersonAsync("ana@example.com");
        await new AddTokenHandler(test.Ledger).HandleAsync(new AddToken("a", TokenKind.ApiKey, "ana@example.com", Account: "svc@example.com"));

        await new AddTokenHandler(test.Ledger).HandleAsync(new AddToken("b", TokenKind.ApiKey, "ana@example.com", Account: "svc@example.com", AccountUserId: "005xx000001Sv7A"));

        Assert.That(test.ScalarRawText("SELECT PlatformUserId FROM Accounts"), Is.EqualTo("005xx000001Sv7AAAS"));
    }

    [Test]
    public async Task ListDue_ShowsOverdueDueSoonAndPendingButNotTheRest()
    {
        await using var test = await TestLedger.CreateAsync();
        var now = TestLedger.Start.UtcDateTime;
        await test.AddPersonAsync("ana@example.com");
        await test.AddIntegrationAsync("Nightly ETL", "ana@example.com");
        await test.AddTokenAsync("overdue", "ana@example.com", rotateEvery: 90, lastRotated: now.AddDays(-100));
        await test.AddTokenAsync("due-soon", "ana@example.com", rotateEvery: 90, lastRotated: now.AddDays(-80));
        await test.AddTokenAsync("fresh", "ana@example.com", rotateEvery: 90, lastRotated: now.AddDays(-1));
        await test.AddTokenAsync("fresh-but-pending", "ana@example.com", rotateEvery: 90, lastRotated: now.AddDays(-1));
        await test.UseTokenAsync("fresh-but-pending", "Nightly ETL");
        await new ResetTokenHandler(test.Ledger).HandleAsync(new ResetToken("fresh-but-pending"));

        var due = await new ListTokensHandler(test.Ledger).HandleAsync(new ListTokens(DueWithinDays: 30));

        Assert.That(due.Select(t => t.Label), Is.EqualTo(new[] { "overdue", "due-soon", "fresh-but-pending" }));
        Assert.That(due.Select(t => t.Overdue), Is.EqualTo(new[] { true, false, false }));
    }
}
