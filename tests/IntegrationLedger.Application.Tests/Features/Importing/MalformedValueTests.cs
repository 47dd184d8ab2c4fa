using IntegrationLedger.Application.Features.Importing;
using IntegrationLedger.Application.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Tests.Features.Importing;

/// <summary>
/// A value the ledger reads that is malformed is a bad row, named with its line and field, even when
/// another column could stand in for it; a fallback column is read only when its primary is empty; a
/// primary and a fallback that disagree are a bad row naming both. Every format, against a real ledger.
/// </summary>
public class MalformedValueTests
{
    private const string LoginHeader =
        "EVENT_TYPE,TIMESTAMP,REQUEST_ID,USER_ID,USER_NAME,LOGIN_TYPE,LOGIN_STATUS,TIMESTAMP_DERIVED,USER_ID_DERIVED,CLIENT_IP,SOURCE_IP";

    /// <summary>A sound Login row whose request id, time and user ids can be changed one at a time.</summary>
    private static string Login(string requestId, string timestamp = "20261128060000.000", string userId = "005xx000001Sv7A",
        string derivedTime = "2026-11-28T06:00:00.000Z", string derivedUserId = "005xx000001Sv7AAAS") =>
        $"Login,{timestamp},{requestId},{userId},integration.sync@example.com,R,LOGIN_NO_ERROR,{derivedTime},{derivedUserId},192.0.2.10,192.0.2.10";

    private static string File(params string[] lines) => string.Join("\n", lines) + "\n";

    private static async Task<(UsageImportResult Result, int Events)> ImportAsync(TestLedger test, string format, string content, bool skipInvalid = false,
        string? timeZone = null)
    {
        var path = Samples.Write(test, "export.csv", content);
        var result = await test.Ledger.ImportUsageAsync(new ImportFile(format, path, SkipInvalid: skipInvalid, TimeZone: timeZone));
        return (result, await test.Ledger.Db.UsageEvents.CountAsync());
    }

    private static void AssertOneBadRow(UsageImportResult result, int events, long line, string field, params string[] mentioned)
    {
        Assert.That(result.Rejected, Is.True, "the file is refused");
        Assert.That(result.Errors.Select(e => (e.Line, e.Field)), Is.EqualTo(new[] { (line, field) }), string.Join("; ", result.Errors));
        foreach (var text in mentioned)
            Assert.That(result.Errors[0].Reason, Does.Contain(text));
        Assert.That(events, Is.Zero, "nothing half-written");
    }

    [Test]
    public async Task Elf_MalformedTimestampBesideASoundDerivedOne_IsABadRow()
    {
        await using var test = await TestLedger.CreateAsync();

        var (result, events) = await ImportAsync(test, "sf-elf", File(LoginHeader, Login("req-1"), Login("req-2", timestamp: "2026-13-45 25:61")));

        AssertOneBadRow(result, events, 3, "TIMESTAMP", "'2026-13-45 25:61'", "yyyyMMddHHmmss");
    }

    [Test]
    public async Task Elf_UserIdOfTheWrongLengthBesideASoundDerivedOne_IsABadRow()
    {
        await using var test = await TestLedger.CreateAsync();

        var (result, events) = await ImportAsync(test, "sf-elf", File(LoginHeader, Login("req-1", userId: "005xx000001Sv7")));

        AssertOneBadRow(result, events, 2, "USER_ID", "'005xx000001Sv7'", "14 characters", "15 or 18");
    }

    [Test]
    public async Task Elf_EmptyPrimaries_TakeTheirDerivedColumns()
    {
        await using var test = await TestLedger.CreateAsync();

        var (result, events) = await ImportAsync(test, "sf-elf", File(LoginHeader,
            Login("req-1", timestamp: "", userId: "", derivedTime: "2026-11-28T07:30:15.250Z", derivedUserId: "005xx000001Sv8QAAS")));

        Assert.That((result.Committed, result.Counts.Rejected, events), Is.EqualTo((true, 0L, 1)), string.Join("; ", result.Errors));
        var stored = await test.Ledger.Db.UsageEvents.SingleAsync();
        Assert.That((stored.OccurredAt, stored.UserId), Is.EqualTo((new DateTime(2026, 11, 28, 7, 30, 15, 250, DateTimeKind.Utc), "005xx000001Sv8QAAS")));
    }

