using FluentValidation;
using IntegrationLedger.Application.Common;
using IntegrationLedger.Application.Features.Audit;
using IntegrationLedger.Application.Features.Incidents;
using IntegrationLedger.Application.Features.Integrations;
using IntegrationLedger.Application.Features.Tokens;
using IntegrationLedger.Application.Tests.Support;
using IntegrationLedger.Domain.Common;
using IntegrationLedger.Domain.Incidents;
using IntegrationLedger.Domain.Integrations;
using IntegrationLedger.Domain.Tokens;
using Microsoft.EntityFrameworkCore;
using static IntegrationLedger.Application.Tests.Features.Incidents.IncidentScenario;

namespace IntegrationLedger.Application.Tests.Features.Incidents;

/// <summary>
/// Starting an incident (what is refused), working its runbook step by step (the steps the ledger can check are
/// checked against the real token resets and vettings), closing it, and the audit entries each action leaves.
/// The incident of most tests is for the Acme Sync Connector app, opened an hour after <see cref="IncidentScenario.Now"/>:
/// 1 revoke its OAuth tokens, 2 rotate its secret, 3 reset acme-token, 4 freeze integration.sync, 5 review the activity, 6 re-vet Acme.
/// </summary>
public class IncidentWorkTests
{
    private const int ResetStep = 3;
    private const int RevetStep = 6;

    private static readonly DateTime Opened = Now.UtcDateTime.AddHours(1);

    private static Task<IncidentView> StartAsync(TestLedger test, string? vendor = null, string? app = null, DateTime? since = null, string reason = "Vendor advisory") =>
        new StartIncidentHandler(test.Ledger).HandleAsync(new StartIncident(vendor, app, reason, since));

    /// <summary>The scenario's ledger with INC-1 open for the Acme app, an hour on.</summary>
    private static async Task<TestLedger> LedgerWithIncidentAsync()
    {
        var test = await LedgerAsync();
        test.Clock.SetUtcNow(Opened);
        var incident = await StartAsync(test, app: AcmeApp);
        Assert.That(incident.Steps.Select(s => s.Kind), Is.EqualTo(new[]
        {
            IncidentStepKind.RevokeOauthTokens, IncidentStepKind.RotateConsumerSecret, IncidentStepKind.ResetToken,
            IncidentStepKind.FreezeAccount, IncidentStepKind.ReviewActivity, IncidentStepKind.RevetVendor,
        }), "the runbook these tests work");
        return test;
    }

    private static Task<IncidentView> DoneAsync(Ledger ledger, int step, string note = "Done in Setup") =>
        new WorkIncidentStepHandler(ledger).HandleAsync(new WorkIncidentStep("INC-1", step, Done: true, note));

    private static Task<IncidentView> NotApplicableAsync(Ledger ledger, int step, string reason = "Does not apply here") =>
        new WorkIncidentStepHandler(ledger).HandleAsync(new WorkIncidentStep("INC-1", step, Done: false, reason));

    private static Task<IncidentView> CloseAsync(Ledger ledger, string note = "Vendor cleared") =>
        new CloseIncidentHandler(ledger).HandleAsync(new CloseIncident("INC-1", note));

    private static Task<int> AuditCountAsync(TestLedger test, string action) => test.Ledger.Db.AuditEntries.CountAsync(e => e.Action == action);

    private static async Task<IncidentStepStatus> StatusAsync(TestLedger test, int step) =>
        (await new ShowIncidentHandler(test.Ledger).HandleAsync("INC-1")).Steps.Single(s => s.Number == step).Status;

    [Test]
    public async Task Start_AnUnknownVendor_IsRefusedNamingTheCloseMatch_AndOpensNothing()
    {
        await using var test = await LedgerAsync();

        var refused = Assert.ThrowsAsync<NotFoundException>(() => StartAsync(test, vendor: "Acmee"));

        Assert.That(refused!.Message, Does.StartWith("No integration or connected app has the vendor 'Acmee'.").And.Contain("Did you mean 'Acme'?"));
        Assert.That(await test.Ledger.Db.Incidents.CountAsync(), Is.Zero);
        Assert.That(await AuditCountAsync(test, "incident.start"), Is.Zero);
    }

