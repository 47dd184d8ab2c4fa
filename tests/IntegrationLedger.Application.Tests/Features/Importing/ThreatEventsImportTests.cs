using System.IO.Compression;
using IntegrationLedger.Application.Features.Importing;
using IntegrationLedger.Application.Features.Integrations;
using IntegrationLedger.Application.Tests.Support;
using IntegrationLedger.Domain.Accounts;
using IntegrationLedger.Domain.Integrations;
using IntegrationLedger.Domain.Usage;
using Microsoft.EntityFrameworkCore;
using static IntegrationLedger.Application.Tests.Support.ThreatFixtures;

namespace IntegrationLedger.Application.Tests.Features.Importing;

/// <summary>
/// sf-threat-events: the four Threat Detection stores exported by SOQL, the store told by a column, the columns or the
/// file's name; every field kept, every bad value named by line and column, all or nothing, idempotent; events for
/// users the ledger does not know kept and named.
/// </summary>
public class ThreatEventsImportTests
{
    [Test]
    public async Task Import_ApiAnomalySample_IsRecognisedAndKeepsEveryField()
    {
        await using var test = await LedgerAsync();

        var result = await ImportSampleAsync(test, ApiAnomaly);

        Assert.That((result.Format, result.FormatDetected), Is.EqualTo(("sf-threat-events", true)));
        Assert.That((result.Counts.Read, result.Counts.Added, result.Counts.Rejected), Is.EqualTo((11L, 11L, 0L)));
        var events = await test.Ledger.Db.UsageEvents.ToListAsync();
        Assert.That(events.Select(e => e.EventType), Is.All.EqualTo(UsageEventTypes.ApiAnomaly));
        var anomaly = events.Single(e => e.NaturalKey == "ApiAnomaly:67b4e832-dc7f-4721-87ce-3146bf4bb806");
        Assert.That(anomaly.Source, Is.EqualTo("sf-threat-events"));
        Assert.That(anomaly.LineNumber, Is.EqualTo(11));
        Assert.That(anomaly.OccurredAt, Is.EqualTo(new DateTime(2026, 11, 28, 3, 15, 30, 486, DateTimeKind.Utc)), "EventDate, not the later CreatedDate");
        Assert.That((anomaly.UserId, anomaly.Username, anomaly.SourceIp), Is.EqualTo(("005xx000001Uq9kAAC", "etl.bot@example.com", "203.0.113.150")));
        Assert.That(anomaly.Score, Is.EqualTo(0.97));
        Assert.That(anomaly.Detail, Does.StartWith("API call came from an infrequent network (Example Hosting AS64511)"));
        Assert.That(anomaly.Data, Does.StartWith("[{\"featureName\":\"rowCount\",\"featureValue\":\"1204332\",\"featureContribution\":\"91.40 %\"}"), "kept raw, its doubled quotes undone");
        Assert.That((anomaly.Entity, anomaly.Operation, anomaly.RowsProcessed), Is.EqualTo(("Contact", "Query", (long?)1_204_332)));
        Assert.That((anomaly.Uri, anomaly.ClientName, anomaly.Status), Is.EqualTo(("/services/data/v62.0/jobs/query", "Salesforce-Multi-Org-Fetcher/1.0", "Notified")));
        Assert.That(anomaly.Subject, Is.Null);
        Assert.That(events.Single(e => e.LineNumber == 8).Entity, Is.EqualTo("Opportunity, OpportunityLineItem"), "queried entities with a comma, as written");
        Assert.That(events.Single(e => e.LineNumber == 2).Status, Is.Null, "an empty PolicyOutcome is none");
    }

