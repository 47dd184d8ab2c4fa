using System.Globalization;
using IntegrationLedger.Application.Features.Incidents;
using IntegrationLedger.Application.Tests.Features.Activity;
using IntegrationLedger.Application.Tests.Support;
using IntegrationLedger.Domain.Incidents;
using IntegrationLedger.Domain.Tokens;
using static IntegrationLedger.Application.Tests.Features.Incidents.IncidentScenario;

namespace IntegrationLedger.Application.Tests.Features.Incidents;

/// <summary>
/// What <see cref="StartIncidentHandler"/> finds in scope for a vendor or one app (<see cref="IncidentScenario"/>), its
/// activity since the moment checked against the events table itself, and the runbook it builds from the scope.
/// </summary>
public class IncidentScopeTests
{
    /// <summary>The event types that are not activity: OAuth token snapshots, setup changes and Threat Detection's verdicts.</summary>
    private const string NotActivity = "('OAuthToken', 'SetupAuditTrail', 'ApiAnomaly', 'ReportAnomaly', 'CredentialStuffing', 'SessionHijacking')";

    private static Task<IncidentView> StartAsync(TestLedger test, string? vendor = null, string? app = null, DateTime? since = null) =>
        new StartIncidentHandler(test.Ledger).HandleAsync(new StartIncident(vendor, app, "Vendor advisory: OAuth tokens stolen", since ?? When));

    /// <summary>The events table's own answer: the activity of the integrations of <paramref name="where"/> at or after <paramref name="since"/>.</summary>
    private static string Events(DateTime since, string where) =>
        $"FROM UsageEvents e JOIN Integrations i ON i.Id = e.IntegrationId WHERE {where} " +
        $"AND e.OccurredAt >= '{since.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture)}' AND e.EventType NOT IN {NotActivity}";

    private static IReadOnlyList<string> Column(TestLedger test, string sql) => RawSql.Column(test.DatabasePath, sql);

    [Test]
    public async Task Start_ForAVendor_NamesItsAppsWithTheirHoldersItsIntegrationsTokensAndAccounts()
    {
        await using var test = await LedgerWithActivityAsync();

        var incident = await StartAsync(test, vendor: "acme");

        var scope = incident.Scope;
        Assert.That((incident.Id, incident.TargetKind, incident.Target), Is.EqualTo(("INC-1", "vendor", Vendor)), "the vendor as the ledger spells it");
        Assert.That(scope.Apps.Select(a => (a.Name, a.SalesforceId, a.Integration)), Is.EqualTo(new[]
        {
            (AcmeApp, "0H4xx0000004CmdCAE", (string?)Connector),
            (LegacyApp, "0H4xx0000004Hb2CAE", null),
        }), "the app Acme Connector claims by its name, and the one named Acme's by hand");
        var acme = scope.Apps[0];
        Assert.That(acme.Holders.Select(h => (h.Username, h.Tokens, h.LastUsedAt)), Is.EqualTo(new[]
        {
            ((string?)MuleUser, 1, (DateTime?)new DateTime(2026, 11, 28, 11, 14, 2, DateTimeKind.Utc)),
            ("j.rivera@example.com", 1, new DateTime(2026, 4, 1, 8, 0, 3, DateTimeKind.Utc)),
            (SyncUser, 1, new DateTime(2026, 2, 11, 17, 40, 19, DateTimeKind.Utc)),
        }), "the OauthToken export's three holders, latest use first");
        Assert.That(scope.Apps[1].Holders.Select(h => (h.Username, h.LastUsedAt)), Is.EqualTo(new[] { ((string?)EtlUser, (DateTime?)null) }), "a token never used");
        Assert.That(scope.Integrations, Is.EqualTo(new[] { Backfill, Connector }), "both of Acme's integrations, not Orbit's");
        Assert.That(scope.Vendors, Is.EqualTo(new[] { Vendor }));
        Assert.That(scope.Tokens, Is.EqualTo(new[]
        {
            new ScopedToken("acme-token", TokenKind.SalesforceSecurityToken, TokenStatus.Active, Connector, "ana@example.com"),
            new ScopedToken("backfill-token", TokenKind.ApiKey, TokenStatus.Active, Backfill, "ana@example.com"),
        }), "orbit-token is Orbit's");
        Assert.That(scope.Accounts, Is.EqualTo(new[]
        {
            new ScopedAccount(SyncUser, Connector, "token acme-token"),
            new ScopedAccount(MuleUser, Backfill, "attribution rule"),
        }), "integration.sync through the token on it, mulesoft.api through Acme Backfill's rule; not etl.bot or j.rivera");
    }