    [Test]
    public async Task Start_AnUnknownApp_IsRefusedNamingTheCloseMatch()
    {
        await using var test = await LedgerAsync();

        var refused = Assert.ThrowsAsync<NotFoundException>(() => StartAsync(test, app: "Acme Sync Conector"));

        Assert.That(refused!.Message, Does.Contain("No connected app named 'Acme Sync Conector'").And.Contain($"Did you mean '{AcmeApp}'?"));
        Assert.That(await test.Ledger.Db.Incidents.CountAsync(), Is.Zero);
    }

    [Test]
    public async Task Start_SinceInTheFuture_IsRefused()
    {
        await using var test = await LedgerAsync();

        var refused = Assert.ThrowsAsync<DomainException>(() => StartAsync(test, vendor: Vendor, since: Now.UtcDateTime.AddMinutes(1)));

        Assert.That(refused!.Message, Does.Contain("--since 2026-12-01 09:01 UTC is in the future"));
        Assert.That(await test.Ledger.Db.Incidents.CountAsync(), Is.Zero);
    }

    [TestCase(null, null, TestName = "Start_WithNeitherVendorNorApp_IsRefused")]
    [TestCase(Vendor, AcmeApp, TestName = "Start_WithBothVendorAndApp_IsRefused")]
    public async Task Start_WithNeitherOrBothOfVendorAndApp_IsRefused(string? vendor, string? app)
    {
        await using var test = await LedgerAsync();

        var refused = Assert.ThrowsAsync<ValidationException>(() => StartAsync(test, vendor, app));

        Assert.That(refused!.Message, Does.Contain("Give either --vendor or --app, not both and not neither."));
        Assert.That(await test.Ledger.Db.Incidents.CountAsync(), Is.Zero);
    }

    [TestCase("")]
    [TestCase("   ")]
    public async Task Start_WithoutAReason_IsRefused(string reason)
    {
        await using var test = await LedgerAsync();

        var refused = Assert.ThrowsAsync<ValidationException>(() => StartAsync(test, vendor: Vendor, reason: reason));

        Assert.That(refused!.Message, Does.Contain("--reason"));
    }

    [Test]
    public async Task Start_WithoutSince_LooksBackThirtyDays_AndNumbersIncidentsInTurn()
    {
        await using var test = await LedgerAsync();

        var first = await StartAsync(test, vendor: Vendor);
        var second = await StartAsync(test, app: OrbitApp);

        Assert.That((first.Since, first.Scope.Activity.Since), Is.EqualTo((Now.UtcDateTime.AddDays(-30), Now.UtcDateTime.AddDays(-30))));
        Assert.That((first.Id, first.Number, second.Id, second.Number), Is.EqualTo(("INC-1", 1, "INC-2", 2)));
        Assert.That((first.OpenedBy, first.OpenedAt), Is.EqualTo(("tester", Now.UtcDateTime)));
        foreach (var id in new[] { "INC-2", "inc-2", " 2 " })
            Assert.That((await new ShowIncidentHandler(test.Ledger).HandleAsync(id)).Target, Is.EqualTo(OrbitApp), id);
        Assert.That((await new ListIncidentsHandler(test.Ledger).HandleAsync()).Select(i => i.Id), Is.EqualTo(new[] { "INC-2", "INC-1" }), "newest first");
    }

    [TestCase("INC-9")]
    [TestCase("INC-")]
    [TestCase("-1")]
    [TestCase("Acme")]
    public async Task Show_AnIncidentThatIsNotThere_IsRefusedNamingTheLatest(string id)
    {
        await using var test = await LedgerWithIncidentAsync();

        var refused = Assert.ThrowsAsync<NotFoundException>(() => new ShowIncidentHandler(test.Ledger).HandleAsync(id));

        Assert.That(refused!.Message, Is.EqualTo($"No incident '{id}' is in the ledger; the latest are INC-1 (ledger incident list)."));
    }