    [Test]
    public async Task Import_CredentialStuffingSample_KeepsLoginTypeAsSubjectAndIpv6Sources()
    {
        await using var test = await LedgerAsync();

        var result = await ImportSampleAsync(test, CredentialStuffing);

        Assert.That((result.Format, result.Counts.Added), Is.EqualTo(("sf-threat-events", 10L)));
        var events = await test.Ledger.Db.UsageEvents.OrderBy(e => e.LineNumber).ToListAsync();
        Assert.That(events.Select(e => e.EventType), Is.All.EqualTo(UsageEventTypes.CredentialStuffing));
        Assert.That(events.Select(e => e.Score), Is.All.EqualTo(1.0));
        Assert.That(events.Select(e => e.Data), Is.All.Null, "the store has no SecurityEventData");
        var community = events.Single(e => e.NaturalKey == "CredentialStuffing:25c337b1-b198-42b2-aba0-353171cb538c");
        Assert.That((community.Subject, community.LoginType), Is.EqualTo(("Chatter Communities External User", "Chatter Communities External User")));
        Assert.That(community.Uri, Is.EqualTo("example-corp.my.site.com"), "the login URL");
        Assert.That(events.Single(e => e.LineNumber == 5).SourceIp, Is.EqualTo("2001:db8:7::15"));
        Assert.That(events[0].Detail, Is.EqualTo("Successful login from Credential Stuffing attack."));
        Assert.That(events[0].ClientName, Does.Contain("(KHTML, like Gecko)"));
    }

    [Test]
    public async Task Import_TheSameFileTwice_AddsEachEventOnce()
    {
        await using var test = await LedgerAsync();

        await ImportSampleAsync(test, ApiAnomaly);
        var again = await ImportSampleAsync(test, ApiAnomaly);

        Assert.That((again.Counts.Added, again.Counts.Duplicates), Is.EqualTo((0L, 11L)));
        Assert.That(await test.Ledger.Db.UsageEvents.CountAsync(), Is.EqualTo(11));
        Assert.That(await test.Ledger.Db.ImportBatches.CountAsync(), Is.EqualTo(2));
    }

    [Test]
    public async Task Import_ThreatEvents_AreNotCountedInTheActivityBaselines()
    {
        await using var test = await LedgerAsync();

        await ImportSampleAsync(test, ApiAnomaly);
        await ImportSampleAsync(test, CredentialStuffing);

        Assert.That(await test.Ledger.Db.ActivityDays.CountAsync(), Is.Zero, "a verdict on activity is not more activity");
        Assert.That(await test.Ledger.Db.ActivityObjects.CountAsync(), Is.Zero);
    }

    /// <summary>The sf CLI writes the names as queried; Data Loader before v61 in capitals, every value quoted; some tools in lower case.</summary>
    [TestCase("upper")]
    [TestCase("lower")]
    [TestCase("dotted")]
    [TestCase("zulu")]
    public async Task Import_OtherHeaderCasingsAndTimeZones_AreTheSameEvents(string variant)
    {
        await using var test = await LedgerAsync();
        await ImportSampleAsync(test, ApiAnomaly);
        var lines = Text(ApiAnomaly).TrimEnd('\n').Split('\n');
        var header = lines[0].Split(',');
        var rows = lines[1..];
        string[] written = variant switch
        {
            "upper" => [string.Join(",", header.Select(h => $"\"{h.ToUpperInvariant()}\"")), .. rows],
            "lower" => [lines[0].ToLowerInvariant(), .. rows],
            // Relationship fields a query may add: extra columns, ignored.
            "dotted" => [lines[0] + ",User.Username,User.Profile.Name", .. rows.Select(r => r + ",someone.else@example.com,System Administrator")],
            _ => [lines[0], .. rows.Select(r => r.Replace("+0000", "Z", StringComparison.Ordinal))],
        };
        var path = Samples.Write(test, "ApiAnomalyEventStore.csv", string.Join("\n", written) + "\n");

        var result = await test.Ledger.ImportUsageAsync(new ImportFile("auto", path));

        Assert.That(result.Errors, Is.Empty);
        Assert.That((result.Format, result.Counts.Added, result.Counts.Duplicates), Is.EqualTo(("sf-threat-events", 0L, 11L)));
        Assert.That(await test.Ledger.Db.UsageEvents.CountAsync(e => e.Username == "someone.else@example.com"), Is.Zero);
    }

