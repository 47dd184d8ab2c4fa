using IntegrationLedger.Application.Features.Findings;
using IntegrationLedger.Application.Features.Reviews;
using IntegrationLedger.Application.Tests.Support;
using IntegrationLedger.Domain.Common;
using IntegrationLedger.Domain.Reviews;
using IntegrationLedger.Domain.Tokens;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Tests.Features.Reviews;

public class AccessReviewTests
{
    private static readonly Quarter Q3 = Quarter.Parse("2026-Q3");

    private static async Task<TestLedger> LedgerAsync()
    {
        var test = await TestLedger.CreateAsync();
        await test.AddPersonAsync("ana@example.com", "Ana");
        await test.AddPersonAsync("ben@example.com", "Ben");
        await test.AddIntegrationAsync("Nightly ETL", "ana@example.com");
        await test.AddIntegrationAsync("Backfill", "ben@example.com");
        await test.AddTokenAsync("etl-token", "ana@example.com");
        await test.AddTokenAsync("backfill-token", "ben@example.com");
        await test.UseTokenAsync("etl-token", "Nightly ETL");
        await test.UseTokenAsync("backfill-token", "Backfill");
        return test;
    }

    [Test]
    public async Task Campaign_RunsFromStartToComplete_AndARevokeDecisionRevokes()
    {
        await using var test = await LedgerAsync();

        var started = await new StartReviewHandler(test.Ledger).HandleAsync(new StartReview(Q3));
        Assert.That(started.Items, Is.EqualTo(4), "two usages and two integrations");
        Assert.That(started.Owners.Select(o => (o.Owner, o.Items)), Is.EqualTo(new[] { ("ana@example.com", 2), ("ben@example.com", 2) }));
        Assert.That(started.DueOn, Is.EqualTo(new DateOnly(2026, 10, 14)));

        AttestResult? last = null;
        foreach (var item in started.ItemList)
        {
            var decision = item.Subject == "backfill-token / Backfill" ? ReviewDecision.Revoke : ReviewDecision.Keep;
            last = await new AttestReviewItemHandler(test.Ledger).HandleAsync(new AttestReviewItem(item.Id, decision, "Reviewed with the team"));
        }

        Assert.That(last!.ReviewComplete, Is.True);
        var status = await new GetReviewStatusHandler(test.Ledger).HandleAsync(Q3);
        Assert.That(status.CompletedAt, Is.Not.Null);
        Assert.That(status.Owners.Single(o => o.Owner == "ben@example.com").Revoke, Is.EqualTo(1));
        var revoked = await test.Ledger.Db.Tokens.SingleAsync(t => t.Label == "backfill-token");
        Assert.That((revoked.Status, revoked.RevocationNote), Is.EqualTo((TokenStatus.Revoked, "Access review 2026-Q3: Reviewed with the team")));
        Assert.That(await test.Ledger.Db.AuditEntries.CountAsync(e => e.Action == "review.attest" && e.EntityType == "ReviewItem"), Is.EqualTo(4));
    }

    [Test]
    public async Task Start_TheSameQuarterTwice_IsRefused()
    {
        await using var test = await LedgerAsync();
        await new StartReviewHandler(test.Ledger).HandleAsync(new StartReview(Q3));

        Assert.That(async () => await new StartReviewHandler(test.Ledger).HandleAsync(new StartReview(Quarter.Parse("Q3-2026"))),
            Throws.TypeOf<DomainException>().With.Message.Contains("already been started"));
    }

    [Test]
    public async Task Attest_TheSameItemTwice_IsRefused()
    {
        await using var test = await LedgerAsync();
        var item = (await new StartReviewHandler(test.Ledger).HandleAsync(new StartReview(Q3))).ItemList[0];
        await new AttestReviewItemHandler(test.Ledger).HandleAsync(new AttestReviewItem(item.Id, ReviewDecision.Keep, "ok"));

        Assert.That(async () => await new AttestReviewItemHandler(test.Ledger).HandleAsync(new AttestReviewItem(item.Id, ReviewDecision.Revoke, "no")),
            Throws.TypeOf<DomainException>().With.Message.Contains("already attested"));
    }