    [TestCase(0)]
    [TestCase(7)]
    [TestCase(99)]
    public async Task Step_ThatDoesNotExist_IsRefused(int step)
    {
        await using var test = await LedgerWithIncidentAsync();

        var refused = Assert.ThrowsAsync<DomainException>(() => DoneAsync(test.Ledger, step));

        Assert.That(refused!.Message, Is.EqualTo($"INC-1 has no step {step}; its steps are 1 to 6."));
        Assert.That(await AuditCountAsync(test, "incident.step"), Is.Zero);
    }

    [Test]
    public async Task Step_ConfirmedTwice_IsRefusedSayingWhoConfirmedIt()
    {
        await using var test = await LedgerWithIncidentAsync();
        await using (var gus = await test.OpenAnotherAsync("gus"))
            await DoneAsync(gus, 1, "Revoked All in Connected Apps OAuth Usage");
        test.Clock.Advance(TimeSpan.FromHours(2));

        var again = Assert.ThrowsAsync<DomainException>(() => DoneAsync(test.Ledger, 1));
        var setAside = Assert.ThrowsAsync<DomainException>(() => NotApplicableAsync(test.Ledger, 1));

        const string said = "Step 1 was already confirmed done by gus on 2026-12-01 10:00 UTC (Revoked All in Connected Apps OAuth Usage).";
        Assert.That((again!.Message, setAside!.Message), Is.EqualTo((said, said)));
        var step = (await new ShowIncidentHandler(test.Ledger).HandleAsync("INC-1")).Steps[0];
        Assert.That((step.Status, step.By, step.Note), Is.EqualTo((IncidentStepStatus.Done, "gus", "Revoked All in Connected Apps OAuth Usage")));
        Assert.That(await AuditCountAsync(test, "incident.step"), Is.EqualTo(1), "only gus's confirmation");
    }

    [Test]
    public async Task Step_SetAsideTwice_IsRefusedSayingItWasMarkedNotApplicable()
    {
        await using var test = await LedgerWithIncidentAsync();
        await NotApplicableAsync(test.Ledger, 2, "The app has no consumer secret");

        var refused = Assert.ThrowsAsync<DomainException>(() => DoneAsync(test.Ledger, 2));

        Assert.That(refused!.Message, Is.EqualTo("Step 2 was already marked not applicable by tester on 2026-12-01 10:00 UTC (The app has no consumer secret)."));
    }

    [Test]
    public async Task Step_WithoutANote_IsRefused()
    {
        await using var test = await LedgerWithIncidentAsync();

        Assert.ThrowsAsync<DomainException>(() => DoneAsync(test.Ledger, 1, " "));

        Assert.That(await StatusAsync(test, 1), Is.EqualTo(IncidentStepStatus.Pending));
    }

    [Test]
    public async Task Close_WithStepsLeft_IsRefusedNamingThem_ButAllowedOnceEachIsDoneOrNotApplicable()
    {
        await using var test = await LedgerWithIncidentAsync();
        await DoneAsync(test.Ledger, 1);
        await DoneAsync(test.Ledger, 2);

        var refused = Assert.ThrowsAsync<DomainException>(() => CloseAsync(test.Ledger));
        Assert.That(refused!.Message, Does.StartWith("INC-1 has 4 steps left (3, 4, 5, 6): confirm each with --done, or mark it --not-applicable"));
        foreach (var step in new[] { 3, 4, 5 })
            await NotApplicableAsync(test.Ledger, step);
        var lastOne = Assert.ThrowsAsync<DomainException>(() => CloseAsync(test.Ledger));
        Assert.That(lastOne!.Message, Does.StartWith("INC-1 has 1 step left (6):"));
        await NotApplicableAsync(test.Ledger, 6, "Acme is being offboarded");
        test.Clock.Advance(TimeSpan.FromDays(1));

        var closed = await CloseAsync(test.Ledger, "Tokens cut off, nothing read");

        Assert.That((closed.IsClosed, closed.StepsLeft, closed.ClosedBy, closed.ClosedAt, closed.CloseNote),
            Is.EqualTo((true, 0, "tester", Opened.AddDays(1), "Tokens cut off, nothing read")));
        Assert.That((await new ListIncidentsHandler(test.Ledger).HandleAsync()).Single().IsClosed, Is.True);
    }