    [TestCase("0.97", 0.97)]
    [TestCase("97", 0.97)]
    [TestCase("100", 1.0)]
    [TestCase("1", 1.0)]
    [TestCase("0", 0.0)]
    [TestCase("", null)]
    public async Task Import_Score_IsAFractionAndAPercentageIsMadeOne(string written, double? stored)
    {
        await using var test = await LedgerAsync();
        var path = Samples.Write(test, "api.csv", CommonHeader + ",RowsProcessed\n" +
            $"2026-11-28T03:15:30.486+0000,67b4e832-dc7f-4721-87ce-3146bf4bb806,005xx000001Uq9kAAC,etl.bot@example.com,203.0.113.150,{written},Many rows,,1204332\n");

        await test.Ledger.ImportUsageAsync(new ImportFile("sf-threat-events", path));

        var score = await test.Ledger.Db.UsageEvents.Select(e => e.Score).SingleAsync();
        Assert.That(score, stored is null ? Is.Null : Is.EqualTo(stored).Within(1e-12));
    }

    [Test]
    public async Task Import_BadScores_AreEachARowErrorNamingLineAndColumn_AndNothingIsWritten()
    {
        await using var test = await LedgerAsync();
        string Row(int n, string score) => $"2026-11-28T03:1{n}:00.000+0000,00000000-0000-4000-8000-00000000000{n},005xx000001Uq9kAAC,etl.bot@example.com,203.0.113.150,{score},x,,5";
        var path = Samples.Write(test, "api.csv", string.Join("\n", CommonHeader + ",RowsProcessed", Row(1, "0.5"), Row(2, "-0.2"), Row(3, "high"), Row(4, "140"), Row(5, "NaN"), Row(6, "1e400")) + "\n");

        var result = await test.Ledger.ImportUsageAsync(new ImportFile("auto", path));

        Assert.That(result.Rejected, Is.True);
        Assert.That(result.Errors.Select(e => (e.Line, e.Field)), Is.EqualTo(new[] { (3L, "Score"), (4L, "Score"), (5L, "Score"), (6L, "Score"), (7L, "Score") }));
        Assert.That(result.Errors.Select(e => e.Reason), Has.Some.StartsWith("'-0.2' is negative").And.Some.StartsWith("'high' is not a number")
            .And.Some.StartsWith("'140' is more than 100").And.Some.StartsWith("'NaN' is not a number"));
        Assert.That(await test.Ledger.Db.UsageEvents.CountAsync(), Is.Zero);
        Assert.That(await test.Ledger.Db.ImportBatches.CountAsync(), Is.Zero);
    }

    [Test]
    public async Task Import_SecurityEventDataThatIsNotJson_IsARowError()
    {
        await using var test = await LedgerAsync();
        var path = Samples.Write(test, "api.csv", CommonHeader + ",RowsProcessed\n" +
            "2026-11-28T03:15:30.486+0000,67b4e832-dc7f-4721-87ce-3146bf4bb806,005xx000001Uq9kAAC,etl.bot@example.com,203.0.113.150,0.97,x,\"[{\"\"featureName\"\":\"\"rowCount\"\"},\",5\n" +
            "2026-11-28T03:16:02.911+0000,6aa1a66c-5fcc-4cc8-b941-3c494e3a9bf3,005xx000001Uq9kAAC,etl.bot@example.com,203.0.113.150,0.72,x,\"{\"\"ok\"\": true}\",14\n");

        var result = await test.Ledger.ImportUsageAsync(new ImportFile("sf-threat-events", path));

        var error = result.Errors.Single();
        Assert.That((error.Line, error.Field), Is.EqualTo((2L, "SecurityEventData")));
        Assert.That(error.Reason, Does.Contain("is not valid JSON"));
        Assert.That(await test.Ledger.Db.UsageEvents.CountAsync(), Is.Zero, "all or nothing: the good row waits for the bad one");
    }