    [Test]
    public async Task Elf_BothTimesEmpty_IsABadRowNamingThePrimary()
    {
        await using var test = await TestLedger.CreateAsync();

        var (result, events) = await ImportAsync(test, "sf-elf", File(LoginHeader, Login("req-1", timestamp: "", derivedTime: "")));

        AssertOneBadRow(result, events, 2, "TIMESTAMP", "is empty");
    }

    [Test]
    public async Task Elf_DerivedTimeThatDisagrees_IsABadRowNamingBothValues()
    {
        await using var test = await TestLedger.CreateAsync();

        var (result, events) = await ImportAsync(test, "sf-elf", File(LoginHeader, Login("req-1", derivedTime: "2026-11-28T06:00:01.000Z")));

        AssertOneBadRow(result, events, 2, "TIMESTAMP_DERIVED", "'2026-11-28T06:00:01.000Z' disagrees with TIMESTAMP '20261128060000.000'");
    }

    [Test]
    public async Task Elf_DerivedUserIdThatDisagrees_IsABadRowNamingBothIdsAndTheLongForm()
    {
        await using var test = await TestLedger.CreateAsync();

        var (result, events) = await ImportAsync(test, "sf-elf", File(LoginHeader, Login("req-1", derivedUserId: "005xx000001Sv8QAAS")));

        AssertOneBadRow(result, events, 2, "USER_ID_DERIVED",
            "'005xx000001Sv8QAAS' disagrees with USER_ID '005xx000001Sv7A'", "005xx000001Sv7AAAS");
        Assert.That(result.Errors[0].ToString(), Does.StartWith("line 2, USER_ID_DERIVED: "));
    }

    [Test]
    public async Task Elf_DerivedUserIdOf15Characters_IsABadRow()
    {
        await using var test = await TestLedger.CreateAsync();

        var (result, events) = await ImportAsync(test, "sf-elf", File(LoginHeader, Login("req-1", userId: "", derivedUserId: "005xx000001Sv7A")));

        AssertOneBadRow(result, events, 2, "USER_ID_DERIVED", "18-character form");
    }

    [TestCase("20211019050707.13", "2021-10-19T05:07:07.130Z", TestName = "Elf_TimesToDifferentPrecision_Agree(fraction of two digits)")]
    [TestCase("20220803011210", "2022-08-03T01:12:10.000Z", TestName = "Elf_TimesToDifferentPrecision_Agree(no fraction)")]
    public async Task Elf_TimesToDifferentPrecision_Agree(string timestamp, string derived)
    {
        await using var test = await TestLedger.CreateAsync();

        var (result, events) = await ImportAsync(test, "sf-elf", File(LoginHeader, Login("req-1", timestamp: timestamp, derivedTime: derived)));

        Assert.That((result.Counts.Rejected, events), Is.EqualTo((0L, 1)), string.Join("; ", result.Errors));
    }

    /// <summary>Each column the Event Monitoring importer reads, given a value it cannot be, next to a sound row.</summary>
    [TestCase("LOGIN_TYPE", "Remote Access", "not a login type code")]
    [TestCase("LOGIN_STATUS", "ok", "not a login status code")]
    [TestCase("USER_NAME", "integration sync", "not a Salesforce username")]
    [TestCase("CLIENT_IP", "10.0.0", "not an IP address")]
    [TestCase("SOURCE_IP", "192.0.2.999", "not an IP address")]
    [TestCase("REQUEST_STATUS", "X", "not a request status")]
    public async Task Elf_MalformedLoginColumn_IsABadRowNamingIt(string column, string value, string reason)
    {
        await using var test = await TestLedger.CreateAsync();
        var header = LoginHeader + ",REQUEST_STATUS";
        var columns = header.Split(',');
        var bad = (Login("req-2") + ",").Split(',');
        bad[Array.IndexOf(columns, column)] = value;

        var (result, events) = await ImportAsync(test, "sf-elf", File(header, Login("req-1") + ",", string.Join(",", bad)));

        AssertOneBadRow(result, events, 3, column, $"'{value}'", reason);
    }