    [Test]
    public async Task ResetTokenStep_IsRefusedUntilTheTokenIsResetAndItsIntegrationConfirmed()
    {
        await using var test = await LedgerWithIncidentAsync();

        var notReset = Assert.ThrowsAsync<DomainException>(() => DoneAsync(test.Ledger, ResetStep));
        Assert.That(notReset!.Message, Does.StartWith("'acme-token' has not been reset since INC-1 was opened (2026-12-01 10:00 UTC): reset it with ledger token reset acme-token"));
        test.Clock.Advance(TimeSpan.FromMinutes(30));
        var plan = await new ResetTokenHandler(test.Ledger).HandleAsync(new ResetToken("acme-token"));
        Assert.That(plan, Is.Not.Null);

        var notConfirmed = Assert.ThrowsAsync<DomainException>(() => DoneAsync(test.Ledger, ResetStep));
        Assert.That(notConfirmed!.Message, Does.StartWith($"'acme-token' was reset, but {Connector} is not confirmed as updated: ledger token confirm acme-token --integration NAME"));
        Assert.That(await StatusAsync(test, ResetStep), Is.EqualTo(IncidentStepStatus.Pending));
        await new ConfirmTokenUpdateHandler(test.Ledger).HandleAsync(new ConfirmTokenUpdate("acme-token", Connector));

        var done = await DoneAsync(test.Ledger, ResetStep, "Reset and the connector updated");

        var step = done.Steps.Single(s => s.Number == ResetStep);
        Assert.That((step.Kind, step.Target, step.Status, step.Note), Is.EqualTo((IncidentStepKind.ResetToken, "acme-token", IncidentStepStatus.Done, "Reset and the connector updated")));
        Assert.That(await AuditCountAsync(test, "incident.step"), Is.EqualTo(1), "the refusals left no entry");
    }

    [Test]
    public async Task ResetTokenStep_AResetFromBeforeTheIncidentOpened_DoesNotCount()
    {
        await using var test = await LedgerAsync();
        await new ResetTokenHandler(test.Ledger).HandleAsync(new ResetToken("acme-token"));
        await new ConfirmTokenUpdateHandler(test.Ledger).HandleAsync(new ConfirmTokenUpdate("acme-token", Connector));
        test.Clock.SetUtcNow(Opened);
        await StartAsync(test, app: AcmeApp);

        var refused = Assert.ThrowsAsync<DomainException>(() => DoneAsync(test.Ledger, ResetStep));

        Assert.That(refused!.Message, Does.StartWith("'acme-token' has not been reset since INC-1 was opened"));
    }

    [Test]
    public async Task ResetTokenStep_ATokenRevokedSinceTheIncidentOpened_IsAccepted()
    {
        await using var test = await LedgerWithIncidentAsync();
        test.Clock.Advance(TimeSpan.FromMinutes(5));
        await new RevokeTokenHandler(test.Ledger).HandleAsync(new RevokeToken("acme-token", RevocationReason.Compromised));

        var done = await DoneAsync(test.Ledger, ResetStep, "Revoked: the connector is off until Acme is cleared");

        Assert.That(done.Steps.Single(s => s.Number == ResetStep).Status, Is.EqualTo(IncidentStepStatus.Done));
    }