    [TestCase("", "is empty")]
    [TestCase("not-a-uuid", "is not a UUID")]
    [TestCase("3ozb3U8Xyxowk0OJGEFd4u", "is not a UUID")]
    public async Task Import_EventIdentifierMissingOrNoUuid_IsARowError(string identifier, string reason)
    {
        await using var test = await LedgerAsync();
        var path = Samples.Write(test, "api.csv", CommonHeader + ",RowsProcessed\n" +
            $"2026-11-28T03:15:30.486+0000,{identifier},005xx000001Uq9kAAC,etl.bot@example.com,203.0.113.150,0.97,x,,5\n");

        var result = await test.Ledger.ImportUsageAsync(new ImportFile("auto", path));

        var error = result.Errors.Single();
        Assert.That((error.Line, error.Field), Is.EqualTo((2L, "EventIdentifier")));
        Assert.That(error.Reason, Does.Contain(reason));
        Assert.That(await test.Ledger.Db.UsageEvents.CountAsync(), Is.Zero);
    }

    [Test]
    public async Task Import_WithoutTheEventIdentifierColumn_IsRefusedNamingIt()
    {
        await using var test = await LedgerAsync();
        var path = Samples.Write(test, "api.csv", "EventDate,UserId,Score,QueriedEntities\n2026-11-28T03:15:30.486+0000,005xx000001Uq9kAAC,0.97,Contact\n");

        Assert.That(async () => await test.Ledger.ImportUsageAsync(new ImportFile("sf-threat-events", path)),
            Throws.TypeOf<ImportFileException>().With.Message.Contains("lacks the required column EventIdentifier"));
    }

    [Test]
    public async Task Import_OtherBadValues_NameTheirColumnAsTheFileWritesIt()
    {
        await using var test = await LedgerAsync();
        var path = Samples.Write(test, "api.csv", "EVENTDATE,EVENTIDENTIFIER,USERID,USERNAME,SOURCEIP,SCORE,ROWSPROCESSED\n" +
            "28/11/2026 03:15,67b4e832-dc7f-4721-87ce-3146bf4bb806,005xx000001Uq9kAAX,etl.bot,203.0.113.999,0.97,lots\n");

        var result = await test.Ledger.ImportUsageAsync(new ImportFile("auto", path));

        Assert.That(result.Errors.Select(e => e.Field), Is.EquivalentTo(new[] { "EVENTDATE", "USERID", "USERNAME", "SOURCEIP", "ROWSPROCESSED" }));
        Assert.That(result.Errors.Single(e => e.Field == "EVENTDATE").Reason, Does.Contain("is not a time with its zone"));
    }

    [Test]
    public async Task Import_FifteenCharacterUserIds_AreMadeEighteen()
    {
        await using var test = await LedgerAsync();
        var path = Samples.Write(test, "api.csv", CommonHeader + ",RowsProcessed\n" +
            "2026-11-28T03:15:30.486+0000,67b4e832-dc7f-4721-87ce-3146bf4bb806,005xx000001Uq9k,etl.bot@example.com,203.0.113.150,0.97,x,,5\n");

        await test.Ledger.ImportUsageAsync(new ImportFile("auto", path));

        Assert.That(await test.Ledger.Db.UsageEvents.Select(e => e.UserId).SingleAsync(), Is.EqualTo("005xx000001Uq9kAAC"));
    }