    [Test]
    public async Task Elf_UnlistedCodesOfTheRightShape_AreKeptAsWritten()
    {
        await using var test = await TestLedger.CreateAsync();
        var row = Login("req-1").Replace(",R,LOGIN_NO_ERROR,", ",q,LOGIN_CHALLENGE_ISSUED,", StringComparison.Ordinal);

        var (result, events) = await ImportAsync(test, "sf-elf", File(LoginHeader, row));

        Assert.That((result.Counts.Rejected, events), Is.EqualTo((0L, 1)), string.Join("; ", result.Errors));
        var stored = await test.Ledger.Db.UsageEvents.SingleAsync();
        Assert.That((stored.LoginType, stored.Status), Is.EqualTo(("q", "LOGIN_CHALLENGE_ISSUED")));
    }

    [Test]
    public async Task Elf_SourceAndClientAddressesThatDiffer_AreBothKeptAsTwoFacts()
    {
        await using var test = await TestLedger.CreateAsync();
        var row = Login("req-1").Replace("192.0.2.10,192.0.2.10", "10.1.2.3,198.51.100.7", StringComparison.Ordinal);

        var (result, events) = await ImportAsync(test, "sf-elf", File(LoginHeader, row));

        Assert.That((result.Counts.Rejected, events), Is.EqualTo((0L, 1)), string.Join("; ", result.Errors));
        Assert.That((await test.Ledger.Db.UsageEvents.SingleAsync()).SourceIp, Is.EqualTo("198.51.100.7"), "a login's caller is SOURCE_IP");
    }

    private const string ApiUsageHeader = "EVENT_TYPE,TIMESTAMP,REQUEST_ID,USER_ID,HTTP_METHOD,CLIENT_IP,CONNECTED_APP_ID,STATUS_CODE,TIMESTAMP_DERIVED";

    [TestCase("GET,198.51.100.7,0H4xx0000004Cmd,2OO", "STATUS_CODE", "not an HTTP status code")]
    [TestCase("FETCH,198.51.100.7,0H4xx0000004Cmd,200", "HTTP_METHOD", "not an HTTP method")]
    [TestCase("GET,198.51.100.7,0H4xx0000004C,200", "CONNECTED_APP_ID", "13 characters")]
    [TestCase("GET,Salesforce.com,0H4xx0000004Cmd,200", "CLIENT_IP", "not an IP address")]
    public async Task Elf_MalformedApiTotalUsageColumn_IsABadRowNamingIt(string middle, string column, string reason)
    {
        await using var test = await TestLedger.CreateAsync();
        var row = $"ApiTotalUsage,20261128120846.074,req-1,005xx000001Sv8Q,{middle},2026-11-28T12:08:46.074Z";

        var (result, events) = await ImportAsync(test, "sf-elf", File(ApiUsageHeader, row));

        AssertOneBadRow(result, events, 2, column, reason);
    }

    [Test]
    public async Task Elf_BulkSuccessFlagThatIsNotOne_IsABadRow_AndZeroIsAFailure()
    {
        await using var test = await TestLedger.CreateAsync();
        const string header = "EVENT_TYPE,TIMESTAMP,REQUEST_ID,USER_ID,ENTITY_TYPE,SUCCESS";

        var (result, events) = await ImportAsync(test, "sf-elf",
            File(header, "BulkApi,20261128021000.000,req-1,005xx000001Uq9k,Account,0", "BulkApi,20261128021100.000,req-2,005xx000001Uq9k,Account,yes"),
            skipInvalid: true);

        Assert.That(result.Errors.Select(e => (e.Line, e.Field)), Is.EqualTo(new[] { (3L, "SUCCESS") }));
        Assert.That(result.Errors[0].Reason, Does.Contain("'yes'").And.Contain("1, 0, true or false"));
        Assert.That(events, Is.EqualTo(1), "--skip-invalid takes the good row");
        Assert.That((await test.Ledger.Db.UsageEvents.SingleAsync()).Succeeded, Is.False);
    }

    [Test]
    public async Task Elf_TwoSpellingsOfOneFieldThatDisagree_AreABadRow()
    {
        await using var test = await TestLedger.CreateAsync();
        const string header = "EVENT_TYPE,TIMESTAMP,REQUEST_ID,USER_ID,METHOD,HTTP_METHOD,ENTITY_NAME,ENTITY_TYPE";

        var (result, events) = await ImportAsync(test, "sf-elf",
            File(header, "RestApi,20261128110500.000,req-1,005xx000001Sv8Q,GET,POST,Account,account"));

        AssertOneBadRow(result, events, 2, "HTTP_METHOD", "'POST' disagrees with METHOD 'GET'");
    }