    [Test]
    public async Task RevetVendorStep_IsRefusedUntilAVettingIsRecordedOnOrAfterTheOpeningDay()
    {
        await using var test = await LedgerWithIncidentAsync();
        await new VetIntegrationHandler(test.Ledger).HandleAsync(new VetIntegration(Connector, new DateOnly(2026, 11, 30), "Gus", VettingOutcome.Approved, null, null));
        await new VetIntegrationHandler(test.Ledger).HandleAsync(new VetIntegration(Orbit, new DateOnly(2026, 12, 1), "Gus", VettingOutcome.Approved, null, null));

        var refused = Assert.ThrowsAsync<DomainException>(() => DoneAsync(test.Ledger, RevetStep));
        Assert.That(refused!.Message, Does.StartWith("Acme Connector has no vetting recorded since INC-1 was opened (2026-12-01 10:00 UTC): record each with ledger integration vet NAME"),
            "a review dated the day before it opened does not count, nor another vendor's vetting");
        test.Clock.Advance(TimeSpan.FromDays(2));
        await new VetIntegrationHandler(test.Ledger).HandleAsync(new VetIntegration(Connector, new DateOnly(2026, 12, 3), "Gus", VettingOutcome.ApprovedWithConditions, "SEC-812", null));

        var done = await DoneAsync(test.Ledger, RevetStep, "Re-vetted: SEC-812");

        Assert.That(done.Steps.Single(s => s.Number == RevetStep).Status, Is.EqualTo(IncidentStepStatus.Done));
    }

    [Test]
    public async Task RevetVendorStep_ForAVendor_WantsEachOfItsIntegrationsInScope_VettedAfterTheIncidentOpened()
    {
        await using var test = await LedgerAsync();
        // Acme Backfill's vetting is recorded an hour before the incident opens, on the same day: it predates the breach's news.
        await new VetIntegrationHandler(test.Ledger).HandleAsync(new VetIntegration(Backfill, new DateOnly(2026, 12, 1), "Gus", VettingOutcome.Approved, null, null));
        test.Clock.SetUtcNow(Opened);
        var incident = await StartAsync(test, vendor: Vendor);
        var revet = incident.Steps.Single(s => s.Kind == IncidentStepKind.RevetVendor).Number;
        test.Clock.Advance(TimeSpan.FromHours(3));
        await new VetIntegrationHandler(test.Ledger).HandleAsync(new VetIntegration(Connector, new DateOnly(2026, 12, 1), "Gus", VettingOutcome.Approved, "SEC-813", null));

        var refused = Assert.ThrowsAsync<DomainException>(() => DoneAsync(test.Ledger, revet));

        Assert.That(refused!.Message, Does.StartWith("Acme Backfill has no vetting recorded since INC-1 was opened (2026-12-01 10:00 UTC)"), "Acme Connector's counts; Backfill's came before");
        await new VetIntegrationHandler(test.Ledger).HandleAsync(new VetIntegration(Backfill, new DateOnly(2026, 12, 1), "Gus", VettingOutcome.Approved, "SEC-814", null));
        Assert.That((await DoneAsync(test.Ledger, revet)).Steps.Single(s => s.Number == revet).Status, Is.EqualTo(IncidentStepStatus.Done));
    }

    [Test]
    public async Task RevetVendorStep_AVettingOnTheOpeningDay_Counts()
    {
        await using var test = await LedgerWithIncidentAsync();
        await new VetIntegrationHandler(test.Ledger).HandleAsync(new VetIntegration(Connector, new DateOnly(2026, 12, 1), "Gus", VettingOutcome.Approved, null, null));

        var done = await DoneAsync(test.Ledger, RevetStep, "Re-vetted the same day");

        Assert.That(done.Steps.Single(s => s.Number == RevetStep).Status, Is.EqualTo(IncidentStepStatus.Done));
    }