    [Test]
    public async Task Import_StoreOwnColumns_TellReportAnomalyAndSessionHijacking()
    {
        await using var test = await LedgerAsync();
        var report = Samples.Write(test, "export-1.csv", CommonHeader + ",Report\n" +
            "2026-11-27T22:31:00.000+0000,11111111-2222-4333-8444-555555555555,005xx000001Xd4N,d.novak@example.com,203.0.113.77,0.91,Report returned unusually many rows,,00Oxx0000000AbC\n");
        var session = Samples.Write(test, "export-2.csv", CommonHeader + ",CurrentIp,PreviousIp,CurrentUserAgent,PreviousUserAgent\n" +
            "2026-11-27T22:35:00.000+0000,66666666-7777-4888-8999-000000000000,005xx000001Xd4N,d.novak@example.com,,0.85,Session used from a second browser,,203.0.113.78,192.0.2.61,curl/8.5,Mozilla/5.0\n");

        await test.Ledger.ImportUsageAsync(new ImportFile("auto", report));
        await test.Ledger.ImportUsageAsync(new ImportFile("auto", session));

        var events = await test.Ledger.Db.UsageEvents.OrderBy(e => e.OccurredAt).ToListAsync();
        Assert.That(events.Select(e => e.EventType), Is.EqualTo(new[] { UsageEventTypes.ReportAnomaly, UsageEventTypes.SessionHijacking }));
        Assert.That(events[0].Subject, Is.EqualTo(SalesforceId.Normalize("00Oxx0000000AbC")).And.Length.EqualTo(18), "the report's id, in 18 characters");
        Assert.That(events[0].NaturalKey, Is.EqualTo("ReportAnomaly:11111111-2222-4333-8444-555555555555"));
        Assert.That((events[1].SourceIp, events[1].ClientName), Is.EqualTo(("203.0.113.78", "curl/8.5")), "the current side, when SourceIp is empty");
    }

    [TestCase("ReportAnomalyEventStore.csv", UsageEventTypes.ReportAnomaly)]
    [TestCase("threat-sessionhijacking-2026-11.csv", UsageEventTypes.SessionHijacking)]
    [TestCase("CredentialStuffingEventStore.csv.gz", UsageEventTypes.CredentialStuffing)]
    public async Task Import_OnlyTheColumnsEveryStoreHas_TheFileNameTellsTheStore(string name, string eventType)
    {
        await using var test = await LedgerAsync();
        var text = CommonHeader + "\n2026-11-27T22:31:00.000+0000,11111111-2222-4333-8444-555555555555,005xx000001Xd4N,d.novak@example.com,203.0.113.77,0.91,Odd,\n";
        var path = System.IO.Path.Combine(test.Folder, name);
        if (name.EndsWith(".gz", StringComparison.Ordinal))
        {
            await using var file = File.Create(path);
            await using var gzip = new GZipStream(file, CompressionLevel.Optimal);
            await gzip.WriteAsync(System.Text.Encoding.UTF8.GetBytes(text));
        }
        else
        {
            await File.WriteAllTextAsync(path, text);
        }

        var result = await test.Ledger.ImportUsageAsync(new ImportFile("auto", path));

        Assert.That(result.Errors, Is.Empty);
        Assert.That(await test.Ledger.Db.UsageEvents.Select(e => e.EventType).SingleAsync(), Is.EqualTo(eventType));
    }

    [Test]
    public async Task Import_AStoreColumn_TellsEachRowsStore()
    {
        await using var test = await LedgerAsync();
        var path = Samples.Write(test, "threats.csv", "EventStore," + CommonHeader + "\n" +
            "ApiAnomalyEventStore,2026-11-27T22:31:00.000+0000,11111111-2222-4333-8444-555555555555,005xx000001Xd4N,d.novak@example.com,203.0.113.77,0.91,Odd,\n" +
            "credentialstuffing,2026-11-27T22:14:09.244+0000,4aa87b29-38e8-471d-b9ea-2e826d75c2c5,005xx000001Xd4N,d.novak@example.com,203.0.113.77,1,Login,\n" +
            "LoginEvent,2026-11-27T22:15:00.000+0000,22222222-2222-4333-8444-555555555555,005xx000001Xd4N,d.novak@example.com,203.0.113.77,1,Login,\n");

        var result = await test.Ledger.ImportUsageAsync(new ImportFile("auto", path, SkipInvalid: true));

        Assert.That(result.Errors.Single().Field, Is.EqualTo("EventStore"));
        Assert.That(result.Errors.Single().Reason, Does.StartWith("'LoginEvent' is not a Threat Detection store"));
        Assert.That(await test.Ledger.Db.UsageEvents.OrderBy(e => e.OccurredAt).Select(e => e.EventType).ToListAsync(),
            Is.EqualTo(new[] { UsageEventTypes.CredentialStuffing, UsageEventTypes.ApiAnomaly }));
    }