    [Test]
    public async Task LoginHistoryApi_MalformedLoginUrl_IsABadRow()
    {
        await using var test = await TestLedger.CreateAsync();
        const string header = "Id,UserId,LoginTime,SourceIp,Status,LoginUrl";

        var (result, events) = await ImportAsync(test, "sf-loginhistory-api", File(header,
            "0Yaxx0000000001,005xx000001Sv7AAAS,2026-11-28T06:00:00.000Z,192.0.2.10,Success,example-corp.my.salesforce.com",
            "0Yaxx0000000002,005xx000001Sv7AAAS,2026-11-28T07:00:00.000Z,192.0.2.10,Success,Partner Product"));

        AssertOneBadRow(result, events, 3, "LoginUrl", "'Partner Product'", "host name");
    }

    [Test]
    public async Task LoginHistoryApi_MalformedLoginTimeAndUserId_AreBothNamed()
    {
        await using var test = await TestLedger.CreateAsync();
        const string header = "Id,UserId,LoginTime,SourceIp,Status";

        var (result, events) = await ImportAsync(test, "sf-loginhistory-api", File(header,
            "0Yaxx0000000001,005xx000001Sv7AAAX,2026-11-28T25:61:00.000Z,192.0.2.10,Success"));

        Assert.That(result.Errors.Select(e => e.Field), Is.EqualTo(new[] { "LoginTime", "UserId" }));
        Assert.That((result.Counts.Rejected, events), Is.EqualTo((1L, 0)), "two faults, one bad row");
    }

    [Test]
    public async Task LoginHistorySetup_UsernameThatIsNotOne_IsABadRow()
    {
        await using var test = await TestLedger.CreateAsync();
        const string header = "Login Time,Username,Source IP,Status";

        var (result, events) = await ImportAsync(test, "sf-login-history", File(header,
            "11/28/2026 6:00:00 AM,integration.sync@example.com,192.0.2.10,Success",
            "11/28/2026 7:00:00 AM,Integration Sync,192.0.2.10,Success"), timeZone: "UTC");

        AssertOneBadRow(result, events, 3, "Username", "'Integration Sync'", "email address");
    }

    private const string OauthHeader = "Id,AppName,UserId,AppMenuItemId,UseCount,LastUsedDate,CreatedDate";

    [TestCase("0DSxx0000l9epQnGAI,12,2025-03-01T09:00:00.000Z,2025-03-04T09:12:44.000Z", "LastUsedDate", "before CreatedDate")]
    [TestCase("0DSxx0000l9ep,12,2026-11-28T11:14:02.000Z,2025-03-04T09:12:44.000Z", "AppMenuItemId", "13 characters")]
    [TestCase("0DSxx0000l9epQnGAI,twelve,2026-11-28T11:14:02.000Z,2025-03-04T09:12:44.000Z", "UseCount", "not a whole number")]
    [TestCase("0DSxx0000l9epQnGAI,12,2026-11-28T11:14:02.000Z,2025-02-30T09:12:44.000Z", "CreatedDate", "not an ISO time")]
    public async Task OauthToken_MalformedColumn_IsABadRowNamingIt(string rest, string column, string reason)
    {
        await using var test = await TestLedger.CreateAsync();

        var (result, events) = await ImportAsync(test, "sf-oauth-tokens", File(OauthHeader, $",Acme Sync Connector,005xx000001Sv8QAAS,{rest}"));

        AssertOneBadRow(result, events, 2, column, reason);
    }

    private const string AuditApiHeader = "Id,CreatedDate,CreatedBy.Username,Action,Section,Display";

    [Test]
    public async Task SetupAuditTrail_BothSpellingsOfTheDateThatDisagree_AreABadRow()
    {
        await using var test = await TestLedger.CreateAsync();
        const string header = "Date,CreatedDate,User,Action,Section";

        var (result, events) = await ImportAsync(test, "sf-setup-audit-trail", File(header,
            "\"11/28/2026, 3:04:05 PM PST\",2026-11-28T23:04:05.000Z,admin.ops@example.com,Reset password for a@example.com,Manage Users",
            "\"11/28/2026, 3:05:00 PM PST\",2026-11-28T22:05:00.000Z,admin.ops@example.com,Reset password for b@example.com,Manage Users"));

        AssertOneBadRow(result, events, 3, "CreatedDate", "'2026-11-28T22:05:00.000Z' disagrees with Date '11/28/2026, 3:05:00 PM PST'", "23:05:00 UTC");
    }

