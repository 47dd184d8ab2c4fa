using System.Globalization;
using System.Text.Json;
using IntegrationLedger.Cli.Infrastructure;
using IntegrationLedger.Cli.Tests.Support;

namespace IntegrationLedger.Cli.Tests.Commands;

/// <summary>
/// <c>ledger incident start | list | show | step | close</c>: vendor Acme's integration "Acme Connector" claims the
/// sample's Acme Sync Connector app by its name, uses acme-token on integration.sync's account, and may connect only
/// from 192.0.2.0/24; its requests since 28 November 10:30 include two from 203.0.113.50. Its runbook has six steps:
/// revoke the app's OAuth tokens, rotate its secret, reset acme-token, freeze integration.sync, review, re-vet Acme.
/// </summary>
public class IncidentCommandTests
{
    private const string When = "2026-11-28T10:30:00Z";

    private CliRunner _cli = null!;

    private static string Sample(string file) => Path.Combine(AppContext.BaseDirectory, "samples", "salesforce", file);

    [SetUp]
    public async Task CreateLedger()
    {
        _cli = await CliRunner.WithLedgerAsync();
        _cli.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));
        await SucceedsAsync("person", "add", "--email", "ana@example.com", "--name", "Ana Lima");
        await SucceedsAsync("integration", "add", "--name", "Acme Connector", "--vendor", "Acme", "--owner", "ana@example.com", "--allow-cidr", "192.0.2.0/24",
            "--match-app", "Acme Sync Connector", "--match-account", "integration.sync@example.com");
        await SucceedsAsync("token", "add", "--label", "acme-token", "--kind", "salesforce-security-token", "--owner", "ana@example.com",
            "--account", "integration.sync@example.com", "--account-user-id", "005xx000001Sv7A");
        await SucceedsAsync("token", "use", "acme-token", "--by", "Acme Connector", "--purpose", "API login");
        await SucceedsAsync("import", "auto", Sample("connectedapplication.csv"));
        await SucceedsAsync("import", "auto", Sample("oauthtoken.csv"));

        var lines = new List<string> { "EVENT_TYPE,TIMESTAMP,REQUEST_ID,USER_ID,USER_NAME,CLIENT_IP,METHOD,STATUS_CODE,ENTITY_NAME,ROWS_PROCESSED,RESPONSE_SIZE" };
        void Request(string at, string ip, string entity, long rows) => lines.Add(string.Join(",", "RestApi", at, $"4ZZcli{lines.Count:D4}", "005xx000001Sv7A",
            "integration.sync@example.com", ip, "GET", "200", entity, rows.ToString(CultureInfo.InvariantCulture), (rows * 100).ToString(CultureInfo.InvariantCulture)));
        Request("20261127020000.000", "192.0.2.10", "Account", 1_000);
        Request("20261128090000.000", "192.0.2.10", "Account", 1_100);
        Request("20261128110000.000", "203.0.113.50", "Contact", 300);
        Request("20261129020000.000", "192.0.2.10", "Account", 1_200);
        Request("20261129040000.000", "203.0.113.50", "Contact", 5_000);
        var file = Path.Combine(_cli.Folder, "restapi.csv");
        await File.WriteAllTextAsync(file, string.Join("\n", lines) + "\n");
        await SucceedsAsync("import", "sf-elf", file);
        // The incidents open an hour after all this was recorded (acme-token was registered, so last rotated, at 08:00).
        _cli.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
    }

    [TearDown]
    public void RemoveLedger() => _cli.Dispose();

    private async Task<CliResult> SucceedsAsync(params string[] args)
    {
        var result = await _cli.LedgerAsync(args);
        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), $"ledger {string.Join(' ', args)}\n{result}");
        return result;
    }

    private async Task<CliResult> RefusedAsync(params string[] args)
    {
        var result = await _cli.LedgerAsync(args);
        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.BadInput), $"ledger {string.Join(' ', args)}\n{result}");
        Assert.That(result.Error.Trim().Split('\n'), Has.Length.EqualTo(1), "one sentence, no stack trace");
        return result;
    }

    private Task<CliResult> StartAsync() => SucceedsAsync("incident", "start", "--vendor", "Acme", "--reason", "Acme reports stolen OAuth tokens", "--since", When);

    private async Task<int> AuditCountAsync(string action) =>
        (await _cli.LedgerAsync("audit", "log", "--json")).Json.EnumerateArray().Count(e => e.GetProperty("action").GetString() == action);

    [Test]
    public async Task IncidentStart_ForAVendor_PrintsTheScopeAndTheRunbook_AndExitsZero()
    {
        var result = await StartAsync();

        Assert.That(result.Out, Does.Contain("INC-1  vendor Acme: Acme reports stolen OAuth tokens"));
        Assert.That(result.Out, Does.Contain("Scope when opened: 1 connected app(s), 1 integration(s) (Acme Connector), 1 ledger token(s), 1 integration account(s)."));
        Assert.That(result.Out, Does.Contain("Acme Sync Connector").And.Contain("0H4xx0000004CmdCAE"));
        Assert.That(result.Out, Does.Match(@"Acme Sync Connector\s*│\s*005xx000001Tb2cAAC\s*│\s*1\s*│\s*2026-04-01"),
            "each holder of the app's OAuth tokens, by user id where the ledger knows no username");
        Assert.That(result.Out, Does.Contain("Activity since 2026-11-28 10:30 UTC: 3 requests, 6,500 rows"), "11:00 on the 28th from the events, the 29th from the baselines");
        Assert.That(result.Out, Does.Contain("203.0.113.50").And.Contain("OUTSIDE the allowed networks"));
        Assert.That(result.Out, Does.Contain("Runbook (6 of 6 step(s) left):"));
        Assert.That(result.Out, Does.Contain("ledger token reset acme-token").And.Contain("integration.sync@example.com"));
        Assert.That(result.Out, Does.Contain("Confirm a step: ledger incident step INC-1 STEP --done --note TEXT"));
        Assert.That(await AuditCountAsync("incident.start"), Is.GreaterThan(0));
    }

    [Test]
    public async Task IncidentShow_AsJson_HasTheStepsInOrder()
    {
        await StartAsync();

        var json = (await SucceedsAsync("incident", "show", "INC-1", "--json")).Json;

        Assert.That(json.GetProperty("id").GetString(), Is.EqualTo("INC-1"));
        var steps = json.GetProperty("steps").EnumerateArray().ToList();
        Assert.That(steps.Select(s => (s.GetProperty("number").GetInt32(), s.GetProperty("kind").GetString(), s.GetProperty("target").GetString())), Is.EqualTo(new[]
        {
            (1, "revoke-oauth-tokens", "Acme Sync Connector"),
            (2, "rotate-consumer-secret", "Acme Sync Connector"),
            (3, "reset-token", "acme-token"),
            (4, "freeze-account", "integration.sync@example.com"),
            (5, "review-activity", "activity"),
            (6, "revet-vendor", "Acme"),
        }));
        Assert.That(steps.Select(s => s.GetProperty("status").GetString()), Is.All.EqualTo("pending"));
        var activity = json.GetProperty("scope").GetProperty("activity");
        Assert.That((activity.GetProperty("calls").GetInt64(), activity.GetProperty("rows").GetInt64()), Is.EqualTo((3L, 6_500L)));
        Assert.That(activity.GetProperty("sources").EnumerateArray().Where(s => s.GetProperty("outsideAllowed").GetBoolean()).Select(s => s.GetProperty("address").GetString()),
            Is.EqualTo(new[] { "203.0.113.50" }));
    }

    [Test]
    public async Task IncidentStart_AnUnknownVendor_ExitsTwoNamingTheCloseMatch()
    {
        var result = await RefusedAsync("incident", "start", "--vendor", "Acmee", "--reason", "Advisory");

        Assert.That(result.Error, Does.Contain("No integration or connected app has the vendor 'Acmee'.").And.Contain("Did you mean 'Acme'?"));
        Assert.That(await AuditCountAsync("incident.start"), Is.Zero);
    }

    [TestCase("2026-12-02", TestName = "IncidentStart_SinceADayInTheFuture_ExitsTwo")]
    [TestCase("2026-12-01T09:00:01Z", TestName = "IncidentStart_SinceASecondFromNow_ExitsTwo")]
    public async Task IncidentStart_SinceInTheFuture_ExitsTwo(string since)
    {
        var result = await RefusedAsync("incident", "start", "--vendor", "Acme", "--reason", "Advisory", "--since", since);

        Assert.That(result.Error, Does.Contain("is in the future"));
        Assert.That((await SucceedsAsync("incident", "list", "--json")).Json.GetArrayLength(), Is.Zero);
    }

    [Test]
    public async Task IncidentStart_WithBothVendorAndApp_ExitsTwo()
    {
        var result = await RefusedAsync("incident", "start", "--vendor", "Acme", "--app", "Acme Sync Connector", "--reason", "Advisory");

        Assert.That(result.Error, Does.Contain("Give either --vendor or --app"));
    }

    [Test]
    public async Task IncidentStep_ANumberThatIsNotAStep_ExitsTwo()
    {
        await StartAsync();

        var result = await RefusedAsync("incident", "step", "INC-1", "99", "--done", "--note", "x");

        Assert.That(result.Error, Does.Contain("INC-1 has no step 99; its steps are 1 to 6."));
        Assert.That(await AuditCountAsync("incident.step"), Is.Zero);
    }

    [Test]
    public async Task IncidentStep_WithNeitherDoneNorNotApplicable_ExitsTwo()
    {
        await StartAsync();

        var result = await RefusedAsync("incident", "step", "INC-1", "1", "--note", "x");

        Assert.That(result.Error, Does.Contain("Give either --done or --not-applicable."));
    }

    [Test]
    public async Task IncidentClose_WithStepsLeft_ExitsTwoNamingThem()
    {
        await StartAsync();
        await SucceedsAsync("incident", "step", "INC-1", "1", "--done", "--note", "Revoked All");

        var result = await RefusedAsync("incident", "close", "INC-1", "--note", "Done");

        Assert.That(result.Error, Does.Contain("INC-1 has 5 steps left (2, 3, 4, 5, 6)"));
        Assert.That((await SucceedsAsync("incident", "show", "INC-1", "--json")).Json.GetProperty("closedAt").ValueKind, Is.EqualTo(JsonValueKind.Null));
    }

    [Test]
    public async Task WorkingEveryStep_ThenClose_ExitsZero_AndTheListShowsItClosed()
    {
        await StartAsync();
        _cli.Clock.Advance(TimeSpan.FromHours(1));
        await SucceedsAsync("incident", "step", "INC-1", "1", "--done", "--note", "Revoked All in Connected Apps OAuth Usage");
        await SucceedsAsync("incident", "step", "inc-1", "2", "--done", "--note", "Secret rotated, sent by the vendor portal");

        var tooSoon = await RefusedAsync("incident", "step", "INC-1", "3", "--done", "--note", "Reset");
        Assert.That(tooSoon.Error, Does.Contain("'acme-token' has not been reset since INC-1 was opened"));
        await SucceedsAsync("token", "reset", "acme-token");
        await SucceedsAsync("token", "confirm", "acme-token", "--integration", "Acme Connector");
        await SucceedsAsync("incident", "step", "INC-1", "3", "--done", "--note", "Reset, connector updated");
        await SucceedsAsync("incident", "step", "INC-1", "4", "--not-applicable", "--note", "Login IP ranges restricted instead");
        var review = await SucceedsAsync("incident", "step", "1", "5", "--done", "--note", "Two Contact reads from 203.0.113.50: the vendor's");
        Assert.That(review.Out, Does.Contain("INC-1 step 5 is done: Two Contact reads from 203.0.113.50: the vendor's").And.Contain("1 step(s) left: 6"));
        await RefusedAsync("incident", "step", "INC-1", "6", "--done", "--note", "Re-vetted");
        await SucceedsAsync("integration", "vet", "Acme Connector", "--reviewer", "Gus", "--outcome", "approved-with-conditions");
        var last = await SucceedsAsync("incident", "step", "INC-1", "6", "--done", "--note", "Re-vetted: SEC-812");
        Assert.That(last.Out, Does.Contain("Every step is settled: ledger incident close INC-1 --note TEXT."));

        var closed = await SucceedsAsync("incident", "close", "INC-1", "--note", "Tokens cut off; nothing else read");

        Assert.That(closed.Out, Does.Contain("INC-1 is closed: Tokens cut off; nothing else read"));
        var list = await SucceedsAsync("incident", "list");
        Assert.That(list.Out, Does.Contain("INC-1").And.Contain("vendor Acme").And.Contain("0 of 6").And.Contain("2026-12-01 10:00"));
        Assert.That(list.Out, Does.Contain("1 incident(s)."));
        var json = (await SucceedsAsync("incident", "list", "--json")).Json.EnumerateArray().Single();
        Assert.That((json.GetProperty("isClosed").GetBoolean(), json.GetProperty("stepsLeft").GetInt32(), json.GetProperty("closedBy").GetString()), Is.EqualTo((true, 0, "tester")));
        Assert.That(json.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("status").GetString()),
            Is.EqualTo(new[] { "done", "done", "done", "not-applicable", "done", "done" }));
        Assert.That(await AuditCountAsync("incident.close"), Is.EqualTo(1));
        var verify = await _cli.LedgerAsync("audit", "verify");
        Assert.That(verify.ExitCode, Is.EqualTo(ExitCodes.Success), verify.ToString());
    }

    [Test]
    public async Task IncidentStep_OnAClosedIncident_ExitsTwo()
    {
        await StartAsync();
        foreach (var step in Enumerable.Range(1, 6))
            await SucceedsAsync("incident", "step", "INC-1", step.ToString(CultureInfo.InvariantCulture), "--not-applicable", "--note", "Drill");
        await SucceedsAsync("incident", "close", "INC-1", "--note", "A drill");

        var result = await RefusedAsync("incident", "step", "INC-1", "1", "--done", "--note", "x");

        Assert.That(result.Error, Does.Contain("INC-1 was closed on 2026-12-01 09:00 UTC by tester; nothing of it changes now."));
    }

    [Test]
    public async Task IncidentShow_AnIncidentThatIsNotThere_ExitsTwo()
    {
        var result = await RefusedAsync("incident", "show", "INC-4");

        Assert.That(result.Error, Does.Contain("No incident 'INC-4' is in the ledger; none has been started"));
    }
}