    [TestCase("2026-Q3", 2026, 3)]
    [TestCase("2026Q3", 2026, 3)]
    [TestCase("Q3-2026", 2026, 3)]
    [TestCase("q4 2026", 2026, 4)]
    public void Quarter_AcceptsWhatPeopleType(string text, int year, int number)
    {
        Assert.That(Quarter.Parse(text), Is.EqualTo(new Quarter(year, number)));
        Assert.That(Quarter.TryParse("2026-Q5", out _), Is.False);
    }

    [Test]
    public async Task AccessReviewOverdue_FiresForAnUnstartedQuarterAndAnUnfinishedReview_QuietWhenDone()
    {
        await using var test = await LedgerAsync();
        test.Clock.SetUtcNow(new DateTimeOffset(2026, 8, 15, 0, 0, 0, TimeSpan.Zero));

        var unstarted = (await new RunRulesHandler(test.Ledger).HandleAsync(new RunRules())).Where(f => f.Rule == "access-review-overdue").ToList();
        Assert.That(unstarted.Single().Subject, Is.EqualTo("2026-Q3"));

        var started = await new StartReviewHandler(test.Ledger).HandleAsync(new StartReview(Q3));
        var quiet = (await new RunRulesHandler(test.Ledger).HandleAsync(new RunRules())).Where(f => f.Rule == "access-review-overdue");
        Assert.That(quiet, Is.Empty, "started and not yet due");

        test.Clock.SetUtcNow(new DateTimeOffset(2026, 10, 20, 0, 0, 0, TimeSpan.Zero));
        await new StartReviewHandler(test.Ledger).HandleAsync(new StartReview(Quarter.Parse("2026-Q4")));
        var late = (await new RunRulesHandler(test.Ledger).HandleAsync(new RunRules())).Where(f => f.Rule == "access-review-overdue").ToList();
        Assert.That(late.Single().Subject, Is.EqualTo("2026-Q3"));
        Assert.That(late.Single().Summary, Does.Contain("4 of 4"));

        foreach (var item in started.ItemList)
            await new AttestReviewItemHandler(test.Ledger).HandleAsync(new AttestReviewItem(item.Id, ReviewDecision.Keep, "late but done"));
        Assert.That((await new RunRulesHandler(test.Ledger).HandleAsync(new RunRules())).Where(f => f.Rule == "access-review-overdue"), Is.Empty);
    }

    [Test]
    public async Task Revoke_OfATokenOtherIntegrationsUse_IsRefusedAndChangesNothing()
    {
        await using var test = await LedgerAsync();
        await test.UseTokenAsync("etl-token", "Backfill");
        var item = (await new StartReviewHandler(test.Ledger).HandleAsync(new StartReview(Q3))).ItemList.Single(i => i.Subject == "etl-token / Nightly ETL");

        Assert.That(async () => await new AttestReviewItemHandler(test.Ledger).HandleAsync(new AttestReviewItem(item.Id, ReviewDecision.Revoke, "not needed")),
            Throws.TypeOf<DomainException>().With.Message.Contains("'Backfill'"));
        Assert.That((await test.Ledger.Db.Tokens.SingleAsync(t => t.Label == "etl-token")).Status, Is.EqualTo(TokenStatus.Active));
    }

    [Test]
    public async Task Start_IncludesUnusedTokensAndLeavesDepartedOwnersUnassigned_AndRefusesFutureQuarters()
    {
        await using var test = await LedgerAsync();
        await test.AddTokenAsync("spare-key", "ben@example.com");
        await new Application.Features.People.OffboardPersonHandler(test.Ledger).HandleAsync(new("ben@example.com", DateOnly.FromDateTime(TestLedger.Start.UtcDateTime)));

        var status = await new StartReviewHandler(test.Ledger).HandleAsync(new StartReview(Q3));

        Assert.That(status.ItemList.Single(i => i.Subject == "spare-key").SubjectType, Is.EqualTo("Token"));
        Assert.That(status.ItemList.Where(i => i.Subject.Contains("Backfill", StringComparison.Ordinal)).Select(i => i.Owner), Is.All.EqualTo(GetReviewStatusHandler.Unassigned));
        Assert.That(async () => await new StartReviewHandler(test.Ledger).HandleAsync(new StartReview(Quarter.Parse("2027-Q1"))),
            Throws.TypeOf<DomainException>().With.Message.Contains("has not begun"));
    }
}