    [Test]
    public async Task SetupAuditTrail_MalformedId_IsABadRow()
    {
        await using var test = await TestLedger.CreateAsync();

        var (result, events) = await ImportAsync(test, "sf-setup-audit-trail", File(AuditApiHeader,
            "0Ymxx0000000001,2026-11-28T23:04:05.000+0000,admin.ops@example.com,PermSetCreate,Manage Users,Created permission set X",
            "0Ymxx00000000-2,2026-11-28T23:05:05.000+0000,admin.ops@example.com,PermSetCreate,Manage Users,Created permission set Y"));

        AssertOneBadRow(result, events, 3, "Id", "other than letters and digits");
    }

    [Test]
    public async Task SetupAuditTrail_EmptyDateWithACreatedDate_TakesTheCreatedDate()
    {
        await using var test = await TestLedger.CreateAsync();
        const string header = "Date,CreatedDate,User,Action,Section";

        var (result, events) = await ImportAsync(test, "sf-setup-audit-trail", File(header,
            ",2026-11-28T23:04:05.000Z,Automated Process,Reset password for a@example.com,Manage Users"));

        Assert.That((result.Counts.Rejected, events), Is.EqualTo((0L, 1)), string.Join("; ", result.Errors));
        Assert.That((await test.Ledger.Db.UsageEvents.SingleAsync()).OccurredAt, Is.EqualTo(new DateTime(2026, 11, 28, 23, 4, 5, DateTimeKind.Utc)));
    }

    [Test]
    public async Task IntegrationsTemplate_VettingDetailsWithoutTheirDate_AreABadRow()
    {
        await using var test = await TestLedger.CreateAsync();
        var path = Samples.Write(test, "integrations.csv",
            "name,vendor,vetted_on,vetted_by,vetting_outcome\nNightly ETL,Acme Sync,,Gus Meyer,approved\n");

        var result = await test.Ledger.ImportInventoryAsync(new ImportFile("integrations", path));

        Assert.That(result.Errors.Select(e => (e.Line, e.Field)), Is.EqualTo(new[] { (2L, "vetted_by"), (2L, "vetting_outcome") }));
        Assert.That(result.Errors[0].Reason, Does.Contain("without vetted_on"));
        Assert.That(await test.Ledger.Db.Integrations.CountAsync(), Is.Zero);
    }

    [Test]
    public async Task IntegrationsTemplate_OutcomeSpelledLoosely_IsABadRow()
    {
        await using var test = await TestLedger.CreateAsync();
        var path = Samples.Write(test, "integrations.csv",
            "name,vendor,vetted_on,vetted_by,vetting_outcome\nNightly ETL,Acme Sync,2026-01-10,Gus Meyer,a-p-p-roved\n");

        var result = await test.Ledger.ImportInventoryAsync(new ImportFile("integrations", path));

        Assert.That(result.Errors.Select(e => (e.Line, e.Field)), Is.EqualTo(new[] { (2L, "vetting_outcome") }));
        Assert.That(await test.Ledger.Db.Integrations.CountAsync(), Is.Zero);
    }

    [Test]
    public async Task EverySample_StillImportsWithNoBadRow()
    {
        await using var test = await TestLedger.CreateAsync();
        var samples = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "samples", "salesforce"), "*.csv")
            .Where(f => !f.EndsWith("report-export-users.csv", StringComparison.Ordinal));
        // The other access exports name the User export's users, so it is imported first, for real.
        await new ImportFileHandler(test.Ledger).HandleAsync(new ImportFile("sf-users", Samples.Salesforce("user.csv")));

        foreach (var sample in samples)
        {
            var result = await new ImportFileHandler(test.Ledger).HandleAsync(new ImportFile("auto", sample, DryRun: true, TimeZone: "America/Los_Angeles"));
            Assert.That(result.ErrorCount, Is.Zero, $"{Path.GetFileName(sample)}: {string.Join("; ", result.Errors)}");
        }
    }
}