    [Test]
    public async Task Import_NothingTellsTheStore_IsOneClearError()
    {
        await using var test = await LedgerAsync();
        var path = Samples.Write(test, "export.csv", CommonHeader + "\n2026-11-27T22:31:00.000+0000,11111111-2222-4333-8444-555555555555,,,,0.5,Odd,\n");
        var both = Samples.Write(test, "export-both.csv", CommonHeader + ",Report,RowsProcessed\n2026-11-27T22:31:00.000+0000,11111111-2222-4333-8444-555555555555,,,,0.5,Odd,,,3\n");

        Assert.That(async () => await test.Ledger.ImportUsageAsync(new ImportFile("auto", path)),
            Throws.TypeOf<ImportFileException>().With.Message.StartsWith(path + ", line 1: cannot tell which Threat Detection store")
                .And.Message.Contains("only those every store has").And.Message.Contains("name the file after its store"));
        Assert.That(async () => await test.Ledger.ImportUsageAsync(new ImportFile("sf-threat-events", both)),
            Throws.TypeOf<ImportFileException>().With.Message.Contains("several stores (RowsProcessed of ApiAnomalyEventStore, Report of ReportAnomalyEventStore)"));
        Assert.That(await test.Ledger.Db.ImportBatches.CountAsync(), Is.Zero);
    }

    [Test]
    public async Task Auto_AnEventMonitoringExportWithoutAVerdict_IsNotTakenForThreatEvents()
    {
        await using var test = await LedgerAsync();
        // An ApiEvent export (Real-Time Event Monitoring) has the API columns, but no score and no evidence.
        var path = Samples.Write(test, "ApiEvent.csv", "EventDate,EventIdentifier,UserId,Username,SourceIp,QueriedEntities,RowsProcessed,Operation\n" +
            "2026-11-28T03:15:30.486+0000,67b4e832-dc7f-4721-87ce-3146bf4bb806,005xx000001Uq9kAAC,etl.bot@example.com,203.0.113.150,Contact,1204332,Query\n");

        Assert.That(async () => await test.Ledger.ImportUsageAsync(new ImportFile("auto", path)),
            Throws.TypeOf<ImportFileException>().With.Message.Contains("matches none of the formats"));
    }

    [Test]
    public async Task Import_DryRun_CountsAndWritesNothing()
    {
        await using var test = await LedgerAsync();

        var outcome = await ImportAsync(test, Path(CredentialStuffing), dryRun: true);

        Assert.That((outcome.Usage!.Counts.Added, outcome.Committed), Is.EqualTo((10L, false)));
        Assert.That(outcome.Usage.UnknownUsers.Sum(u => u.Events), Is.EqualTo(10), "a dry run says what it would keep");
        Assert.That(await test.Ledger.Db.UsageEvents.CountAsync(), Is.Zero);
        Assert.That(await test.Ledger.Db.ImportBatches.CountAsync(), Is.Zero);
    }

    [Test]
    public async Task Import_BadRowsWithAnErrorsFile_WritesThemWithTheirReasons()
    {
        await using var test = await LedgerAsync();
        var text = Text(ApiAnomaly).Replace(",0.72,", ",-72,", StringComparison.Ordinal);
        var path = Samples.Write(test, "ApiAnomalyEventStore.csv", text);
        var errors = System.IO.Path.Combine(test.Folder, "rejected.csv");

        var outcome = await ImportAsync(test, path, errors: errors);

        Assert.That(outcome.Rejected, Is.True);
        Assert.That(await File.ReadAllTextAsync(errors), Does.Contain("12").And.Contain("Score").And.Contain("is negative"));
        Assert.That(await test.Ledger.Db.UsageEvents.CountAsync(), Is.Zero);
    }