    [Test]
    public async Task StepsTheLedgerCannotCheck_AreConfirmedOnTheNoteAlone_AndChecksAreSkippedForNotApplicable()
    {
        await using var test = await LedgerWithIncidentAsync();

        await DoneAsync(test.Ledger, 4, "Frozen in Setup > Users");
        var view = await NotApplicableAsync(test.Ledger, ResetStep, "The connector no longer uses the token");

        Assert.That(view.Steps.Select(s => s.Status), Is.EqualTo(new[]
        {
            IncidentStepStatus.Pending, IncidentStepStatus.Pending, IncidentStepStatus.NotApplicable,
            IncidentStepStatus.Done, IncidentStepStatus.Pending, IncidentStepStatus.Pending,
        }));
        Assert.That(view.StepsLeft, Is.EqualTo(4));
    }

    [Test]
    public async Task ClosedIncident_RefusesEveryChange()
    {
        await using var test = await LedgerWithIncidentAsync();
        foreach (var step in Enumerable.Range(1, 6))
            await NotApplicableAsync(test.Ledger, step);
        await CloseAsync(test.Ledger);
        var entries = await test.Ledger.Db.AuditEntries.CountAsync();

        var step1 = Assert.ThrowsAsync<DomainException>(() => DoneAsync(test.Ledger, 1));
        var closeAgain = Assert.ThrowsAsync<DomainException>(() => CloseAsync(test.Ledger, "Again"));

        const string said = "INC-1 was closed on 2026-12-01 10:00 UTC by tester; nothing of it changes now.";
        Assert.That((step1!.Message, closeAgain!.Message), Is.EqualTo((said, said)));
        Assert.That(await test.Ledger.Db.AuditEntries.CountAsync(), Is.EqualTo(entries));
        Assert.That((await new ShowIncidentHandler(test.Ledger).HandleAsync("INC-1")).CloseNote, Is.EqualTo("Vendor cleared"));
    }

    [Test]
    public async Task EachAction_WritesAuditEntriesWithItsActionName_AndTheLedgerStillVerifies()
    {
        await using var test = await LedgerWithIncidentAsync();
        await DoneAsync(test.Ledger, 1, "Revoked All");
        foreach (var step in Enumerable.Range(2, 5))
            await NotApplicableAsync(test.Ledger, step);
        await CloseAsync(test.Ledger, "Closed after review");

        var entries = await test.Ledger.Db.AuditEntries.AsNoTracking().Where(e => e.Action.StartsWith("incident.")).OrderBy(e => e.Sequence).ToListAsync();

        Assert.That(entries.Where(e => e.Action == "incident.start").Select(e => e.EntityType),
            Is.EquivalentTo(new[] { "Incident", "IncidentStep", "IncidentStep", "IncidentStep", "IncidentStep", "IncidentStep", "IncidentStep" }),
            "the incident and each of its six steps");
        Assert.That(entries.Where(e => e.Action == "incident.step").Select(e => e.EntityType), Is.EqualTo(Enumerable.Repeat("IncidentStep", 6)), "one per step settled");
        Assert.That(entries.Where(e => e.Action == "incident.step").First().After, Does.Contain("Revoked All"));
        Assert.That(entries.Where(e => e.Action == "incident.close").Select(e => (e.EntityType, e.Actor)), Is.EqualTo(new[] { ("Incident", "tester") }));
        Assert.That(entries.Single(e => e.Action == "incident.close").After, Does.Contain("Closed after review"));
        var verification = await new VerifyLedgerHandler(test.Ledger).HandleAsync(new VerifyLedger());
        Assert.That(verification.Holds, Is.True, string.Join("\n", verification.Differences));
    }

    [Test]
    public async Task AnIncidentsRowsChangedBehindTheLedgersBack_AreCaughtByVerification()
    {
        await using var test = await LedgerWithIncidentAsync();
        await DoneAsync(test.Ledger, 1, "Revoked All");

        test.ExecuteRaw("UPDATE IncidentSteps SET Status = 'Done', Note = 'forged' WHERE Number = 3");

        var verification = await new VerifyLedgerHandler(test.Ledger).HandleAsync(new VerifyLedger());
        Assert.That(verification.Holds, Is.False);
        Assert.That(string.Join("\n", verification.Differences), Does.Contain("IncidentSteps"));
    }
}