    [Test]
    public async Task Start_ForAVendor_CountsExactlyTheActivityAtOrAfterWhen_AsTheEventsTableDoes()
    {
        await using var test = await LedgerWithActivityAsync();

        var activity = (await StartAsync(test, vendor: Vendor)).Scope.Activity;

        var acme = Events(When, "i.Vendor = 'Acme'");
        Assert.That(test.ScalarRaw("SELECT count(*) FROM UsageEvents e JOIN Integrations i ON i.Id = e.IntegrationId " +
            "WHERE i.Vendor = 'Acme' AND e.EventType = 'OAuthToken' AND e.OccurredAt >= '2026-11-28 10:30:00'"), Is.EqualTo(1),
            "mulesoft.api's Acme token, last used at 11:14 on WHEN's day, is attributed to Acme Connector: a snapshot, not activity");
        Assert.That(activity.Since, Is.EqualTo(When));
        Assert.That((activity.Calls, activity.Rows, activity.Bytes), Is.EqualTo((test.ScalarRaw("SELECT count(*) " + acme),
            test.ScalarRaw("SELECT total(e.RowsProcessed) " + acme), test.ScalarRaw("SELECT total(e.BytesReturned) " + acme))));
        Assert.That((activity.Calls, activity.Rows), Is.EqualTo((8L, 11_190L)),
            "Acme Connector's request at 10:30:00.000 and six after it, and Acme Backfill's one; not the request a millisecond before, nor Orbit's");
        Assert.That(activity.Objects.Select(o => $"{o.Integration}|{o.Entity}|{o.Calls}|{o.Rows}"),
            Is.EquivalentTo(Column(test, "SELECT i.Name || '|' || e.Entity || '|' || count(*) || '|' || coalesce(sum(e.RowsProcessed), 0) " + acme + " GROUP BY i.Name, e.Entity")));
        Assert.That(activity.Objects.Select(o => (o.Entity, o.Rows)), Is.EqualTo(new[] { ("Account", 5_800L), ("Contact", 5_300L), ("Lead", 70L), ("Opportunity", 20L) }),
            "per object, the most rows first");
        Assert.That(activity.Sources.Select(s => $"{s.Integration}|{s.Address}|{s.Calls}"),
            Is.EquivalentTo(Column(test, "SELECT i.Name || '|' || e.SourceIp || '|' || count(*) " + acme + " GROUP BY i.Name, e.SourceIp")));
        Assert.That(activity.Sources.Where(s => s.OutsideAllowed).Select(s => (s.Integration, s.Address, s.Calls)), Is.EqualTo(new[] { (Connector, Outside, 3L) }),
            "203.0.113.50 is outside Acme Connector's 192.0.2.0/24; Acme Backfill allows no networks, so its address is not flagged");
        Assert.That(activity.Sources[0].Address, Is.EqualTo(Outside), "the outside address comes first");
    }