    [Test]
    public async Task Import_UnknownUsers_AreKeptCountedAndNamedInTheSummary()
    {
        await using var test = await LedgerAsync();
        await KnowAccountsAsync(test, "j.rivera@example.com", "k.patel@example.com");
        // s.ito has no account, but an integration claims the account: attributed, so known to the ledger.
        await test.AddPersonAsync("ana@example.com", "Ana Lima");
        await new AddIntegrationHandler(test.Ledger).HandleAsync(new AddIntegration("Community Sync", "Acme", "ana@example.com", "Syncs", null, NetworkTrust.Untrusted,
            ["192.0.2.0/24"], [new AttributionRuleSpec(AttributionRuleKind.Account, "s.ito@example.com")]));

        var outcome = await ImportAsync(test, Path(CredentialStuffing));

        var result = outcome.Usage!;
        Assert.That(result.Counts.Added, Is.EqualTo(10), "every event is kept");
        Assert.That(await test.Ledger.Db.UsageEvents.CountAsync(e => e.Username == "p.lindqvist@example.com"), Is.EqualTo(2));
        Assert.That(result.UnknownUsers, Is.EqualTo(new[]
        {
            new UnknownUserEvents("d.novak@example.com", 2), new UnknownUserEvents("l.moreau@example.com", 2), new UnknownUserEvents("p.lindqvist@example.com", 2),
        }));
        var summary = ImportSummary.Of(outcome);
        Assert.That(summary.Note, Does.StartWith(
            "6 Threat Detection events for users the ledger does not know: d.novak@example.com (2), l.moreau@example.com (2), p.lindqvist@example.com (2)."));
    }

    [Test]
    public async Task Import_AUserKnownByItsId_IsNotUnknown()
    {
        await using var test = await LedgerAsync();
        await KnowAccountsAsync(test, "etl.bot@example.com");
        // The export names the user by id only, in 15 characters; or by the id and a username it has been renamed to since.
        var path = Samples.Write(test, "ApiAnomalyEventStore.csv", "EventDate,EventIdentifier,UserId,Username,Score\n" +
            "2026-11-28T03:15:30.486+0000,67b4e832-dc7f-4721-87ce-3146bf4bb806,005xx000001Uq9k,,0.97\n" +
            "2026-11-28T03:15:40.486+0000,67b4e832-dc7f-4721-87ce-3146bf4bb805,005xx000001Uq9kAAC,etl.bot@orbit.example.com,0.97\n" +
            "2026-11-28T03:16:30.486+0000,67b4e832-dc7f-4721-87ce-3146bf4bb807,005xx000001Zz9k,,0.97\n");

        var outcome = await ImportAsync(test, path);

        var stranger = SalesforceId.Normalize("005xx000001Zz9k");
        Assert.That(outcome.Usage!.UnknownUsers.Select(u => (u.User, u.Events)), Is.EqualTo(new[] { ((string?)stranger, 1L) }));
        Assert.That(ImportSummary.Of(outcome).Note, Does.StartWith($"1 Threat Detection event for a user the ledger does not know: {stranger} (1)."));
    }

    [Test]
    public async Task Import_AllKnown_SaysNothingOfUnknownUsers()
    {
        await using var test = await LedgerAsync();
        await KnowAccountsAsync(test, [.. UserIds.Keys]);

        var outcome = await ImportAsync(test, Path(CredentialStuffing));

        Assert.That(outcome.Usage!.UnknownUsers, Is.Empty);
        Assert.That(ImportSummary.Of(outcome).Note, Is.Null);
    }
}