    [TestCase("2026-11-26T00:00:00Z", Description = "midnight: every day whole, no part-day")]
    [TestCase("2026-11-28T00:00:00.001Z", Description = "just after WHEN's midnight: the whole of its day from the events")]
    [TestCase("2026-11-28T10:30:00Z")]
    [TestCase("2026-11-28T23:59:59.500Z", Description = "the very moment of the day's last request")]
    [TestCase("2026-11-29T00:00:00Z")]
    [TestCase("2026-11-29T04:00:00.001Z")]
    [TestCase("2026-12-01T09:00:00Z", Description = "now: nothing since")]
    public async Task Start_SinceAnyMoment_CountsWhatTheEventsTableHoldsAtOrAfterIt(string moment)
    {
        await using var test = await LedgerWithActivityAsync();
        var since = DateTime.Parse(moment, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

        var activity = (await StartAsync(test, vendor: Vendor, since: since)).Scope.Activity;

        var acme = Events(since, "i.Vendor = 'Acme'");
        Assert.That((activity.Calls, activity.Rows), Is.EqualTo((test.ScalarRaw("SELECT count(*) " + acme), test.ScalarRaw("SELECT total(e.RowsProcessed) " + acme))));
        Assert.That(activity.Objects.Select(o => $"{o.Integration}|{o.Entity}|{o.Calls}|{o.Rows}"),
            Is.EquivalentTo(Column(test, "SELECT i.Name || '|' || e.Entity || '|' || count(*) || '|' || coalesce(sum(e.RowsProcessed), 0) " + acme + " GROUP BY i.Name, e.Entity")));
        Assert.That(activity.Sources.Select(s => $"{s.Integration}|{s.Address}|{s.Calls}"),
            Is.EquivalentTo(Column(test, "SELECT i.Name || '|' || e.SourceIp || '|' || count(*) " + acme + " GROUP BY i.Name, e.SourceIp")));
    }

    [Test]
    public async Task Start_ReadsWholeDaysFromTheBaselines_AndWhensOwnDayFromTheEvents()
    {
        await using var test = await LedgerWithActivityAsync();
        // Behind the application's back: the events of the whole days after WHEN are gone, and so is the baseline of WHEN's day.
        Assert.That(test.ExecuteRaw("DELETE FROM UsageEvents WHERE EventType = 'RestApi' AND OccurredAt >= '2026-11-29'"), Is.EqualTo(6));
        Assert.That(test.ExecuteRaw("DELETE FROM ActivityDays WHERE Day = '2026-11-28'"), Is.GreaterThan(0));
        test.ExecuteRaw("DELETE FROM ActivityObjects WHERE Day = '2026-11-28'");
        test.ExecuteRaw("DELETE FROM ActivitySources WHERE Day = '2026-11-28'");

        var activity = (await StartAsync(test, vendor: Vendor)).Scope.Activity;

        Assert.That((activity.Calls, activity.Rows), Is.EqualTo((8L, 11_190L)), "the baselines still count the 29th to today; the events still hold the 28th");
        Assert.That(activity.Objects.Single(o => o.Entity == "Contact").Calls, Is.EqualTo(2), "10:30 on the 28th from the events, 04:00 on the 29th from the baselines");
    }

    [Test]
    public async Task Start_CountsABulkJobOnWhensOwnDay_AsTheBaselinesCountIt_OneRequestOfItsLargestCount()
    {
        // A Bulk API 2.0 job writes a state event at each step, each with the count so far: the baselines count the job
        // once, with its largest count. Read from the events for the part of WHEN's day, it must come to the same.
        await using var test = await LedgerAsync();
        var start = new DateTime(2026, 11, 28, 14, 0, 0, DateTimeKind.Utc);
        await VolumeScenario.ImportAsync(test, VolumeScenario.BulkApi2File(test,
        [
            new(start, "750xx00000Ab1Cd", "UploadComplete", null, UserId: "005xx000001Sv7A", Ip: Allowed),
            new(start.AddMinutes(1), "750xx00000Ab1Cd", "InProgress", 400_000, UserId: "005xx000001Sv7A", Ip: Allowed),
            new(start.AddMinutes(3), "750xx00000Ab1Cd", "JobComplete", 1_204_332, UserId: "005xx000001Sv7A", Ip: Allowed),
        ]));
        var midnight = new DateTime(2026, 11, 28, 0, 0, 0, DateTimeKind.Utc);

        var fromBaselines = (await StartAsync(test, vendor: Vendor, since: midnight)).Scope.Activity;
        var fromEvents = (await StartAsync(test, vendor: Vendor, since: midnight.AddMilliseconds(1))).Scope.Activity;

        Assert.That((fromBaselines.Calls, fromBaselines.Rows), Is.EqualTo((1L, 1_204_332L)), "the whole day, from the baselines");
        Assert.That((fromEvents.Calls, fromEvents.Rows), Is.EqualTo((fromBaselines.Calls, fromBaselines.Rows)), "nothing happened in the first millisecond");
        Assert.That(fromEvents.Objects.Select(o => (o.Entity, o.Calls, o.Rows)), Is.EqualTo(fromBaselines.Objects.Select(o => (o.Entity, o.Calls, o.Rows))));
        Assert.That(fromEvents.Sources.Select(s => (s.Address, s.Calls)), Is.EqualTo(fromBaselines.Sources.Select(s => (s.Address, s.Calls))));
    }

    [Test]
    public async Task Start_ForAnApp_TakesOnlyThatAppsIntegration()
    {
        await using var test = await LedgerWithActivityAsync();

        var incident = await StartAsync(test, app: "acme sync connector");

        var scope = incident.Scope;
        Assert.That((incident.TargetKind, incident.Target), Is.EqualTo(("app", AcmeApp)));
        Assert.That(scope.Apps.Select(a => a.Name), Is.EqualTo(new[] { AcmeApp }));
        Assert.That(scope.Integrations, Is.EqualTo(new[] { Connector }), "not Acme Backfill, though it is Acme's too");
        Assert.That(scope.Tokens.Select(t => t.Label), Is.EqualTo(new[] { "acme-token" }));
        Assert.That(scope.Accounts.Select(a => a.Username), Is.EqualTo(new[] { SyncUser }));
        var connector = Events(When, $"i.Name = '{Connector}'");
        Assert.That((scope.Activity.Calls, scope.Activity.Rows), Is.EqualTo((test.ScalarRaw("SELECT count(*) " + connector), test.ScalarRaw("SELECT total(e.RowsProcessed) " + connector))));
        Assert.That(scope.Activity.Calls, Is.EqualTo(7));
    }

    [Test]
    public async Task Start_ForAnAppByItsId_TakesTheIntegrationWhoseRuleNamesItsFifteenCharacterId()
    {
        // Orbit Extract's rule gives the app's id in 15 characters, as Setup's address bar shows it; the export gives 18.
        await using var test = await LedgerWithActivityAsync();

        var incident = await StartAsync(test, app: "0H4xx0000004Gz7CAE");

        Assert.That(incident.Target, Is.EqualTo(OrbitApp));
        Assert.That(incident.Scope.Apps.Single().Integration, Is.EqualTo(Orbit));
        Assert.That(incident.Scope.Integrations, Is.EqualTo(new[] { Orbit }));
        Assert.That(incident.Scope.Tokens.Select(t => t.Label), Is.EqualTo(new[] { "orbit-token" }));
    }

    [Test]
    public async Task Start_CountsWhatAnAppNoIntegrationClaimsDidSinceWhen_FromTheEventsTiedToIt()
    {
        // The legacy Orbit app is Acme's by hand and claimed by no integration: j.rivera's requests through it are
        // attributed to no integration, so only their tie to the app (its id) puts them in scope.
        await using var test = await LedgerWithActivityAsync();
        string[] Through(DateTime at, string id, string entity, long rows) =>
        [
            "API", at.ToString("yyyyMMddHHmmss.fff", CultureInfo.InvariantCulture), id, "005xx000001Zz9a", "j.rivera@example.com", Outside, "GET", "200",
            entity, rows.ToString(CultureInfo.InvariantCulture), "0H4xx0000004Hb2CAE",
        ];
        var path = VolumeScenario.ElfFile(test,
            ["EVENT_TYPE", "TIMESTAMP", "REQUEST_ID", "USER_ID", "USER_NAME", "CLIENT_IP", "METHOD", "STATUS_CODE", "ENTITY_NAME", "ROWS_PROCESSED", "CONNECTED_APP_ID"],
            Through(When.AddMilliseconds(-1), "4ZZleg0001", "Contact", 10),
            Through(When, "4ZZleg0002", "Contact", 40_000),
            Through(When.AddDays(1), "4ZZleg0003", "Case", 500));
        var imported = await VolumeScenario.ImportAsync(test, path);
        Assert.That(imported.Counts.Unattributed, Is.EqualTo(3), "no integration's rule names j.rivera or the legacy app");
        var legacy = IncidentScopeBuilder.Unclaimed(LegacyApp);

        var vendor = (await StartAsync(test, vendor: Vendor)).Scope.Activity;
        var app = (await StartAsync(test, app: LegacyApp)).Scope;

        var acme = Events(When, "i.Vendor = 'Acme'");
        Assert.That((vendor.Calls, vendor.Rows), Is.EqualTo((test.ScalarRaw("SELECT count(*) " + acme) + 2, test.ScalarRaw("SELECT total(e.RowsProcessed) " + acme) + 40_500)),
            "Acme's integrations' activity and the two requests through the legacy app at or after WHEN");
        Assert.That(vendor.Objects.Where(o => o.Integration == legacy).Select(o => (o.Entity, o.Calls, o.Rows)), Is.EqualTo(new[] { ("Contact", 1L, 40_000L), ("Case", 1L, 500L) }));
        Assert.That(vendor.Sources.Where(s => s.Integration == legacy).Select(s => (s.Address, s.Calls)), Is.EqualTo(new[] { (Outside, 2L) }));
        Assert.That(app.Integrations, Is.Empty);
        Assert.That((app.Activity.Calls, app.Activity.Rows, app.Activity.Objects[0].Entity), Is.EqualTo((2L, 40_500L, "Contact")), "the app's own incident sees the same");
        Assert.That(app.Activity.Objects.Concat<object>(app.Activity.Sources).Count(), Is.EqualTo(3), "two objects and one address, all the legacy app's");
    }

    [Test]
    public async Task Start_ForAVendor_BuildsTheRunbookInTheDocumentedOrder_OneStepPerAppTokenAccountAndVendor()
    {
        await using var test = await LedgerWithActivityAsync();

        var incident = await StartAsync(test, vendor: Vendor);

        Assert.That(incident.Steps.Select(s => (s.Number, s.Kind, s.Target)), Is.EqualTo(new[]
        {
            (1, IncidentStepKind.RevokeOauthTokens, AcmeApp),
            (2, IncidentStepKind.RevokeOauthTokens, LegacyApp),
            (3, IncidentStepKind.RotateConsumerSecret, AcmeApp),
            (4, IncidentStepKind.RotateConsumerSecret, LegacyApp),
            (5, IncidentStepKind.ResetToken, "acme-token"),
            (6, IncidentStepKind.ResetToken, "backfill-token"),
            (7, IncidentStepKind.FreezeAccount, SyncUser),
            (8, IncidentStepKind.FreezeAccount, MuleUser),
            (9, IncidentStepKind.ReviewActivity, "activity"),
            (10, IncidentStepKind.RevetVendor, Vendor),
        }));
        Assert.That(incident.Steps.Select(s => s.Status), Is.All.EqualTo(IncidentStepStatus.Pending));
        Assert.That(incident.Steps[0].Instruction, Does.Contain("3 user(s) hold 3 token(s)"));
        Assert.That(incident.Steps[1].Instruction, Does.Contain("1 user(s) hold 1 token(s)"));
        Assert.That(incident.Steps[8].Instruction, Does.Contain("since 2026-11-28 10:30 UTC: 8 requests, 11,190 rows over 4 object(s), 1 source address(es) outside the allowed networks (203.0.113.50)"));
        Assert.That(incident.Steps[9].Instruction, Does.Contain($"{Backfill}, {Connector}"));
    }

    [Test]
    public async Task Start_ForAnApp_BuildsOneStepOfEachKindForIt()
    {
        await using var test = await LedgerWithActivityAsync();

        var incident = await StartAsync(test, app: AcmeApp);

        Assert.That(incident.Steps.Select(s => (s.Kind, s.Target)), Is.EqualTo(new[]
        {
            (IncidentStepKind.RevokeOauthTokens, AcmeApp),
            (IncidentStepKind.RotateConsumerSecret, AcmeApp),
            (IncidentStepKind.ResetToken, "acme-token"),
            (IncidentStepKind.FreezeAccount, SyncUser),
            (IncidentStepKind.ReviewActivity, "activity"),
            (IncidentStepKind.RevetVendor, Vendor),
        }));
    }

    [Test]
    public async Task Start_KeepsTheScopeAsItStoodWhenOpened()
    {
        await using var test = await LedgerWithActivityAsync();
        var opened = await StartAsync(test, vendor: Vendor);
        test.ExecuteRaw("DELETE FROM ActivityDays");

        await test.ReopenAsync();
        var shown = await new ShowIncidentHandler(test.Ledger).HandleAsync("inc-1");

        Assert.That(shown.Scope.Activity.Calls, Is.EqualTo(opened.Scope.Activity.Calls).And.EqualTo(8), "the record of that moment, not a new reading");
        Assert.That(shown.Scope.Apps.Select(a => a.Holders.Count), Is.EqualTo(opened.Scope.Apps.Select(a => a.Holders.Count)));
        Assert.That(shown.Steps.Select(s => s.Target), Is.EqualTo(opened.Steps.Select(s => s.Target)));
    }
}
